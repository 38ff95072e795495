import type { Cell } from '../model';
import type { Check } from '../rule';
import { localized } from '../rule';
import { expectedRows } from '../parse/tables';
import { formatNumber, rowName, tableName, writeCells } from './shared';

export const blankCell: Check = {
  id: 'blank-cell',
  defaultSeverity: 'warning',
  fixable: true,
  description: localized(
    '数据格空白或填写“/”“-”“—”。计算时按 0 处理；空白的总计按各项之和计。',
    'A data cell left blank or written "/", "-", "—"; it counts as 0 in the arithmetic, a blank total as the sum of its parts.',
  ),
  messages: {
    blank: localized(
      '“{row}”行有 {count} 个空白格（{columns}），计算时按 0 处理；应填写 0。',
      'Row “{row}” has {count} blank cell(s) ({columns}), counted as 0; write 0 instead.',
    ),
    unfilled: localized(
      '{table}尚未填写：全部 {count} 个数据格都是空白。请按台账填写（没有的填 0）。',
      'The {table} is not filled in: all {count} of its cells are blank. Fill them in from the records (0 where there is nothing).',
    ),
    blankTotal: localized(
      '“{row}”行有 {count} 个空白格（{columns}）：空白的总计按各项之和 {totals} 计，其余按 0 计；应填写。',
      'Row “{row}” has {count} blank cell(s) ({columns}): a blank total counts as the sum of its parts ({totals}), the others as 0; fill them in.',
    ),
  },
  check: function blankCell(context) {
    // A cell an arithmetic correction rewrites gets its value from that finding, not here.
    const corrected = new Set<Cell>();
    const totals = new Map<Cell, number>();
    // A blank total's sum is certain only when no correction, or one certain correction, is pending.
    const uncertain = new Set<Cell>();
    for (const arithmetic of context.analysis.arithmetic) {
      if (arithmetic.corrections.length === 1) for (const change of arithmetic.corrections[0]) corrected.add(change.ref.cell);
      for (const [cell, value] of arithmetic.blankTotals) {
        totals.set(cell, value);
        if (arithmetic.failing.length > 0 && arithmetic.corrections.length !== 1) uncertain.add(cell);
      }
    }
    for (const table of context.report.tables) {
      const count = table.rows.reduce((sum, r) => sum + r.cells.length, 0);
      if (count > 0 && table.rows.every((r) => r.cells.every((c) => c.kind === 'blank')) && table.rows.length === expectedRows(table).length) {
        // A table never filled in (the template's, or pasted empty) claims nothing yet: one finding
        // for the table, and no fix, since only the clerk has its numbers. A warning, as for any blank
        // cell: a web page may also show a table of zeros as blank cells.
        context.emit({ message: 'unfilled', args: { table: tableName(table), count }, span: table.captionSpan });
        continue;
      }
      for (const row of table.rows) {
        // One finding per row: a table of blank 法人 columns would otherwise carry a hundred squiggles.
        const blanks = row.cells.filter((c) => c.kind === 'blank' && !corrected.has(c));
        if (blanks.length === 0) continue;
        const filledTotals = blanks.filter((c) => totals.has(c));
        const value = (c: Cell) => totals.get(c) ?? 0;
        const args = { row: rowName(row), count: blanks.length, columns: blanks.map((c) => c.column.short).join('、') };
        context.emit({
          message: filledTotals.length ? 'blankTotal' : 'blank',
          args: filledTotals.length ? { ...args, totals: filledTotals.map((c) => `${c.column.short} ${formatNumber(value(c))}`).join('、') } : args,
          span: { start: blanks[0].span.start, end: blanks[blanks.length - 1].span.end },
          fixes: [
            {
              title: filledTotals.length
                ? localized(`在 ${blanks.length} 个空白格中填写数字（总计为各项之和）`, `Fill in the ${blanks.length} blank cell(s) (totals as the sum of their parts)`)
                : localized(`在 ${blanks.length} 个空白格中填写 0`, `Write 0 in the ${blanks.length} blank cell(s)`),
              edits: writeCells(context.report, blanks.map((c) => ({ cell: c, value: formatNumber(value(c)) }))),
              ...(blanks.some((c) => uncertain.has(c)) ? {} : { preferred: true }),
            },
          ],
        });
      }
    }
  },
};
