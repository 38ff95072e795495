import type { Check } from '../rule';
import { localized } from '../rule';
import { cellName } from './shared';

import type { Report } from '../model';

/**
 * What separates two cells on the glued label's own line: the table's overall layout can be mixed,
 * and a space inside a pipe or tab cell separates nothing (fix-all would add spaces forever).
 */
function separatorAt(report: Report, offset: number): string {
  const line = report.lines.lineText(report.lines.lineOf(offset));
  if (line.includes('\t')) return '\t';
  if (line.includes('|')) return ' | ';
  const after = line.slice(offset - report.lines.lineStart(report.lines.lineOf(offset)));
  // PDF text keeps a row on one line ("label 1 0 3"); one cell per line puts the value on the next.
  return /\d\s+\S/.test(after) ? ' ' : '\n';
}

export const cellValue: Check = {
  id: 'cell-value',
  defaultSeverity: 'error',
  fixable: true,
  description: localized(
    '数据格不是应有的数字：文字、负数、非整数件数，或数字紧贴在标签后。',
    'A data cell that is not a number where one belongs, a negative count, or digits glued to a label.',
  ),
  messages: {
    invalid: localized('{cell}应为{kind}，实际填写“{raw}”。', '{cell} should hold {kindEn}, but reads “{raw}”.'),
    'two-numbers': localized(
      '{cell}中写了两个数“{raw}”：一格只能填一个数，未计入校验。',
      '{cell} holds two numbers (“{raw}”): a cell takes one number; it is left out of the checks.',
    ),
    approximate: localized(
      '{cell}填写的是约数“{raw}”：应填写准确数字，未计入校验。',
      '{cell} holds an approximation (“{raw}”): write the exact number; it is left out of the checks.',
    ),
    'too-large': localized(
      '{cell}的数字“{raw}”过大，无法准确核对：请检查是否多写了数字。',
      '{cell} holds “{raw}”, too large to check exactly; check for extra digits.',
    ),
    negative: localized('{cell}为负数 {raw}：件数不能为负。', '{cell} is negative ({raw}): a count cannot be negative.'),
    gluedExtra: localized(
      '标签“{label}”后紧贴数字“{raw}”，不属于任何数据格，应删除。',
      'The digits “{raw}” are glued to the label “{label}” and belong to no cell; delete them.',
    ),
    gluedCells: localized(
      '数字“{raw}”紧贴在标签“{label}”后，已作为本行前 {count} 格读取；应与标签分开，格与格之间也应分开。',
      'The digits “{raw}” are glued to the label “{label}”; they were read as the row’s first {count} cells. Separate them from the label and from each other.',
    ),
    gluedCell: localized(
      '数字“{raw}”紧贴在标签“{label}”后，已作为本行第一格读取；应与标签分开。',
      'The number “{raw}” is glued to the label “{label}”; it was read as the row’s first cell. Separate it from the label.',
    ),
  },
  check: function cellValue(context) {
    for (const table of context.report.tables) {
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (cell.kind === 'invalid' && cell.problem && cell.problem !== 'not-a-number') {
            context.emit({ message: cell.problem, args: { cell: cellName(row, cell), raw: cell.raw }, span: cell.span });
          } else if (cell.kind === 'invalid') {
            const integer = cell.column.type === 'count';
            context.emit({
              message: 'invalid',
              args: {
                cell: cellName(row, cell),
                raw: cell.raw,
                kind: integer ? '非负整数' : cell.column.type === 'change' ? '增减数（如“增5”“减3”“-3”）' : '数字',
                kindEn: integer ? 'a non-negative whole number' : cell.column.type === 'change' ? 'a change (“增5”, “减3”, “-3”)' : 'a number',
              },
              span: cell.span,
            });
          } else if (cell.kind === 'number' && cell.value !== null && cell.value < 0 && cell.column.type !== 'change') {
            context.emit({ message: 'negative', args: { cell: cellName(row, cell), raw: cell.raw }, span: cell.span });
          }
          if (cell.gluedToLabel && cell === row.cells.find((c) => c.gluedToLabel)) {
            // "规章000": several cells glued to the label and to each other are one finding, one fix.
            const glued = row.cells.filter((c) => c.gluedToLabel);
            const separator = separatorAt(context.report, cell.span.start);
            const span = { start: glued[0].span.start, end: glued[glued.length - 1].span.end };
            context.emit({
              message: glued.length > 1 ? 'gluedCells' : 'gluedCell',
              args: { raw: context.report.text.slice(span.start, span.end), label: row.label, count: glued.length },
              span,
              // Digits glued to the end of a label wrapped after the row's numbers: set apart there,
              // they would read as the row's last cell, not its first. The clerk moves them.
              fixes: row.labelWrapped
                ? []
                : [
                    {
                      title: localized('把数字与标签分开', 'Separate the numbers from the label'),
                      edits: glued.map((c) => ({ span: { start: c.span.start, end: c.span.start }, newText: separator })),
                      preferred: true,
                    },
                  ],
            });
          }
        }
        if (row.gluedDigits) {
          context.emit({
            message: 'gluedExtra',
            args: { raw: row.gluedDigits.raw, label: row.label },
            span: row.gluedDigits.span,
            fixes: [{ title: localized(`删除“${row.gluedDigits.raw}”`, `Delete “${row.gluedDigits.raw}”`), edits: [{ span: row.gluedDigits.span, newText: '' }], preferred: true }],
          });
        }
      }
      for (const problem of table.problems) {
        if (problem.kind !== 'glued-digits' || !problem.text) continue;
        context.emit({
          message: 'gluedExtra',
          args: { raw: problem.text, label: problem.label ?? '' },
          span: problem.span,
          fixes: [{ title: localized(`删除“${problem.text}”`, `Delete “${problem.text}”`), edits: [{ span: problem.span, newText: '' }], preferred: true }],
        });
      }
    }
  },
};
