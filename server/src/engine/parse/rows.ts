// What the grid and stream readers share: the rows found so far, in document order, and how a
// delimited row splits into its labels and its value fields.
import type { RowDef } from '../format';
import { matchKey } from '../text';
import type { Reading } from '../model';
import type { LabelMatch, LabelMatcher } from './labels';
import type { Token } from './tokens';

export interface PendingRow {
  match: LabelMatch;
  /** Stream rows: the tokens after the label, blanks included, to be placed by counting. */
  values: Token[];
  /** Values that are not empty cells, counted as they come. */
  filled: number;
  /** Delimited rows: the fields after the label, each a cell or filler at the ends. */
  fields?: Token[];
  /** Delimited rows: how many fields the line has, and where its value fields start, i.e. its shape. */
  shape?: string;
  reading: Reading;
  /** Values came after the rest of a wrapped label ("止公开 1"): where they belong among the others is unknown. */
  afterWrap?: boolean;
}

/** A delimited row of values with no label of its own (converters detach labels from numbers). */
export interface UnlabeledRow {
  fields: Token[];
  line: number;
}

export interface RowState {
  rows: PendingRow[];
  unlabeled: UnlabeledRow[];
  /** Labels read without values beside them, in document order: evidence for placing unlabeled rows. */
  detached: LabelMatch[];
  orphans: Token[][];
  /** Rows of the format whose label heads rows the format does not have ("其他对外管理服务事项" over "行政检查"). */
  parents: Set<string>;
  matched: Set<string>;
  previous?: RowDef;
}

export interface SplitRow {
  /** The cells before the values: the row label, and a group label in front of it. */
  labels: Token[];
  match?: LabelMatch;
  values: Token[];
  /** Fields in the line, and the index of the first value field: rows of one shape share their columns. */
  shape: string;
}

/**
 * A delimited row's fields → its label cells and its value fields. The label is the last text cell
 * (before any value) that names a row; text cells after it are values written as text ("XX"). With
 * no cell naming a row, the leading text cells are the label and the rest are values.
 */
export function splitGridRow(fields: Token[], matcher: LabelMatcher, previous: RowDef | undefined): SplitRow {
  let first = 0;
  while (first < fields.length && fields[first].shape === 'empty') first++;
  // The label cells run to the last text before the first value; empty cells among them are merges
  // filled down or left blank ("三、本年度办理结果⇥⇥（一）予以公开⇥22…").
  let firstValue = first;
  while (firstValue < fields.length && fields[firstValue].shape !== 'number' && fields[firstValue].shape !== 'dash') firstValue++;
  let textEnd = firstValue;
  while (textEnd > first && fields[textEnd - 1].shape !== 'text') textEnd--;
  let match: LabelMatch | undefined;
  let labelEnd = textEnd;
  // A typo is looked for only in a row that has values after its text, or one label (after its
  // group's, "（五）不予处理⇥1.信访举报投诉申请") and blank cells, a row of zeros a web page shows
  // blank: header rows never pay for it.
  const texts = fields.filter((f) => f.shape === 'text');
  const oneLabel = texts.length === 1 || (texts.length === 2 && matcher.isGroupKey(matchKey(texts[0].text)));
  const valued = firstValue < fields.length || (oneLabel && fields.length > textEnd);
  for (let i = first; i < textEnd; i++) {
    if (fields[i].shape !== 'text') continue;
    const candidate = matcher.matchCell(fields[i], match?.def ?? previous, valued);
    if (candidate) {
      match = candidate;
      labelEnd = i + 1;
    }
  }
  // A label followed by the start of another that names no row ("（六）其他处理⇥3.其⇥0…"): the row's
  // own label is that text, not the group's.
  if (match && labelEnd < textEnd && fields.slice(labelEnd, textEnd).some((f) => f.shape === 'text' && opensLabel(f))) {
    match = undefined;
    labelEnd = textEnd;
  }
  const labels = fields.slice(first, labelEnd);
  if (match && match.innerGlued.length === 0 && labels.length > 1) match = { ...match, innerGlued: innerGluedOf(labels.slice(0, -1), matcher) };
  return { labels, match, values: fields.slice(labelEnd), shape: `${fields.length}/${labelEnd}` };
}

/** Group cells in front of the label with digits stuck to them ("三、本年度办理结果0"). */
function innerGluedOf(cells: Token[], matcher: LabelMatcher): LabelMatch['innerGlued'] {
  const found: LabelMatch['innerGlued'] = [];
  for (const cell of cells) {
    const glued = matcher.matchCell(cell, undefined, false)?.glued;
    if (glued) found.push({ raw: glued.raw, span: glued.span, label: cell.text.slice(0, glued.span.start - cell.start) });
  }
  return found;
}

/** Text that begins with a row's ordinal ("3.", "（六）", "四、"): the start of a label. */
export function opensLabel(t: Token): boolean {
  const text = t.text.normalize('NFKC');
  return /^[(（]/.test(text) || /^[一二三四五六七八九十]+[、.]/.test(text) || /^\d+[.、]/.test(text);
}
