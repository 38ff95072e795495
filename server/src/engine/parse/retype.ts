// A number retyped in a table cell ("12" → "125"), the edit a clerk makes most: the table reads as
// before, but for that cell's value and the offsets after it. Reading a region looks at a number
// token's shape, never its digits, except where this file checks them: the value, and a line that
// digits could make a page footer ("- 12 -"). The labels a table is said to hold are read from its
// text tokens only, which a number never is. Anything else is read again; the equivalence property
// (test/fuzz/incremental.fuzz.test.ts) holds this to a full check.
import type { Cell, Table } from '../model';
import { isAsciiDigits } from '../text';
import { shiftTable } from './shift';
import { isSkippedLine } from './tokens';
import { parseValue } from './values';

/** Beyond 15 digits a number may be too large to be exact: such a cell is read again, never patched. */
const MAX_DIGITS = 15;

/**
 * The table read from `before` (placed at `start`), patched in place to read `after` when the two
 * texts differ only in the digits of one number cell; false, untouched, otherwise.
 */
export function retypeNumber(table: Table, start: number, before: string, after: string): boolean {
  let head = 0;
  const shorter = Math.min(before.length, after.length);
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const cell = cellAround(table, start + head, start + before.length - tail);
  if (!cell) return false;
  const delta = after.length - before.length;
  const from = cell.span.start - start;
  const raw = after.slice(from, cell.span.end - start + delta);
  if (!isAsciiDigits(raw) || raw.length > MAX_DIGITS) return false;
  const parsed = parseValue(raw, cell.column);
  if (parsed.problem || isSkippedLine(lineAround(after, from))) return false;
  shiftTable(table, delta, cell.span.end);
  cell.raw = raw;
  cell.value = parsed.value;
  return true;
}

/** The number cell whose text holds the changed stretch [from, to), as written in digits alone. */
function cellAround(table: Table, from: number, to: number): Cell | undefined {
  const holds = (cell: Cell) =>
    cell.kind === 'number' && !cell.gluedToLabel && !cell.synthetic && cell.span.start <= from && to <= cell.span.end && isAsciiDigits(cell.raw);
  for (const row of table.rows) for (const cell of row.cells) if (holds(cell)) return cell;
  for (const problem of table.problems) for (const cell of problem.partial ?? []) if (holds(cell)) return cell;
  return undefined;
}

function lineAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
  const ends = [text.indexOf('\n', at), text.indexOf('\r', at)].filter((end) => end >= 0);
  return text.slice(start, ends.length > 0 ? Math.min(...ends) : text.length);
}
