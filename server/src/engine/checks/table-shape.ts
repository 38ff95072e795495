import type { Check } from '../rule';
import { localized } from '../rule';
import type { ShapeProblem, ShapeProblemKind } from '../model';
import type { Localized } from '../types';
import { joinLocalized, rowName, tableName } from './shared';

const MESSAGE_OF: Partial<Record<ShapeProblemKind, string>> = {
  'too-many-values': 'tooMany',
  'too-few-values': 'tooFew',
  'ambiguous-blanks': 'ambiguous',
  'duplicate-row': 'duplicate',
  'cut-off': 'cutOff',
  'unknown-row': 'groupValues',
  'unplaced-values': 'unplaced',
  'unread-rows': 'unread',
  'scrambled-values': 'scrambled',
  'values-after-wrap': 'afterWrap',
};

const UNCERTAIN: ShapeProblemKind[] = ['cut-off', 'unplaced-values', 'unread-rows', 'ambiguous-blanks', 'scrambled-values', 'values-after-wrap'];

function isUncertain(problem: ShapeProblem): boolean {
  return Boolean(problem.inferred) || UNCERTAIN.includes(problem.kind);
}

/** One part of "what could not be read", for the table's one finding. */
function describeUncertain(problem: ShapeProblem): Localized {
  const names = (problem.rows ?? (problem.row ? [problem.row] : [])).map((def) => rowName({ def }));
  const quoted = names.map((n) => `“${n}”`).join('');
  switch (problem.kind) {
    case 'unplaced-values':
      return localized(`${problem.found ?? 0} 行没有行标签的数字`, `${problem.found ?? 0} row(s) of numbers without a label`);
    case 'scrambled-values':
      return localized('与表头交错的数字', 'numbers interleaved with the header');
    case 'too-many-values':
      return localized(`${quoted}行（${problem.found} 个数字）`, `row ${quoted} (${problem.found} numbers)`);
    case 'too-few-values':
      return localized(`${quoted}行（只有 ${problem.found} 个数字）`, `row ${quoted} (only ${problem.found} numbers)`);
    default:
      return localized(`${quoted}行`, `row(s) ${quoted}`);
  }
}

export const tableShape: Check = {
  id: 'table-shape',
  defaultSeverity: 'error',
  fixable: false,
  description: localized(
    '某行的数字个数多于或少于表格的列数，或表格无法读取、在文档末尾中断。',
    'A row with more or fewer numbers than its table has columns; a table that could not be read or is cut off.',
  ),
  messages: {
    tooMany: localized('“{row}”行有 {found} 个数字，本表只有 {expected} 列：无法确定哪些是本行的，此行未计入校验。', 'Row “{row}” has {found} numbers but the table has {expected} columns; which are the row’s cannot be told, so the row is left out of the checks.'),
    tooFew: localized('“{row}”行只有 {found} 个数字，本表有 {expected} 列：此行未计入校验。', 'Row “{row}” has only {found} numbers but the table has {expected} columns; the row is left out of the checks.'),
    ambiguous: localized('“{row}”行的空白格位置无法确定（{found} 个数字，{expected} 列）：请在空白格中填写 0。', 'Row “{row}”: cannot tell which cells are blank ({found} numbers, {expected} columns); write 0 in the blank cells.'),
    duplicate: localized('“{row}”行在{table}中出现了两次：只读取第一次。', 'Row “{row}” appears twice in the {table}; only the first is read.'),
    cutOff: localized('{table}在文档末尾中断（节选或未写完）：缺少的行未作判断。', 'The {table} is cut off at the end of the text (an excerpt, or unfinished); the absent rows are not judged.'),
    unplaced: localized(
      '{table}中有 {found} 行数字没有行标签，无法确定各属哪一行{listed}：这些数字未计入校验，相关的勾稽关系未作检查。',
      'The {table} has {found} row(s) of numbers without a row label that could not be matched to their rows{listedEn}; they are not read, and the relations that need them are not checked.',
    ),
    unreadable: localized(
      '{table}有 {count} 处无法确定地读出：{parts}。这些数字未计入校验，相关的勾稽关系未作检查。',
      'The {table} has {count} part(s) that could not be read with certainty: {parts}. They are not read, and the relations that need them are not checked.',
    ),
    scrambled: localized(
      '{table}的数字与表头文字交错（多见于按列提取的 PDF 文本），无法确定各属哪一格：未计入校验。',
      'The numbers of the {table} are interleaved with its header text (as in column-wise PDF text), so which cell each belongs to cannot be told; they are not checked.',
    ),
    unread: localized(
      '{table}中“{rows}”行的标签在文中，但其数字无法确定地读出：这些行未计入校验，相关的勾稽关系未作检查。',
      'In the {table}, the label of “{rows}” is in the text but its numbers could not be read with certainty; those rows are left out, and the relations that need them are not checked.',
    ),
    afterWrap: localized(
      '“{row}”行的标签折到了数字之后，其后又有数字，无法确定各属哪一格：此行未计入校验。',
      'Row “{row}”: its label wraps after its numbers and more numbers follow it, so which cell each belongs to cannot be told; the row is left out of the checks.',
    ),
    groupValues: localized('“{row}”是分组标题，不应填写数字。', '“{row}” is a group heading and carries no numbers.'),
  },
  check: function tableShape(context) {
    for (const table of context.report.tables) {
      // What could not be read is said as a warning, once per table: the report may be right, the
      // reading is uncertain. A shape a delimited row itself has (a real defect) stays an error.
      const unsure = table.problems.filter((p) => isUncertain(p) && p.kind !== 'cut-off');
      if (unsure.length >= 2) {
        const parts = unsure.map((p) => describeUncertain(p));
        context.emit({
          message: 'unreadable',
          args: { table: tableName(table), count: unsure.length, parts: joinLocalized(parts) },
          span: unsure.reduce((first, p) => (p.span.start < first.start ? p.span : first), unsure[0].span),
          severity: 'warning',
        });
      }
      for (const problem of table.problems) {
        if (unsure.length >= 2 && unsure.includes(problem)) continue;
        const args = {
          row: problem.row?.label ?? problem.text ?? '',
          rows: (problem.rows ?? []).map((def) => rowName({ def })).join('”“'),
          found: problem.found ?? 0,
          expected: problem.expected ?? 0,
          table: tableName(table),
          listed: problem.rows?.length ? `（文中列出的是“${problem.rows.map((def) => rowName({ def })).join('”“')}”）` : '',
          listedEn: problem.rows?.length ? ` (the labels listed: “${problem.rows.map((def) => rowName({ def })).join('”, “')}”)` : '',
        };
        const message = MESSAGE_OF[problem.kind];
        if (!message || (problem.kind === 'unknown-row' && !problem.row)) continue;
        context.emit({ message, args, span: problem.span, ...(isUncertain(problem) ? { severity: 'warning' as const } : {}) });
      }
    }
  },
};
