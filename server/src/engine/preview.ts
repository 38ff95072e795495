// The tables of a report drawn as the official grid, for the editor's table preview: the header with
// its merged cells, the group labels spanning their items, every row of the format in order (an
// absent row shown as missing), each value as written, a wrong cell with the value that makes every
// relation hold. The model is plain data; the editor only renders it.
import type { Analysis } from './analysis';
import { formatNumber } from './checks/shared';
import {
  ACTIVE_TABLES,
  formatOfYear,
  REVIEW_BLOCKS,
  SECTIONS,
  TABLES,
  tableDef,
  CHINESE_NUMERALS,
  type ColumnDef,
  type FormatVersion,
  type RowDef,
  type TableKind,
} from './format';
import { cellAt, hoverAt } from './hover';
import type { Cell, Report, Row, Table } from './model';
import type { Finding, Locale, Localized, Range, RuleId, Span } from './types';

export type PreviewCellState =
  | 'ok'
  | 'wrong' // an arithmetic finding is shown on it; `expected` when the correction is certain
  | 'ambiguous' // a relation through it fails and several equally small corrections exist
  | 'candidate' // changed by one of those corrections
  | 'blank'
  | 'invalid' // text where a number belongs
  | 'unread' // the row's values could not be told apart (table-shape)
  | 'missing' // the row is absent from the draft
  | 'cut-off'; // the text stops before this row

export interface PreviewCell {
  column: string;
  /** The cell as written, '' when empty or absent. */
  text: string;
  state: PreviewCellState;
  /** The value that makes every relation hold, when that is certain. */
  expected?: string;
  /** Values the cell takes in the equally small corrections, when several exist. */
  candidates?: string[];
  /** Where the cell is in the document (for a click to select it); absent for a missing row. */
  range?: Range;
  /** Row, column, the relation with its values for a total, and the problems on this cell. */
  tooltip: string;
}

/** A header or label cell with its merge; the grid's rows hold only the cells that start in them. */
export interface PreviewSpanCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}

export interface PreviewLabel extends PreviewSpanCell {
  /** A label that groups the rows it spans and has no numbers of its own. */
  group: boolean;
  range?: Range;
}

export interface PreviewRow {
  id: string;
  state: 'present' | 'missing' | 'cut-off';
  labels: PreviewLabel[];
  cells: PreviewCell[];
}

export interface PreviewTable {
  kind: TableKind;
  /** "三、收到和处理政府信息公开申请情况" or "二、… 第二十条第（一）项". */
  title: string;
  version: FormatVersion;
  /** A required table the draft does not have. */
  missing: boolean;
  /** Where the table is in the document; absent when missing. */
  range?: Range;
  labelColumns: number;
  header: PreviewSpanCell[][];
  rows: PreviewRow[];
  /** What is wrong in the table, one short line; empty when nothing is. */
  summary: string;
}

export interface PreviewModel {
  title?: string;
  year?: number;
  tables: PreviewTable[];
}

const ARITHMETIC_RULES: ReadonlySet<RuleId> = new Set(['row-total', 'column-total', 'balance', 'review-total']);

/**
 * The preview of a report. `shown` are the findings the editor shows now (after rule settings,
 * ignored findings and the row being typed are taken out): a cell is marked wrong only when its
 * finding is shown, so the preview never disagrees with the Problems view.
 */
export function previewModel(report: Report, analysis: Analysis, shown: Finding[], locale: Locale): PreviewModel {
  const marks = arithmeticMarks(analysis, shown);
  const present = report.tables.map((table) => previewTable(report, table, marks, shown, locale));
  const tables = insertMissing(report, present, locale);
  return { title: report.title?.text, year: report.year, tables };
}

interface Mark {
  state: 'wrong' | 'ambiguous' | 'candidate';
  expected?: number;
  candidates: Set<number>;
}

/** The state of each cell an arithmetic finding is shown on, with its corrected value(s). */
function arithmeticMarks(analysis: Analysis, shown: Finding[]): Map<Cell, Mark> {
  const marks = new Map<Cell, Mark>();
  const arithmetic = shown.filter((f) => f.arithmetic || ARITHMETIC_RULES.has(f.rule));
  for (const table of analysis.arithmetic) {
    const findings = arithmetic.filter((f) => table.table.span.start <= f.span.start && f.span.end <= table.table.span.end);
    if (findings.length === 0) continue;
    const cellOf = (span: Span) => cellOfSpan(table.table, span);
    if (table.corrections.length === 1) {
      for (const change of table.corrections[0]) {
        if (findings.some((f) => sameSpan(f.span, change.ref.cell.span))) {
          marks.set(change.ref.cell, { state: 'wrong', expected: change.to, candidates: new Set() });
        }
      }
      continue;
    }
    for (const correction of table.corrections) {
      for (const change of correction) {
        const mark = marks.get(change.ref.cell) ?? { state: 'candidate', candidates: new Set<number>() };
        mark.candidates.add(change.to);
        marks.set(change.ref.cell, mark);
      }
    }
    for (const finding of findings) {
      const cell = cellOf(finding.span);
      if (!cell) continue;
      const mark = marks.get(cell) ?? { state: 'wrong', candidates: new Set<number>() };
      // Without any correction (too many cells disagree) the total is simply wrong.
      mark.state = table.corrections.length > 1 ? 'ambiguous' : 'wrong';
      marks.set(cell, mark);
    }
  }
  return marks;
}

function cellOfSpan(table: Table, span: Span): Cell | undefined {
  for (const row of table.rows) {
    const cell = row.cells.find((c) => sameSpan(c.span, span));
    if (cell) return cell;
  }
  return undefined;
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

function previewTable(report: Report, table: Table, marks: Map<Cell, Mark>, shown: Finding[], locale: Locale): PreviewTable {
  const version = table.version ?? formatOfYear(report.year);
  const layout = tableLayout(table.kind, version);
  const present = new Map(table.rows.map((row) => [row.def.id, row]));
  const counts = { wrong: 0, ambiguous: 0, blank: 0, invalid: 0, missing: 0 };
  const rows = layout.rows.map((gridRow): PreviewRow => {
    const row = present.get(gridRow.def.id);
    const state = row ? 'present' : table.cutOff ? 'cut-off' : 'missing';
    if (state === 'missing') counts.missing++;
    const labels = gridRow.labels.map((label) => {
      const labelRow = label.def.id === gridRow.def.id ? row : undefined;
      return {
        text: label.text,
        colSpan: label.colSpan,
        rowSpan: label.rowSpan,
        group: label.group,
        ...(labelRow ? { range: report.lines.rangeOf(labelRow.labelSpan) } : {}),
      };
    });
    const cells = table.columns.map((column) => {
      const cell = previewCell(report, table, row, state, column, marks, shown, locale);
      if (cell.state === 'wrong' || cell.state === 'ambiguous' || cell.state === 'blank' || cell.state === 'invalid') counts[cell.state]++;
      return cell;
    });
    return { id: gridRow.def.id, state, labels, cells };
  });
  return {
    kind: table.kind,
    title: tableTitle(table.kind),
    version,
    missing: false,
    range: report.lines.rangeOf(table.span),
    labelColumns: layout.labelColumns,
    header: layout.header(table.columns),
    rows,
    summary: summary(counts, locale),
  };
}

function previewCell(
  report: Report,
  table: Table,
  row: Row | undefined,
  rowState: PreviewRow['state'],
  column: ColumnDef,
  marks: Map<Cell, Mark>,
  shown: Finding[],
  locale: Locale,
): PreviewCell {
  if (!row) {
    const tooltip = `${column.label}\n\n${text(locale, rowState === 'cut-off' ? CUT_OFF : MISSING_ROW)}`;
    return { column: column.id, text: '', state: rowState === 'cut-off' ? 'cut-off' : 'missing', tooltip };
  }
  const cell = row.cells.find((c) => c.column.id === column.id);
  if (!cell) {
    return { column: column.id, text: '', state: 'unread', range: report.lines.rangeOf(row.labelSpan), tooltip: `${rowLabel(row)} · ${column.label}\n\n${text(locale, UNREAD)}` };
  }
  const mark = marks.get(cell);
  const lines = [describeCell(report, table, row, cell, locale)];
  let state: PreviewCellState = cell.kind === 'blank' ? 'blank' : cell.kind === 'invalid' ? 'invalid' : 'ok';
  const result: PreviewCell = { column: column.id, text: cell.raw, state, range: report.lines.rangeOf(cell.span), tooltip: '' };
  if (mark) {
    state = mark.state;
    if (mark.state === 'wrong' && mark.expected !== undefined) {
      result.expected = formatNumber(mark.expected);
      lines.push(text(locale, { 'zh-cn': `应为 ${result.expected}`, en: `Should be ${result.expected}` }));
    }
    if (mark.candidates.size > 0) {
      result.candidates = [...mark.candidates].sort((a, b) => a - b).map(formatNumber);
      const values = result.candidates.join(text(locale, { 'zh-cn': '或', en: ' or ' }));
      lines.push(text(locale, { 'zh-cn': `有多种同样少的改法，此格可能应为 ${values}`, en: `Several equally small corrections exist; this cell may be ${values}` }));
    }
  } else if (state === 'blank') lines.push(text(locale, BLANK));
  for (const finding of shown) {
    if (cell.span.start <= finding.span.start && finding.span.end <= cell.span.end && (finding.span.start !== finding.span.end || sameSpan(finding.span, cell.span))) {
      lines.push(finding.message[locale]);
    }
  }
  result.state = state;
  result.tooltip = [...new Set(lines)].join('\n\n');
  return result;
}

/** The editor's hover for this cell, as plain text; the row and column alone when the hover finds another cell. */
function describeCell(report: Report, table: Table, row: Row, cell: Cell, locale: Locale): string {
  const at = cellAt(report, cell.span.start);
  const markdown = at?.cell === cell ? hoverAt(report, cell.span.start, locale) : undefined;
  if (!markdown) return table.kind === 'review' ? cell.column.short : `${rowLabel(row)} · ${cell.column.label}`;
  return markdown.replace(/\*\*/g, '').replace(/\\(.)/g, '$1');
}

function rowLabel(row: Row): string {
  return row.def.label.replace(/（[^（）]*）$/, '');
}

const MISSING_ROW: Localized = { 'zh-cn': '草稿中缺少此行', en: 'This row is missing from the draft' };
const CUT_OFF: Localized = { 'zh-cn': '文本在此行之前中断', en: 'The text stops before this row' };
const UNREAD: Localized = { 'zh-cn': '此行的数字个数与列数不符，无法确定各数属于哪一列', en: 'This row has more or fewer numbers than columns: which number is which cannot be told' };
const BLANK: Localized = { 'zh-cn': '空白（计算时按 0）', en: 'Blank (counts as 0)' };

function summary(counts: { wrong: number; ambiguous: number; blank: number; invalid: number; missing: number }, locale: Locale): string {
  const parts: Localized[] = [];
  if (counts.wrong) parts.push({ 'zh-cn': `${counts.wrong} 格有误`, en: `${counts.wrong} wrong` });
  if (counts.ambiguous) parts.push({ 'zh-cn': `${counts.ambiguous} 处合计不符（有多种改法）`, en: `${counts.ambiguous} totals off (several corrections)` });
  if (counts.invalid) parts.push({ 'zh-cn': `${counts.invalid} 格不是数字`, en: `${counts.invalid} not a number` });
  if (counts.blank) parts.push({ 'zh-cn': `${counts.blank} 格空白`, en: `${counts.blank} blank` });
  if (counts.missing) parts.push({ 'zh-cn': `缺 ${counts.missing} 行`, en: `${counts.missing} rows missing` });
  return parts.map((p) => p[locale]).join(text(locale, { 'zh-cn': '，', en: ', ' }));
}

function text(locale: Locale, localized: Localized): string {
  return localized[locale];
}

// ---------------------------------------------------------------------------------------------
// The grid of each table kind

interface GridRow {
  def: RowDef;
  /** Label cells that start in this row: its own, and those of the groups it opens. */
  labels: { def: RowDef; text: string; colSpan: number; rowSpan: number; group: boolean }[];
}

interface TableLayout {
  labelColumns: number;
  rows: GridRow[];
  header(columns: ColumnDef[]): PreviewSpanCell[][];
}

// Header words of the official grids that name no row or column of their own.
const APPLICANTS = '申请人情况';
const ORGANISATIONS = '法人或其他组织';
const CONTENT = '信息内容';
const LITIGATION = '行政诉讼';

const cell = (text: string, colSpan = 1, rowSpan = 1): PreviewSpanCell => ({ text, colSpan, rowSpan });

function tableLayout(kind: TableKind, version: FormatVersion): TableLayout {
  const def = tableDef(kind);
  const defs = def.rows.filter((r) => r.versions.includes(version));
  if (kind === 'requests') {
    return {
      labelColumns: 3,
      rows: nestedRows(defs, 3),
      header: (columns) => [
        [cell('', 3, 3), cell(APPLICANTS, columns.length)],
        [cell(columns[0].label, 1, 2), cell(ORGANISATIONS, columns.length - 2), cell(columns[columns.length - 1].label, 1, 2)],
        columns.slice(1, -1).map((c) => cell(c.label)),
      ],
    };
  }
  if (kind === 'review') {
    return {
      labelColumns: 0,
      rows: defs.map((d) => ({ def: d, labels: [] })),
      header: (columns) => {
        const perBlock = columns.length / REVIEW_BLOCKS.length;
        const [review, ...suits] = REVIEW_BLOCKS;
        const parts = (block: string) => columns.filter((c) => c.id.startsWith(block)).map((c) => cell(c.label));
        return [
          [cell(review.label, perBlock), cell(LITIGATION, perBlock * suits.length)],
          [...parts(review.id).map((c) => ({ ...c, rowSpan: 2 })), ...suits.map((s) => cell(bracketed(s.label), perBlock))],
          suits.flatMap((s) => parts(s.id)),
        ];
      },
    };
  }
  return {
    labelColumns: 1,
    rows: defs.map((d) => ({ def: d, labels: [{ def: d, text: d.labels?.[version] ?? d.label, colSpan: 1, rowSpan: 1, group: false }] })),
    header: (columns) => [[cell(CONTENT), ...columns.map((c) => cell(c.label))]],
  };
}

/** "未经复议直接起诉" of "行政诉讼（未经复议直接起诉）": the block's name under the merged 行政诉讼. */
function bracketed(label: string): string {
  const open = label.lastIndexOf('（');
  return open < 0 ? label : label.slice(open + 1, label.endsWith('）') ? -1 : undefined);
}

/** 一、 and 四、 at depth 0, （一） at 1, 1. at 2. */
function depthOf(def: RowDef): number {
  if (def.ordinal.startsWith('（')) return 1;
  if (/^\d/.test(def.ordinal)) return 2;
  return 0;
}

/**
 * Table 三's label area as printed: a group ("三、本年度办理结果", "（三）不予公开") is a merged
 * cell spanning its items, an item fills the label columns right of its groups.
 */
function nestedRows(defs: RowDef[], labelColumns: number): GridRow[] {
  const isGroup = (index: number) => index + 1 < defs.length && depthOf(defs[index + 1]) > depthOf(defs[index]);
  const rows: GridRow[] = [];
  let opening: GridRow['labels'] = [];
  defs.forEach((def, index) => {
    const depth = depthOf(def);
    const label = def.label.replace(/（区分处理的，只计这一情形，不计其他情形）$/, '');
    if (isGroup(index)) {
      let span = 0;
      for (let next = index + 1; next < defs.length && depthOf(defs[next]) > depth; next++) if (!isGroup(next)) span++;
      opening.push({ def, text: label, colSpan: 1, rowSpan: span, group: true });
      return;
    }
    rows.push({ def, labels: [...opening, { def, text: label, colSpan: labelColumns - depth, rowSpan: 1, group: false }] });
    opening = [];
  });
  return rows;
}

function tableTitle(kind: TableKind): string {
  const def = tableDef(kind);
  const section = SECTIONS.find((s) => s.id === def.section)!;
  const heading = `${CHINESE_NUMERALS[section.ordinal - 1]}、${section.title}`;
  return kind.startsWith('active-') ? `${heading} · ${def.caption}` : heading;
}

/** Required tables the draft lacks, each placed before the first present table that follows it in the format. */
function insertMissing(report: Report, present: PreviewTable[], locale: Locale): PreviewTable[] {
  // A text cut off inside a table says nothing about what would have followed.
  if (report.truncated) return present;
  const version = formatOfYear(report.year);
  const kinds: TableKind[] = [...ACTIVE_TABLES[version], 'requests', 'review'];
  const required = TABLES.filter((t) => kinds.includes(t.kind));
  const order = (kind: TableKind) => TABLES.findIndex((t) => t.kind === kind);
  const tables = [...present];
  for (const def of required) {
    if (present.some((t) => t.kind === def.kind)) continue;
    const layout = tableLayout(def.kind, version);
    const columns = def.columns[version];
    const missing: PreviewTable = {
      kind: def.kind,
      title: tableTitle(def.kind),
      version,
      missing: true,
      labelColumns: layout.labelColumns,
      header: layout.header(columns),
      rows: layout.rows.map((gridRow) => ({
        id: gridRow.def.id,
        state: 'missing',
        labels: gridRow.labels.map(({ text: label, colSpan, rowSpan, group }) => ({ text: label, colSpan, rowSpan, group })),
        cells: columns.map((column) => ({ column: column.id, text: '', state: 'missing', tooltip: column.label })),
      })),
      summary: text(locale, { 'zh-cn': '草稿中缺少此表', en: 'This table is missing from the draft' }),
    };
    const before = tables.findIndex((t) => order(t.kind) > order(def.kind));
    tables.splice(before < 0 ? tables.length : before, 0, missing);
  }
  return tables;
}
