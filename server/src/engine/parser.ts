// Text → Report: title, year, statistics period, sections and tables with exact spans.
import type { Report } from './model';
import { findPeriod, findSections, findTitle } from './parse/headings';
import { findTables, type RegionReader } from './parse/tables';
import { LineIndex } from './text';

/**
 * Never throws: text the parser cannot make sense of ends up in `unread` or in table problems.
 * `readTable` reads each table's region; a checking session passes one that reuses unchanged ones.
 */
export function parseReport(text: string, readTable?: RegionReader): Report {
  const lines = new LineIndex(text);
  try {
    return parse(text, lines, readTable);
  } catch (error) {
    return {
      text,
      lines,
      sections: [],
      tables: [],
      truncated: false,
      unread: [{ span: { start: 0, end: text.length }, reason: `internal parser error: ${(error as Error).message}` }],
    };
  }
}

function parse(text: string, lines: LineIndex, readTable: RegionReader | undefined): Report {
  const sections = findSections(lines);
  const firstSection = sections[0]?.headingSpan.start ?? text.length;
  const title = findTitle(lines, firstSection);
  const period = findPeriod(text, Math.min(text.length, Math.max(firstSection, 4000)));
  let year: number | undefined;
  let yearSource: Report['yearSource'];
  if (title) {
    year = title.year;
    yearSource = 'title';
  } else if (period) {
    year = period.to.year;
    yearSource = 'period';
  } else {
    const mention = /(20\d{2})\s*年/.exec(text.slice(0, 3000).normalize('NFKC'));
    if (mention) {
      year = Number(mention[1]);
      yearSource = 'text';
    }
  }
  const { tables, truncated } = findTables(lines, sections, year, readTable);
  const introStart = title ? lines.lineStart(lines.lineOf(title.span.end) + 1) : 0;
  return {
    text,
    lines,
    title: title ? { text: title.text, span: title.span } : undefined,
    year,
    yearSource,
    body: title?.body,
    period,
    intro: introStart < firstSection ? { start: introStart, end: firstSection } : undefined,
    sections,
    tables,
    truncated,
    unread: [],
  };
}
