import type { Check } from '../rule';
import { localized } from '../rule';
import { rowName, tableName } from './shared';

export const tableShape: Check = {
  id: 'table-shape',
  defaultSeverity: 'error',
  fixable: false,
  description: localized(
    '某行的数字个数多于或少于表格的列数，或表格无法读取、在文档末尾中断。',
    'A row with more or fewer numbers than its table has columns; a table that could not be read or is cut off.',
  ),
  messages: {
    tooMany: localized('“{row}”行有 {found} 个数字，本表只有 {expected} 列：多出的数字未计入。', 'Row “{row}” has {found} numbers but the table has {expected} columns; the extra ones are ignored.'),
    tooFew: localized('“{row}”行只有 {found} 个数字，本表有 {expected} 列：此行未计入校验。', 'Row “{row}” has only {found} numbers but the table has {expected} columns; the row is left out of the checks.'),
    ambiguous: localized('“{row}”行的空白格位置无法确定（{found} 个数字，{expected} 列）：请在空白格中填写 0。', 'Row “{row}”: cannot tell which cells are blank ({found} numbers, {expected} columns); write 0 in the blank cells.'),
    duplicate: localized('“{row}”行在{table}中出现了两次：只读取第一次。', 'Row “{row}” appears twice in the {table}; only the first is read.'),
    cutOff: localized('{table}在文档末尾中断（节选或未写完）：缺少的行未作判断。', 'The {table} is cut off at the end of the text (an excerpt, or unfinished); the absent rows are not judged.'),
    unplaced: localized(
      '{table}中有 {found} 行数字没有行标签，无法确定各属哪一行{listed}：这些数字未计入校验，相关的勾稽关系未作检查。',
      'The {table} has {found} row(s) of numbers without a row label that could not be matched to their rows{listedEn}; they are not read, and the relations that need them are not checked.',
    ),
    unread: localized(
      '{table}中“{rows}”行的标签在文中，但其数字无法确定地读出：这些行未计入校验，相关的勾稽关系未作检查。',
      'In the {table}, the label of “{rows}” is in the text but its numbers could not be read with certainty; those rows are left out, and the relations that need them are not checked.',
    ),
    groupValues: localized('“{row}”是分组标题，不应填写数字。', '“{row}” is a group heading and carries no numbers.'),
  },
  check: function tableShape(context) {
    for (const table of context.report.tables) {
      for (const problem of table.problems) {
        const args = {
          row: problem.row?.label ?? problem.text ?? '',
          rows: (problem.rows ?? []).map((def) => rowName({ def })).join('”“'),
          found: problem.found ?? 0,
          expected: problem.expected ?? 0,
          table: tableName(table),
          listed: problem.rows?.length ? `（文中列出的是“${problem.rows.map((def) => rowName({ def })).join('”“')}”）` : '',
          listedEn: problem.rows?.length ? ` (the labels listed: “${problem.rows.map((def) => rowName({ def })).join('”, “')}”)` : '',
        };
        const message =
          problem.kind === 'too-many-values' ? 'tooMany'
          : problem.kind === 'too-few-values' ? 'tooFew'
          : problem.kind === 'ambiguous-blanks' ? 'ambiguous'
          : problem.kind === 'duplicate-row' ? 'duplicate'
          : problem.kind === 'cut-off' ? 'cutOff'
          : problem.kind === 'unknown-row' && problem.row ? 'groupValues'
          : problem.kind === 'unplaced-values' ? 'unplaced'
          : problem.kind === 'unread-rows' ? 'unread'
          : undefined;
        if (!message) continue;
        // What could not be read is said as a warning: the report may be right, the reading is uncertain.
        const uncertain = problem.kind === 'cut-off' || problem.kind === 'unplaced-values' || problem.kind === 'unread-rows' || problem.kind === 'ambiguous-blanks';
        context.emit({ message, args, span: problem.span, ...(uncertain ? { severity: 'warning' as const } : {}) });
      }
    }
  },
};
