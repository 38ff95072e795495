// The prose of a report's front part (intro and section 一) as one searchable string, for the
// checks that read numbers and phrases out of free text. Lines wrapped by a PDF converter are
// joined back, page footers dropped and tables left out, while every character remembers its
// offset in the document so a finding still points at the words the user wrote.
import type { TableArithmetic } from '../analysis';
import type { Report, Section } from '../model';
import type { Span } from '../types';
import { isPageFooter } from '../parse/tokens';
import type { Memo } from '../memo';

export interface Prose {
  text: string;
  /** Document offset of each character of `text`. */
  offsets: Int32Array;
}

export interface Sentence {
  start: number;
  end: number;
  /** Counts paragraphs: sentences of one paragraph share it. */
  paragraph: number;
}

// A wrapped line is long and stops mid-sentence; a short line or one that ends a sentence is a break.
const WRAP_MIN_LENGTH = 20;
const SENTENCE_END = /[。！？!?：:；;]\s*$/;

export function overviewSection(report: Report): Section | undefined {
  return report.sections.find((s) => s.titleId === 'overview') ?? report.sections.find((s) => s.ordinal === 1 && !s.titleId);
}

export interface Overview {
  prose: Prose;
  sentences: Sentence[];
}

/**
 * Intro and section 一, where a report sums up its figures in words, and its sentences. Three rules
 * read it, once per check; a session keeps it while its text, its place and the tables inside it
 * stay as they were (an edit in a table further down leaves it as it is).
 */
export function overviewOf({ report, memo }: { report: Report; memo: Memo }): Overview {
  const ranges: Span[] = [];
  if (report.intro) ranges.push(report.intro);
  const overview = overviewSection(report);
  if (overview) ranges.push({ start: overview.headingSpan.end, end: overview.span.end });
  const from = Math.min(...ranges.map((r) => r.start));
  const to = Math.max(...ranges.map((r) => r.end));
  const tables = report.tables.filter((t) => t.span.start < to && from < t.span.end).map((t) => `${t.span.start}-${t.span.end}`);
  const place = `overview ${ranges.map((r) => `${r.start}-${r.end}`).join()} tables ${tables.join()}`;
  return memo.get(place, ranges.length ? report.text.slice(from, to) : '', () => {
    const prose = proseOf(report, ranges);
    return { prose, sentences: sentencesOf(prose) };
  });
}

// Full-width digits, percent sign and point as ASCII; tabs and ideographic spaces as spaces. Each
// character stays one character, so offsets carry over.
const WIDE = /[０-９％．\u3000\t]/g;
function normalize(text: string): string {
  return text.replace(WIDE, (ch) => {
    if (ch === '％') return '%';
    if (ch === '．') return '.';
    if (ch === '\u3000' || ch === '\t') return ' ';
    return String.fromCharCode(ch.charCodeAt(0) - 0xff10 + 48);
  });
}

export function proseOf(report: Report, ranges: Span[]): Prose {
  const { lines } = report;
  const parts: string[] = [];
  // At most every character, one break per line and one per range.
  const offsets = new Int32Array(report.text.length + lines.lineCount + ranges.length + 1);
  let length = 0;
  const pushBreak = (offset: number) => {
    parts.push('\n');
    offsets[length++] = offset;
  };
  const inTable = (start: number, end: number) => report.tables.some((t) => start < t.span.end && t.span.start < end);
  for (const range of ranges) {
    if (range.end <= range.start) continue;
    let previous: string | undefined;
    for (let line = lines.lineOf(range.start); line < lines.lineCount; line++) {
      const lineStart = lines.lineStart(line);
      if (lineStart >= range.end) break;
      const start = Math.max(lineStart, range.start);
      const end = Math.min(lines.lineEnd(line), range.end);
      const content = report.text.slice(start, end);
      if (inTable(start, Math.max(end, start + 1)) || isPageFooter(content)) continue;
      if (content.trim() === '') {
        if (previous !== undefined) pushBreak(start);
        previous = undefined;
        continue;
      }
      if (previous !== undefined && (previous.trim().length < WRAP_MIN_LENGTH || SENTENCE_END.test(previous))) pushBreak(start);
      parts.push(normalize(content));
      for (let i = 0; i < content.length; i++) offsets[length++] = start + i;
      previous = content;
    }
    pushBreak(range.end);
  }
  return { text: parts.join(''), offsets: offsets.subarray(0, length) };
}

// A "sentence" longer than this is text whose punctuation was lost (or not prose at all): what its
// numbers belong to cannot be told, and reading it would only cost time.
const MAX_SENTENCE = 1000;

/** Sentences end at 。！？ and at paragraph breaks; ； only separates clauses inside one. Overlong ones are left out. */
export function sentencesOf(prose: Prose): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  let paragraph = 0;
  const ends = /[。！？!?\n]/g;
  for (let end = ends.exec(prose.text); ; end = ends.exec(prose.text)) {
    const at = end ? end.index : prose.text.length;
    if (at > start && at - start <= MAX_SENTENCE && prose.text.slice(start, at).trim()) sentences.push({ start, end: at, paragraph });
    if (!end) break;
    if (end[0] === '\n') paragraph++;
    start = at + 1;
  }
  return sentences;
}

/** Document span of prose characters [start, end). */
export function documentSpan(prose: Prose, start: number, end: number): Span {
  return { start: prose.offsets[start], end: prose.offsets[end - 1] + 1 };
}

/** Whether the prose characters sit unbroken in the document (no joined line between), so they can be replaced. */
export function isContiguous(prose: Prose, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (prose.offsets[i] !== prose.offsets[i - 1] + 1) return false;
  return true;
}

/** A number as written ("3,119", "３１１９") → its value. */
export function readNumber(raw: string): number {
  return Number(raw.replace(/,/g, ''));
}

// Sentences about other channels or other counts (hotline, mailbox, web items) are never read.
export const OTHER_MATTERS = /12345|热线|留言|信箱|网民|问政|来信|来电|咨询|提案|政民互动|网站|\d\s*条/;
// Figures for a whole area: a department's or an office's own tables do not cover them.
export const WHOLE_AREA = /全(?:县|市|区|省|州|盟|旗|镇|乡)|各(?:部门|单位|乡镇|县|区|街道)|[县市区]直|全系统/;

// "2023年受理申请 38 件，办结 36 件" or "去年办结 40 件" in a report on 2024: figures of another year,
// to the end of the sentence. "上年结转" names this year's carried-over requests, not last year.
const OTHER_YEAR_WORDS = /上年|去年|上一年|同期|前年/;
const CARRIED_WORDS = /上一?年度?结转/g;
const YEAR = /(\d{4})\s*年/g;

/** Whether the sentence, before the keyword, turns to another year. */
export function isAnotherYear(before: string, year: number | undefined): boolean {
  const words = before.replace(CARRIED_WORDS, '');
  if (OTHER_YEAR_WORDS.test(words)) return true;
  return [...words.matchAll(YEAR)].some((m) => Number(m[1]) !== year);
}

/** A report about a government as a whole (its tables count for the whole area), not one of its offices or departments. */
export function isWholeGovernment(report: Report): boolean {
  const body = report.body ?? '';
  return /(?:人民政府|政府)$/.test(body) && !/办公室|办公厅/.test(body);
}

/**
 * The value of a sum of table cells the prose may be compared with, or undefined when any of
 * them is missing, blank or unreadable, or takes part in a relation the table itself breaks:
 * then the table is what is wrong, and its own rules say so.
 */
export function reliableSum(arithmetic: TableArithmetic | undefined, rows: string[], columns: string[]): number | undefined {
  if (!arithmetic) return undefined;
  let sum = 0;
  for (const row of rows) {
    for (const column of columns) {
      const ref = arithmetic.refOf(row, column);
      if (!ref || ref.cell.kind !== 'number' || ref.cell.value === null || arithmetic.failingCells.has(ref.cell)) return undefined;
      sum += ref.cell.value;
    }
  }
  return sum;
}

export function requestArithmetic(arithmetic: TableArithmetic[]): TableArithmetic | undefined {
  return arithmetic.find((a) => a.table.kind === 'requests');
}

export function reviewArithmetic(arithmetic: TableArithmetic[]): TableArithmetic | undefined {
  return arithmetic.find((a) => a.table.kind === 'review');
}

/** Quote of a phrase for a message, shortened in the middle when long. */
export function quote(text: string, max = 36): string {
  const flat = text.replace(/\s+/g, (s) => (s.includes('\n') ? '' : ' ')).trim();
  if (flat.length <= max) return flat;
  const half = Math.floor((max - 1) / 2);
  return flat.slice(0, half) + '…' + flat.slice(flat.length - half);
}
