// What a number cell means and how it adds up, for an editor's hover: the row and column it sits
// in and, on a total, the relation (勾稽关系) spelled out with the document's own values, so a
// clerk sees which part is off without a calculator.
import { REQUEST_ROWS, requestRelations, reviewRelations, type Relation, type Term } from './format';
import type { Cell, Report, Row, Table } from './model';
import type { Locale, Localized } from './types';

export interface CellLocation {
  table: Table;
  row: Row;
  cell: Cell;
}

/** The cell under an offset; an end offset counts, so a cursor just after "13" is on it. */
export function cellAt(report: Report, offset: number): CellLocation | undefined {
  for (const table of report.tables) {
    if (offset < table.span.start || offset > table.span.end) continue;
    for (const row of table.rows) {
      const cell = row.cells.find((c) => c.span.start <= offset && offset <= c.span.end);
      if (cell) return { table, row, cell };
    }
  }
  return undefined;
}

/** Markdown for the cell under the offset, or undefined when the offset is not on a cell. */
export function hoverAt(report: Report, offset: number, locale: Locale): string | undefined {
  const at = cellAt(report, offset);
  if (!at) return undefined;
  const paragraphs = [`**${cellName(at.table, at.row, at.cell)}**`];
  for (const relation of relationsOf(at.table)) {
    const line = describe(relation, at, locale);
    if (line) paragraphs.push(line);
  }
  return paragraphs.join('\n\n');
}

/** The same relations the checks use: those of the format the table was read in. */
function relationsOf(table: Table): Relation[] {
  if (table.kind === 'requests') return requestRelations(table.format);
  if (table.kind === 'review') return reviewRelations();
  return [];
}

const BALANCE_ROWS = ['new', 'carried', 'resultTotal', 'carryOver'];
/** Past this many terms a formula lists only the non-zero ones (R2 has up to 21). */
const MAX_LISTED_TERMS = 8;

function describe(relation: Relation, at: CellLocation, locale: Locale): string | undefined {
  const { table, row, cell } = at;
  if (relation.id === 'R1') {
    const inColumn = relation.along === cell.column.id;
    return inColumn && BALANCE_ROWS.includes(row.def.id) ? balance(relation, table, locale) : undefined;
  }
  if (relation.total.row !== row.def.id || relation.total.column !== cell.column.id) return undefined;
  return total(relation, table, locale);
}

/** R2, R3, R4: the total cell against the sum of its parts. */
function total(relation: Relation, table: Table, locale: Locale): string {
  const totalTerm = relation.terms.find((t) => t.coefficient === 1)!;
  const parts = relation.terms.filter((t) => t.coefficient === -1);
  const written = termValue(table, totalTerm);
  const values = parts.map((term) => ({ term, value: termValue(table, term) }));
  const sum = values.reduce((s, v) => s + v.value.number, 0);
  const listed = parts.length > MAX_LISTED_TERMS ? values.filter((v) => v.value.number !== 0) : values;
  const zeros = values.length - listed.length;
  const addends = listed.map((v) => `${termName(table, relation, v.term)} ${show(v.value, locale)}`);
  if (zeros > 0) addends.push(text(locale, { 'zh-cn': `其余 ${zeros} 项 0`, en: `${zeros} others 0` }));
  const kind = KINDS[relation.id];
  const head = `${text(locale, kind)}${termName(table, relation, totalTerm)} = ${addends.join(' + ') || '0'} = ${sum}`;
  return head + writtenAndDifference(show(written, locale), written.number - sum, locale);
}

/** R1: 一 + 二 against （七） + 四 in this column. */
function balance(relation: Relation, table: Table, locale: Locale): string {
  const side = (coefficient: 1 | -1) => {
    const terms = relation.terms.filter((t) => t.coefficient === coefficient);
    const values = terms.map((t) => termValue(table, t));
    const names = terms.map((t) => ordinalOf(t.row)).join(' + ');
    const sum = values.reduce((s, v) => s + v.number, 0);
    return { text: `${names} = ${values.map((v) => show(v, locale)).join(' + ')} = ${sum}`, sum };
  };
  const received = side(1);
  const handled = side(-1);
  const difference = Math.abs(received.sum - handled.sum);
  const separator = text(locale, { 'zh-cn': '；', en: '; ' });
  const off = difference ? text(locale, { 'zh-cn': `，相差 ${difference}`, en: `, off by ${difference}` }) : '';
  return `${text(locale, KINDS.R1)}${received.text}${separator}${handled.text}${off}`;
}

const KINDS: Record<Relation['id'], Localized> = {
  R1: { 'zh-cn': '勾稽关系：', en: 'Balance: ' },
  R2: { 'zh-cn': '列合计：', en: 'Column total: ' },
  R3: { 'zh-cn': '行合计：', en: 'Row total: ' },
  R4: { 'zh-cn': '合计：', en: 'Total: ' },
};

function writtenAndDifference(written: string, difference: number, locale: Locale): string {
  const off = Math.abs(difference);
  return off === 0
    ? text(locale, { 'zh-cn': `，填报 ${written}`, en: `, written ${written}` })
    : text(locale, { 'zh-cn': `，填报 ${written}，相差 ${off}`, en: `, written ${written}, off by ${off}` });
}

interface TermValue {
  number: number;
  /** Why the number is a stand-in 0. */
  stand?: 'blank' | 'invalid' | 'missing';
  raw?: string;
}

function termValue(table: Table, term: Term): TermValue {
  const row = table.rows.find((r) => r.def.id === term.row);
  const cell = row?.cells.find((c) => c.column.id === term.column);
  if (!cell) return { number: 0, stand: 'missing' };
  if (cell.value !== null) return { number: cell.value };
  return cell.kind === 'invalid' ? { number: 0, stand: 'invalid', raw: cell.raw } : { number: 0, stand: 'blank' };
}

function show(value: TermValue, locale: Locale): string {
  switch (value.stand) {
    case undefined:
      return String(value.number);
    case 'blank':
      return text(locale, { 'zh-cn': '0（空）', en: '0 (blank)' });
    case 'missing':
      return text(locale, { 'zh-cn': '0（缺）', en: '0 (missing)' });
    case 'invalid': {
      const raw = escapeMarkdown(value.raw ?? '');
      return text(locale, { 'zh-cn': `0（“${raw}”不是数字）`, en: `0 ("${raw}" is not a number)` });
    }
  }
}

/** Within a row (R3, R4) a term is named by its column; within a column (R2) by its row. */
function termName(table: Table, relation: Relation, term: Term): string {
  if (relation.id === 'R2') return rowName(term.row);
  const column = table.columns.find((c) => c.id === term.column);
  return column?.label ?? term.column;
}

function cellName(table: Table, row: Row, cell: Cell): string {
  // Table 四 has one row; its columns repeat 结果维持 … under three blocks, so the block names it.
  if (table.kind === 'review') return cell.column.short;
  const name = table.kind === 'requests' ? rowName(row.def.id) : row.def.label;
  return `${name} · ${cell.column.label}`;
}

/** "（二）部分公开" without its note; an item with its group's ordinal, "（五）2.重复申请". */
function rowName(rowId: string): string {
  const index = REQUEST_ROWS.findIndex((r) => r.id === rowId);
  if (index < 0) return rowId;
  const def = REQUEST_ROWS[index];
  const label = def.label.replace(/（[^（）]*）$/, '');
  if (!/^\d/.test(def.ordinal)) return label;
  const group = REQUEST_ROWS.slice(0, index).reverse().find((r) => r.ordinal.startsWith('（'));
  return (group?.ordinal ?? '') + label;
}

/** 一, 二, （七）, 四: the short names the table's own note uses. */
function ordinalOf(rowId: string): string {
  const ordinal = REQUEST_ROWS.find((r) => r.id === rowId)?.ordinal ?? rowId;
  return ordinal.replace(/[、.]$/, '');
}

function text(locale: Locale, localized: Localized): string {
  return localized[locale];
}

function escapeMarkdown(raw: string): string {
  return raw.replace(/[\\`*_{}[\]<>|#]/g, '\\$&');
}
