// A table a checking session read before, moved to where its region's text now starts (an edit
// above it changed only its offsets), or to where a number typed inside it moved what follows. Every offset a Table holds is listed here: a span added to
// the model must be added here too, or a reused table keeps a stale offset, which the equivalence
// property (test/fuzz/incremental.fuzz.test.ts) finds against a full check.
import type { Cell, Table } from '../model';
import type { Span } from '../types';

/**
 * Adds `delta` to every offset of the table at or after `from` (all of them by default), in place:
 * a span that ends where the text grew grows with it. A span object shared by two fields moves once.
 */
export function shiftTable(table: Table, delta: number, from = -Infinity): void {
  if (delta === 0) return;
  const moved = new Set<Span>();
  const move = (span: Span) => {
    if (moved.has(span)) return;
    moved.add(span);
    if (span.start >= from) span.start += delta;
    if (span.end >= from) span.end += delta;
  };
  const moveCells = (cells: Cell[]) => {
    for (const cell of cells) move(cell.span);
  };
  move(table.span);
  move(table.captionSpan);
  for (const row of table.rows) {
    move(row.labelSpan);
    move(row.span);
    if (row.gluedDigits) move(row.gluedDigits.span);
    moveCells(row.cells);
  }
  for (const problem of table.problems) {
    move(problem.span);
    if (problem.partial) moveCells(problem.partial);
  }
}
