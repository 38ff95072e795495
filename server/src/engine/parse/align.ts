// Rows of numbers with no label of their own, as PDF→Markdown converters leave them (labels in a
// block before the numbers, or lost). Their order is still the format's, so between two rows whose
// labels are certain they can be placed by counting: the rows left open there, or the labels the
// text lists there, must be exactly as many as the rows of numbers. Anything else stays unread.
import type { RowDef } from '../format';
import type { LabelMatch } from './labels';
import type { PendingRow, RowState, UnlabeledRow } from './rows';

export interface Unplaced {
  rows: UnlabeledRow[];
  /** The labels listed with them that they could not be matched to. */
  labels: RowDef[];
}

const positionOfRow = (row: PendingRow) => row.match.labelSpan.start;
const positionOfUnlabeled = (row: UnlabeledRow) => row.fields[0]?.start ?? 0;
const hasValues = (row: PendingRow) => (row.fields ?? row.values).some((t) => t.shape !== 'empty');

/**
 * Places `state.unlabeled` among `expected` (the table's data rows in format order) and adds them
 * to `state.rows`; returns the rows it could not place. Rows that carry a label but no value inside
 * a stretch of unlabeled rows are labels the converter detached from their numbers: they count as
 * labels listed there, not as blank rows.
 */
export function placeUnlabeled(state: RowState, expected: RowDef[]): Unplaced[] {
  if (state.unlabeled.length === 0) return [];
  const order = new Map(expected.map((def, index) => [def.id, index]));
  const anchors = state.rows.filter((r) => hasValues(r) && order.has(r.match.def.id)).sort((a, b) => positionOfRow(a) - positionOfRow(b));
  const gaps = new Map<number, UnlabeledRow[]>();
  for (const row of state.unlabeled) {
    const at = positionOfUnlabeled(row);
    let gap = 0;
    while (gap < anchors.length && positionOfRow(anchors[gap]) < at) gap++;
    gaps.set(gap, [...(gaps.get(gap) ?? []), row]);
  }
  const unplaced: Unplaced[] = [];
  const taken = new Set(anchors.map((r) => r.match.def.id));
  for (const [gap, rows] of [...gaps].sort((a, b) => a[0] - b[0])) {
    const before = anchors[gap - 1];
    const after = anchors[gap];
    const from = before ? positionOfRow(before) : -1;
    const to = after ? positionOfRow(after) : Infinity;
    const low = before ? order.get(before.match.def.id)! : -1;
    const high = after ? order.get(after.match.def.id)! : expected.length;
    // Blank labelled rows among the numbers are detached labels: take them out of the table.
    const detachedRows = state.rows.filter((r) => !hasValues(r) && positionOfRow(r) > from && positionOfRow(r) < to);
    state.rows = state.rows.filter((r) => !detachedRows.includes(r));
    const listed = [...detachedRows.map((r) => r.match), ...state.detached.filter((m) => m.labelSpan.start > from && m.labelSpan.start < to)]
      .sort((a, b) => a.labelSpan.start - b.labelSpan.start)
      .filter((m, i, all) => order.has(m.def.id) && all.findIndex((n) => n.def.id === m.def.id) === i);
    const open = expected.slice(low + 1, high).filter((def) => !taken.has(def.id));
    // Converters write labels in blocks, each followed by its block of numbers: pair them block by
    // block. Failing that, the rows left open here by the certain labels, if exactly as many.
    const blocks = labelBlocks(listed, rows).filter((b) => b.rows.length > 0);
    const blockwise = blocks.every((b) => b.labels.length === b.rows.length && increasing(b.labels, order) && b.labels.every((m) => !taken.has(m.def.id)));
    if (blockwise) {
      for (const block of blocks) place(state, block.rows, block.labels.map((m) => ({ def: m.def, label: m })), taken);
    } else if (rows.length === open.length) {
      place(state, rows, open.map((def) => ({ def, label: undefined })), taken);
    } else {
      // Each block that pairs up is placed; the others stay unread.
      for (const block of blocks) {
        if (block.labels.length === block.rows.length && block.labels.length > 0 && increasing(block.labels, order) && block.labels.every((m) => !taken.has(m.def.id))) {
          place(state, block.rows, block.labels.map((m) => ({ def: m.def, label: m })), taken);
        } else unplaced.push({ rows: block.rows, labels: block.labels.map((m) => m.def) });
      }
    }
  }
  state.rows.sort((a, b) => rowPosition(a) - rowPosition(b));
  return unplaced;
}

/** Labels and rows of numbers in document order, cut into blocks: some labels, then the rows after them. */
function labelBlocks(labels: LabelMatch[], rows: UnlabeledRow[]): { labels: LabelMatch[]; rows: UnlabeledRow[] }[] {
  const events = [
    ...labels.map((label) => ({ at: label.labelSpan.start, label })),
    ...rows.map((row) => ({ at: positionOfUnlabeled(row), row })),
  ].sort((a, b) => a.at - b.at);
  const blocks: { labels: LabelMatch[]; rows: UnlabeledRow[] }[] = [];
  let current: { labels: LabelMatch[]; rows: UnlabeledRow[] } | undefined;
  for (const event of events) {
    if ('label' in event && event.label) {
      if (!current || current.rows.length > 0) blocks.push((current = { labels: [], rows: [] }));
      current.labels.push(event.label);
    } else if ('row' in event && event.row) {
      if (!current) blocks.push((current = { labels: [], rows: [] }));
      current.rows.push(event.row);
    }
  }
  return blocks;
}

function place(state: RowState, rows: UnlabeledRow[], targets: { def: RowDef; label: LabelMatch | undefined }[], taken: Set<string>): void {
  rows.forEach((row, i) => {
    const { def, label } = targets[i];
    taken.add(def.id);
    const at = row.fields.find((f) => f.shape !== 'empty')?.start ?? positionOfUnlabeled(row);
    state.rows.push({
      match: label ?? { def, label: '', labelSpan: { start: at, end: at }, mismatch: false, innerGlued: [] },
      values: [],
      filled: 0,
      fields: row.fields,
      reading: { certainty: 'inferred', how: 'order' },
    });
  });
}

/** Rows placed by order sit where their numbers are, whatever their (detached) label's position. */
function rowPosition(row: PendingRow): number {
  return row.reading.how === 'order' ? (row.fields?.[0]?.start ?? positionOfRow(row)) : positionOfRow(row);
}

function increasing(labels: LabelMatch[], order: Map<string, number>): boolean {
  return labels.every((m, i) => i === 0 || order.get(m.def.id)! > order.get(labels[i - 1].def.id)!);
}
