// Pieces several checks share: naming a cell, writing a value into a cell, relation wording.
import type { CellChange, CellRef, TableArithmetic } from '../analysis';
import type { Relation, RelationId, RowDef } from '../format';
import type { Cell, Report, Row, Table } from '../model';
import { localized } from '../rule';
import type { Fix, Localized, OffsetEdit, RuleId } from '../types';

export function rowName(row: { def: RowDef }): string {
  return row.def.label.replace(/（区分处理的，只计这一情形，不计其他情形）$/, '');
}

export function cellName(row: Row, cell: Cell): Localized {
  return localized(`“${rowName(row)}”行“${cell.column.short}”列`, `row “${rowName(row)}”, column “${cell.column.short}”`);
}

export function tableName(table: Table): Localized {
  switch (table.kind) {
    case 'requests':
      return localized('收到和处理政府信息公开申请情况表', 'table of requests received and handled (section 三)');
    case 'review':
      return localized('行政复议、行政诉讼情况表', 'administrative review and litigation table (section 四)');
    default:
      return localized(`${table.caption}表`, `table ${table.caption} (section 二)`);
  }
}

/** Replace a cell's text, or fill an empty cell (keeping a space before a following "|"). */
export function writeCell(report: Report, cell: Cell, value: string): OffsetEdit {
  return writeCells(report, [{ cell, value }])[0];
}

/**
 * Write values into cells in the form the row writes its numbers (full-width digits, thousands
 * separators, a unit). A blank cell with no field of its own (a row whose trailing tabs were lost)
 * is appended to its row with the row's separator, several of them in one edit.
 */
export function writeCells(report: Report, items: { cell: Cell; value: string }[]): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  const appended = new Map<number, string[]>();
  for (const { cell, value } of items) {
    const text = inFormOf(cell.raw, value);
    if (cell.synthetic) {
      appended.set(cell.span.start, [...(appended.get(cell.span.start) ?? []), text]);
      continue;
    }
    const empty = cell.span.start === cell.span.end;
    const next = report.text[cell.span.end];
    edits.push({ span: cell.span, newText: empty && next === '|' ? text + ' ' : text });
  }
  for (const [at, values] of appended) {
    const line = report.lines.lineText(report.lines.lineOf(at));
    const separator = line.includes('\t') ? '\t' : line.includes('|') ? ' | ' : ' ';
    const text = values.map((v) => separator + v).join('');
    // The last written field may end where the missing ones go: one edit writes both.
    const before = edits.find((e) => e.span.start === at && e.span.end === at);
    if (before) before.newText += text;
    else edits.push({ span: { start: at, end: at }, newText: text });
  }
  return edits;
}

const FULL_WIDTH_DIGIT = /[０-９]/;

/** A number written the way `raw` writes its number: "８６" stays full-width, "1,088" keeps its separators. */
export function inFormOf(raw: string, value: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  let text = value;
  if (/\d,\d{3}/.test(raw.normalize('NFKC'))) text = grouped(text);
  const unit = /(万元|万|元)\s*$/.exec(raw.normalize('NFKC'))?.[1];
  if (unit) text += unit;
  if (FULL_WIDTH_DIGIT.test(raw)) text = text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/,/g, '，');
  return text;
}

/** "1087" → "1,087": thousands separators in the integer part, in one pass. */
function grouped(number: string): string {
  const sign = number.startsWith('-') ? '-' : '';
  const [whole, fraction] = number.slice(sign.length).split('.');
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  return sign + out + (fraction === undefined ? '' : '.' + fraction);
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}

export const RELATION_NAMES: Record<RelationId, Localized> = {
  R1: localized('“第一项加第二项等于第三项加第四项”', 'new + carried-over = handled + carried forward'),
  R2: localized('“（七）总计等于各办理结果之和”', 'the （七） total equals the sum of the results'),
  R3: localized('“总计等于各类申请人之和”', 'the row total equals the sum of the applicants'),
  R4: localized('“总计等于结果维持、结果纠正、其他结果、尚未审结之和”', 'the total equals upheld + corrected + other + pending'),
};

export const RULE_OF_RELATION: Record<RelationId, RuleId> = { R1: 'balance', R2: 'column-total', R3: 'row-total', R4: 'review-total' };

function isTotalOf(relation: Relation, ref: CellRef): boolean {
  return relation.total.row === ref.row.def.id && relation.total.column === ref.cell.column.id;
}

function involves(relation: Relation, ref: CellRef): boolean {
  return relation.terms.some((t) => t.row === ref.row.def.id && t.column === ref.cell.column.id);
}

// Which relation names a wrong cell: a part of a result row goes with its row (R3), a （七） cell
// with its column (R2) rather than R1, and a part of 一, 二 or 四 — the rows the balance is about — with R1.
const PRIORITY: RelationId[] = ['R3', 'R2', 'R4', 'R1'];
const BALANCE_PRIORITY: RelationId[] = ['R1', 'R3', 'R2', 'R4'];
const BALANCE_ROWS = new Set(['new', 'carried', 'carryOver']);

function priorityOf(ref: CellRef): RelationId[] {
  return BALANCE_ROWS.has(ref.row.def.id) ? BALANCE_PRIORITY : PRIORITY;
}

/** The failing relations a cell takes part in, the one it is the total of first. */
export function brokenBy(arithmetic: TableArithmetic, ref: CellRef): Relation[] {
  const broken = arithmetic.failing.filter((r) => involves(r, ref));
  return broken.sort(
    (a, b) => Number(isTotalOf(b, ref)) - Number(isTotalOf(a, ref)) || priorityOf(ref).indexOf(a.id) - priorityOf(ref).indexOf(b.id),
  );
}

/** The rule a wrong cell is reported under: the relation it is the total of, else the first it breaks. */
export function ruleOfChange(arithmetic: TableArithmetic, change: CellChange): RuleId {
  const relations = brokenBy(arithmetic, change.ref);
  // （七） cells are the total of both R2 and R1: the column sum is the more specific statement.
  const own = relations.filter((r) => isTotalOf(r, change.ref)).sort((a, b) => PRIORITY.indexOf(a.id) - PRIORITY.indexOf(b.id))[0];
  const relation = own ?? relations[0] ?? arithmetic.relations.find((r) => involves(r, change.ref));
  if (!relation) return arithmetic.table.kind === 'review' ? 'review-total' : 'row-total';
  return RULE_OF_RELATION[relation.id];
}

export function joinLocalized(parts: Localized[]): Localized {
  return localized(parts.map((p) => p['zh-cn']).join('、'), parts.map((p) => p.en).join('; '));
}

export function correctionFix(report: Report, changes: CellChange[], preferred: boolean): Fix {
  const describe = (c: CellChange, locale: keyof Localized) =>
    `${cellName(c.ref.row, c.ref.cell)[locale]}${locale === 'en' ? ': ' : '：'}${formatNumber(c.from)} → ${formatNumber(c.to)}`;
  return {
    title: localized(
      changes.length === 1 ? `将 ${formatNumber(changes[0].from)} 改为 ${formatNumber(changes[0].to)}` : `改正 ${changes.map((c) => describe(c, 'zh-cn')).join('；')}`,
      changes.length === 1 ? `Change ${formatNumber(changes[0].from)} to ${formatNumber(changes[0].to)}` : `Correct ${changes.map((c) => describe(c, 'en')).join('; ')}`,
    ),
    edits: writeCells(report, changes.map((c) => ({ cell: c.ref.cell, value: formatNumber(c.to) }))),
    ...(preferred ? { preferred: true } : {}),
  };
}

/** The sum a relation's total cell should hold, and the cell itself. */
export function relationTotal(arithmetic: TableArithmetic, relation: Relation): { ref: CellRef; written: number; expected: number } | undefined {
  const ref = arithmetic.refOf(relation.total.row, relation.total.column);
  if (!ref) return undefined;
  let others = 0;
  let own = 0;
  for (const term of relation.terms) {
    const value = arithmetic.valueOf(term.row, term.column) ?? 0;
    if (term.row === relation.total.row && term.column === relation.total.column) own = term.coefficient;
    else others += term.coefficient * value;
  }
  return { ref, written: arithmetic.valueOf(relation.total.row, relation.total.column) ?? 0, expected: -others / own };
}
