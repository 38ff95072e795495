// Rows of numbers with no label of their own, as PDF→Markdown converters leave them (labels in a
// block before the numbers, or lost). Their order is still the format's, so between two rows whose
// labels are certain they can be placed by counting: the rows left open there, or the labels the
// text lists there, must be exactly as many as the rows of numbers. Anything else stays unread.
import type { RowDef } from '../format';
import type { LabelMatch } from './labels';
import type { PendingRow, RowState, UnlabeledRow } from './rows';

export interface Unplaced {
  rows: UnlabeledRow[];
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
    const targets =
      rows.length === open.length ? open.map((def) => ({ def, label: undefined as LabelMatch | undefined }))
      : rows.length === listed.length && increasing(listed, order) && listed.every((m) => !taken.has(m.def.id)) ? listed.map((m) => ({ def: m.def, label: m as LabelMatch | undefined }))
      : undefined;
    if (!targets) {
      unplaced.push({ rows });
      continue;
    }
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
  state.rows.sort((a, b) => rowPosition(a) - rowPosition(b));
  return unplaced;
}

/** Rows placed by order sit where their numbers are, whatever their (detached) label's position. */
function rowPosition(row: PendingRow): number {
  return row.reading.how === 'order' ? (row.fields?.[0]?.start ?? positionOfRow(row)) : positionOfRow(row);
}

function increasing(labels: LabelMatch[], order: Map<string, number>): boolean {
  return labels.every((m, i) => i === 0 || order.get(m.def.id)! > order.get(labels[i - 1].def.id)!);
}
