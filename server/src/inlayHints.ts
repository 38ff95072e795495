// Inlay hints for tables pasted one value per line: which column each value is in, and which row a
// run of values belongs to when its label is not just above. Where a row sits on one line the
// columns are visible already, and hints there would only crowd the text.
import { InlayHint, InlayHintKind, type Range } from 'vscode-languageserver/node';
import type { Cell, Report, Row, Span } from './engine';

export function inlayHints(report: Report, range: Range): InlayHint[] {
  const from = report.lines.offsetAt(range.start);
  const to = report.lines.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const table of report.tables) {
    if (table.span.end < from || table.span.start > to) continue;
    for (const row of table.rows) {
      if (row.span.end < from || row.span.start > to) continue;
      const alone = row.cells.filter((cell) => standsAlone(report, cell.span));
      if (alone.length === 0) continue;
      const first = row.cells[0];
      if (first && alone.includes(first) && !labelJustAbove(report, row, first)) {
        hints.push({
          position: report.lines.positionAt(first.span.start),
          label: `${rowName(row)}:`,
          kind: InlayHintKind.Parameter,
          paddingRight: true,
        });
      }
      for (const cell of alone) {
        if (cell.span.end < from || cell.span.start > to) continue;
        hints.push({
          position: report.lines.positionAt(cell.span.end),
          label: cell.column.short,
          kind: InlayHintKind.Type,
          paddingLeft: true,
          tooltip: `${rowName(row)} · ${cell.column.label}`,
        });
      }
    }
  }
  return hints;
}

/** The value is the only thing on its line (a trailing "|" cell border aside). */
function standsAlone(report: Report, span: Span): boolean {
  const line = report.lines.lineOf(span.start);
  if (report.lines.lineOf(span.end) !== line) return false;
  const text = report.lines.lineText(line);
  const start = report.lines.offsetAt({ line, character: 0 });
  const rest = text.slice(0, span.start - start) + text.slice(span.end - start);
  return /^[\s|｜]*$/.test(rest);
}

function labelJustAbove(report: Report, row: Row, first: Cell): boolean {
  const labelLine = report.lines.lineOf(row.labelSpan.end);
  const valueLine = report.lines.lineOf(first.span.start);
  return valueLine - labelLine <= 1;
}

function rowName(row: Row): string {
  return row.def.label.replace(/（[^（）]*）$/, '');
}
