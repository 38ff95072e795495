// Which of a row's fields or tokens are its cells, column by column. A delimited row's fields are
// cells already; only blank fields at its ends may be filler (Word pads rows with empty fields,
// merged cells leave them), and they are trimmed only where that is the one reading possible. A
// stream row's blanks are placed by counting, which is a guess unless the count leaves no choice.
import type { Token } from './tokens';

export type ShapeProblemOfRow = 'too-many-values' | 'too-few-values' | 'ambiguous-blanks';

export interface Placed {
  cells: Token[];
  problem?: ShapeProblemOfRow;
  /** Delimited rows: the index of the first cell among the value fields, and whether every cell was written. */
  from?: number;
  full?: boolean;
}

/**
 * A delimited row's value fields → exactly `columnCount` cells. The filled fields must sit together
 * within `columnCount` fields; blank fields on one side only complete them. Blank fields on both
 * sides with more of them than the row needs could be filler on either side: that is ambiguous.
 */
export function gridCells(fields: Token[], columnCount: number): Placed {
  let first = -1;
  let last = -1;
  fields.forEach((f, i) => {
    if (f.shape === 'empty') return;
    if (first < 0) first = i;
    last = i;
  });
  if (first < 0) return { cells: blankCells(fields, columnCount), from: 0 };
  const core = last - first + 1;
  if (core > columnCount) return { cells: [], problem: 'too-many-values' };
  const needed = columnCount - core;
  const left = first;
  const right = fields.length - 1 - last;
  if (left + right < needed) return { cells: [], problem: 'too-few-values' };
  let from: number;
  if (needed === 0) from = first;
  else if (left === 0) from = first;
  else if (right === 0) from = first - needed;
  else if (left + right === needed) from = 0;
  else return { cells: [], problem: 'ambiguous-blanks' };
  return { cells: fields.slice(from, from + columnCount), from, full: needed === 0 };
}

/**
 * Word pads every row to the grid, so blank fields may stand on both sides of a row's values. Rows
 * of the same shape (as many fields, the label in the same field) that were written in full show
 * where the values start; a padded row with blank cells takes their columns when they all agree.
 */
export function alignedCells(fields: Token[], columnCount: number, from: number | undefined): Placed {
  if (from === undefined || from < 0 || from + columnCount > fields.length) return { cells: [], problem: 'ambiguous-blanks' };
  const outside = fields.some((f, i) => f.shape !== 'empty' && (i < from || i >= from + columnCount));
  return outside ? { cells: [], problem: 'ambiguous-blanks' } : { cells: fields.slice(from, from + columnCount), from };
}

/** A row with no value at all: every cell blank, the missing ones placed after the last field. */
export function blankCells(fields: Token[], columnCount: number): Token[] {
  const cells = fields.slice(0, columnCount);
  const anchor = cells[cells.length - 1];
  while (cells.length < columnCount) {
    const at = anchor ? anchor.end : 0;
    cells.push({ text: '', start: at, end: at, line: anchor?.line ?? 0, shape: 'empty', explicit: false, delimited: true, synthetic: true });
  }
  return cells;
}

/**
 * A stream row's tokens → its cells. Numbers, dash markers and text in a value position always are
 * cells; explicit empty cells fill the gaps only when the numbers alone are too few, trimmed from
 * the ends first because separators pile up there.
 */
export function streamCells(values: Token[], columnCount: number): Placed {
  const filled = values.filter((t) => t.shape !== 'empty');
  if (filled.length === columnCount) return { cells: filled };
  if (filled.length > columnCount) return { cells: filled.slice(0, columnCount), problem: 'too-many-values' };
  // Trailing filler only stands for blank cells in a row with no value at all: in a row that is
  // merely short it would shift the total into another column.
  const candidates = values.filter((t) => t.shape !== 'empty' || t.explicit || (t.trailing && filled.length === 0));
  if (candidates.length < columnCount) return { cells: candidates, problem: 'too-few-values' };
  let from = 0;
  let to = candidates.length;
  while (to - from > columnCount) {
    if (candidates[to - 1].shape === 'empty') to--;
    else if (candidates[from].shape === 'empty') from++;
    else break;
  }
  if (to - from !== columnCount) return { cells: candidates.slice(from, to), problem: 'ambiguous-blanks' };
  return { cells: candidates.slice(from, to) };
}
