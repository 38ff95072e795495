// Where a finding is, said by what it is about rather than by line: the table, row and column of a
// cell, the row of a label, or else the sentence it sits in. An ignored finding is recorded by its
// anchor, so it stays ignored when lines move above it and comes back when the anchored text changes.
import type { Report, Table } from './model';
import type { Span } from './types';

export interface FindingAnchor {
  /** "requests/partial/total" for a cell, "requests/partial" for a row's label; absent for prose. */
  path?: string;
  /** The anchored text as written: the cell, the label, or the sentence around the finding. */
  text: string;
}

/** Past this length a quoted sentence is cut: a finding in a long paragraph keeps a readable anchor. */
const MAX_QUOTE = 200;
const SENTENCE_END = /[。！？；!?;\n]/;

export function anchorOf(report: Report, span: Span): FindingAnchor {
  for (const table of report.tables) {
    if (span.start < table.span.start || span.end > table.span.end) continue;
    for (const row of table.rows) {
      const cell = row.cells.find((c) => c.span.start <= span.start && span.end <= c.span.end);
      if (cell) return { path: `${tablePath(report, table)}/${row.def.id}/${cell.column.id}`, text: cell.raw };
      if (row.labelSpan.start <= span.start && span.end <= row.labelSpan.end) {
        return { path: `${tablePath(report, table)}/${row.def.id}`, text: report.text.slice(row.labelSpan.start, row.labelSpan.end) };
      }
    }
  }
  return { text: sentenceAround(report.text, span) };
}

/** The table's kind, numbered from the second table of a kind on (a compilation repeats them). */
function tablePath(report: Report, table: Table): string {
  const index = report.tables.filter((t) => t.kind === table.kind).indexOf(table);
  return index === 0 ? table.kind : `${table.kind}#${index + 1}`;
}

function sentenceAround(text: string, span: Span): string {
  let start = span.start;
  while (start > 0 && span.start - start < MAX_QUOTE && !SENTENCE_END.test(text[start - 1])) start--;
  let end = Math.max(span.end, span.start);
  while (end < text.length && end - span.end < MAX_QUOTE && !SENTENCE_END.test(text[end])) end++;
  if (end < text.length && text[end] !== '\n' && SENTENCE_END.test(text[end])) end++;
  const quoted = text.slice(start, end).trim();
  return quoted.length > 2 * MAX_QUOTE + 1 ? quoted.slice(0, 2 * MAX_QUOTE) : quoted;
}
