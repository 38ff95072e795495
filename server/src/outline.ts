// The outline and folding of a report: its sections, and the tables inside them.
import { DocumentSymbol, SymbolKind, type FoldingRange } from 'vscode-languageserver/node';
import type { Report, Section, Span, Table } from './engine';

export function documentSymbols(report: Report): DocumentSymbol[] {
  const sectionSymbols = report.sections.map((section) => ({ section, symbol: sectionSymbol(report, section) }));
  const topLevel: DocumentSymbol[] = sectionSymbols.map((s) => s.symbol);
  for (const table of report.tables) {
    const parent = sectionSymbols.find((s) => contains(s.section.span, table.span.start));
    const symbol = tableSymbol(report, table);
    if (parent) parent.symbol.children!.push(symbol);
    else topLevel.push(symbol);
  }
  return topLevel.sort((a, b) => a.range.start.line - b.range.start.line);
}

function sectionSymbol(report: Report, section: Section): DocumentSymbol {
  // The heading as written, so the outline reads like the document (ordinal style included).
  const heading = report.text.slice(section.headingSpan.start, section.headingSpan.end).replace(/^[\s#]+/, '').trim();
  return DocumentSymbol.create(
    heading || section.title || String(section.ordinal),
    undefined,
    SymbolKind.Namespace,
    report.lines.rangeOf(section.span),
    report.lines.rangeOf(within(section.headingSpan, section.span)),
    [],
  );
}

function tableSymbol(report: Report, table: Table): DocumentSymbol {
  return DocumentSymbol.create(
    table.caption.trim() || table.kind,
    table.version,
    SymbolKind.Array,
    report.lines.rangeOf(table.span),
    report.lines.rangeOf(within(table.captionSpan, table.span)),
  );
}

export function foldingRanges(report: Report): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (span: Span) => {
    const startLine = report.lines.lineOf(span.start);
    const endLine = lastContentLine(report, span, startLine);
    if (endLine > startLine) ranges.push({ startLine, endLine });
  };
  for (const section of report.sections) add(section.span);
  for (const table of report.tables) add(table.span);
  return ranges;
}

/** The span's last line that is not blank, so a fold does not swallow the gap before the next heading. */
function lastContentLine(report: Report, span: Span, startLine: number): number {
  let line = report.lines.lineOf(Math.max(span.start, span.end - 1));
  while (line > startLine && report.lines.lineText(line).trim() === '') line--;
  return line;
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

/** The selection range of a symbol must lie inside its full range. */
function within(inner: Span, outer: Span): Span {
  const start = Math.min(Math.max(inner.start, outer.start), outer.end);
  return { start, end: Math.max(start, Math.min(inner.end, outer.end)) };
}
