// A table a checking session read before, moved to where its region's text now starts (an edit
// above it changed only its offsets), or where a number retyped inside it moved what follows. Every
// offset a Table holds is listed here: a span added to the model must be added here too, or a
// reused table keeps a stale offset, which the equivalence property (test/fuzz/incremental.fuzz.test.ts)
// finds against a full check.
import type { Cell, Table } from '../model';
import type { Span } from '../types';

/**
 * Adds `delta` to every offset of the table at or after `from` (all of them by default), in place:
 * a span that ends where the text grew grows with it.
 */
export function shiftTable(table: Table, delta: number, from = -Infinity): void {
  if (delta === 0) return;
  const move = (span: Span) => {
    if (span.start >= from) span.start += delta;
    if (span.end >= from) span.end += delta;
  };
  // Labels, the caption and glued digits lend their span objects to the problems found about them:
  // those move once. The table's, rows' and cells' own spans are made for them alone.
  const lent = new Set<Span>();
  const moveLent = (span: Span) => {
    if (lent.has(span)) return;
    lent.add(span);
    move(span);
  };
  const moveCells = (cells: Cell[]) => {
    for (const cell of cells) move(cell.span);
  };
  move(table.span);
  moveLent(table.captionSpan);
  for (const row of table.rows) {
    moveLent(row.labelSpan);
    move(row.span);
    if (row.gluedDigits) moveLent(row.gluedDigits.span);
    moveCells(row.cells);
  }
  for (const problem of table.problems) {
    moveLent(problem.span);
    if (problem.partial) moveCells(problem.partial);
  }
}
