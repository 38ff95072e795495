import type { Report } from '../model';
import type { Check, CheckContext } from '../rule';
import { localized } from '../rule';
import type { Fix, OffsetEdit, Span } from '../types';

export const period: Check = {
  id: 'period',
  defaultSeverity: 'warning',
  fixable: true,
  description: localized(
    '统计期限缺失、不是完整的自然年（1月1日至12月31日），或其年份与报告年度不一致。',
    'The statistics period is missing, is not a whole calendar year (1 January to 31 December), or its year is not the report’s year.',
  ),
  messages: {
    missing: localized(
      '报告未写明统计期限；引言中应写明“本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日”。',
      'The report does not state its statistics period; the intro should say “本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日”.',
    ),
    missingNoYear: localized(
      '报告未写明统计期限，也没有带年份的标题，无法确定报告年度{mention}。',
      'The report states no statistics period and has no title with a year, so its year cannot be determined{mentionEn}.',
    ),
    partial: localized(
      '统计期限“{text}”不是完整的自然年：应为 {year} 年 1 月 1 日至 12 月 31 日。',
      'The statistics period “{text}” is not a whole calendar year: it should run from 1 January to 31 December {year}.',
    ),
    wrongYear: localized(
      '统计期限“{text}”的年份 {periodYear} 与标题中的报告年度 {year} 不一致。',
      'The statistics period “{text}” is in {periodYear}, but the title says the report is on {year}.',
    ),
  },
  check: function period(context) {
    const { report } = context;
    if (!report.title && report.sections.length === 0 && report.tables.length === 0) return;
    if (!report.period) {
      reportMissing(context, report);
      return;
    }
    const { from, to, span } = report.period;
    const text = report.text.slice(span.start, span.end);
    const titleYear = report.yearSource === 'title' ? report.year : undefined;
    if (titleYear !== undefined && (from.year !== titleYear || to.year !== titleYear)) {
      context.emit({
        message: 'wrongYear',
        args: { text, periodYear: from.year !== titleYear ? from.year : to.year, year: titleYear },
        span,
        fixes: [yearFix(report, span, titleYear)],
      });
    }
    const wholeYear = from.month === 1 && from.day === 1 && to.month === 12 && to.day === 31 && from.year === to.year;
    if (!wholeYear) {
      context.emit({ message: 'partial', args: { text, year: titleYear ?? to.year }, span });
    }
  },
};

function reportMissing(context: CheckContext, report: Report): void {
  const span = missingAnchor(report);
  if (report.yearSource === 'title' && report.year !== undefined) {
    const fix = insertPeriod(report, report.year);
    context.emit({ message: 'missing', args: { year: report.year }, span, fixes: fix ? [fix] : [] });
    return;
  }
  const guess = report.year;
  context.emit({
    message: 'missingNoYear',
    args: {
      mention: guess !== undefined ? `（正文中最早出现的年份是 ${guess} 年）` : '',
      mentionEn: guess !== undefined ? ` (the first year the text mentions is ${guess})` : '',
    },
    span,
  });
}

/** Where a missing period is reported: the title, else the intro's first line, else the first heading. */
function missingAnchor(report: Report): Span {
  if (report.title) return report.title.span;
  const { lines } = report;
  const from = report.intro?.start ?? report.sections[0]?.headingSpan.start ?? 0;
  for (let line = lines.lineOf(from); line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (text.trim() === '') continue;
    const start = lines.lineStart(line) + (text.length - text.trimStart().length);
    return { start, end: lines.lineEnd(line) };
  }
  return { start: 0, end: 0 };
}

/** The standard sentence at the end of the intro's last line (or on a new line after the title). */
function insertPeriod(report: Report, year: number): Fix | undefined {
  const sentence = `本报告中所列数据的统计期限为${year}年1月1日至${year}年12月31日。`;
  const { lines } = report;
  const title = report.title!;
  const introEnd = report.intro?.end ?? title.span.end;
  for (let line = lines.lineOf(Math.max(introEnd - 1, 0)); line > lines.lineOf(title.span.end); line--) {
    const text = lines.lineText(line);
    if (text.trim() === '') continue;
    // Only after a finished sentence: a line ending otherwise may be a heading or a broken line.
    if (!/[。.]\s*$/.test(text)) return undefined;
    const at = lines.lineStart(line) + text.trimEnd().length;
    return { title: localized('在引言末尾补写统计期限', 'Add the statistics period at the end of the intro'), edits: [{ span: { start: at, end: at }, newText: sentence }] };
  }
  const at = lines.lineEnd(lines.lineOf(title.span.end));
  return { title: localized('在标题后补写统计期限', 'Add the statistics period after the title'), edits: [{ span: { start: at, end: at }, newText: '\n' + sentence }] };
}

/** Rewrite each four-digit year of the period that is not the report's year. */
function yearFix(report: Report, span: Span, year: number): Fix {
  const text = report.text.slice(span.start, span.end).normalize('NFKC');
  const edits: OffsetEdit[] = [];
  // NFKC keeps these characters one code unit each, so offsets in `text` are offsets in the span.
  for (const match of text.matchAll(/\d{4}(?=\s*年)/g)) {
    if (Number(match[0]) === year) continue;
    const start = span.start + match.index!;
    edits.push({ span: { start, end: start + 4 }, newText: String(year) });
  }
  return { title: localized(`把统计期限的年份改为 ${year}`, `Change the period’s year to ${year}`), edits, preferred: true };
}
