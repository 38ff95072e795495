import type { Cell } from '../model';
import type { Check } from '../rule';
import { localized } from '../rule';
import { rowName, writeCell } from './shared';

export const blankCell: Check = {
  id: 'blank-cell',
  defaultSeverity: 'warning',
  fixable: true,
  description: localized(
    '数据格空白或填写“/”“-”“—”。计算时按 0 处理。',
    'A data cell left blank or written "/", "-", "—"; it counts as 0 in the arithmetic.',
  ),
  messages: {
    blank: localized(
      '“{row}”行有 {count} 个空白格（{columns}），计算时按 0 处理；应填写 0。',
      'Row “{row}” has {count} blank cell(s) ({columns}), counted as 0; write 0 instead.',
    ),
  },
  check: function blankCell(context) {
    // A cell an arithmetic correction rewrites gets its value from that finding, not 0.
    const corrected = new Set<Cell>();
    for (const arithmetic of context.analysis.arithmetic) {
      if (arithmetic.corrections.length === 1) for (const change of arithmetic.corrections[0]) corrected.add(change.ref.cell);
    }
    for (const table of context.report.tables) {
      for (const row of table.rows) {
        // One finding per row: a table of blank 法人 columns would otherwise carry a hundred squiggles.
        const blanks = row.cells.filter((c) => c.kind === 'blank' && !corrected.has(c));
        if (blanks.length === 0) continue;
        context.emit({
          message: 'blank',
          args: { row: rowName(row), count: blanks.length, columns: blanks.map((c) => c.column.short).join('、') },
          span: { start: blanks[0].span.start, end: blanks[blanks.length - 1].span.end },
          fixes: [
            {
              title: localized(`在 ${blanks.length} 个空白格中填写 0`, `Write 0 in the ${blanks.length} blank cell(s)`),
              edits: blanks.map((c) => writeCell(context.report, c, '0')),
              preferred: true,
            },
          ],
        });
      }
    }
  },
};
