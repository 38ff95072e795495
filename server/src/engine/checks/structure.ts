// What the five structure rules (missing-section, section-number, section-title, heading-number,
// heading-level) share: which of the six sections each heading really is, weighing its title, the
// tables inside it and its ordinal, and the document's own heading style. Computed once per report.
import { CHINESE_NUMERALS, REQUEST_ROWS, SECTIONS, tableDef, type SectionDef, type SectionId } from '../format';
import type { Report, Section, Table } from '../model';
import { matchKey, parseChineseNumeral } from '../text';
import type { Span } from '../types';

export interface SectionInfo {
  section: Section;
  /** From this heading to the next real section heading (list items parsed as headings folded in). */
  span: Span;
  /** Which of the six sections this is; undefined for a section the format does not have. */
  id?: SectionId;
  /** The section of the first table inside, if any. */
  contentId?: SectionId;
  /** The title names another section than the one this is (seed 001's second 四 under 三's title). */
  misTitled: boolean;
}

export interface Structure {
  /**
   * Real section headings in document order. Left out: "二、加强培训" inside 一 and the like, lines the
   * parser took for headings that another heading of the same ordinal outranks.
   */
  sections: SectionInfo[];
}

const cache = new WeakMap<Report, Structure>();

export function structureOf(report: Report): Structure {
  let structure = cache.get(report);
  if (!structure) {
    structure = analyseStructure(report);
    cache.set(report, structure);
  }
  return structure;
}

export function sectionDef(id: SectionId): SectionDef {
  return SECTIONS.find((s) => s.id === id)!;
}

export function numeral(ordinal: number): string {
  return CHINESE_NUMERALS[ordinal - 1] ?? String(ordinal);
}

/** No title, no heading, no table: a note or some other text, not a report with parts missing. */
export function hasReportStructure(report: Report): boolean {
  return Boolean(report.title) || report.sections.length > 0 || report.tables.length > 0;
}

/** The heading as written, from its ordinal to the end of its title ("四、收到和处理政府信息公开申请情况"). */
export function headingText(report: Report, section: Section): string {
  return report.text.slice(section.ordinalSpan.start, section.titleSpan.end);
}

/** The first table starting inside the span: tables are in document order, so a binary search finds it. */
function firstTableWithin(report: Report, span: Span): Table | undefined {
  const tables = report.tables;
  let low = 0;
  let high = tables.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tables[mid].span.start < span.start) low = mid + 1;
    else high = mid;
  }
  const first = tables[low];
  return first && first.span.start < span.end ? first : undefined;
}

function contentOf(report: Report, span: Span): SectionId | undefined {
  const first = firstTableWithin(report, span);
  return first ? tableDef(first.kind).section : undefined;
}

function analyseStructure(report: Report): Structure {
  const all = report.sections;
  const rawContent = all.map((s) => contentOf(report, s.span));
  // A heading whose title names no section and that holds no table, beside a heading of the same
  // ordinal that does name one, is a list item inside the section before it.
  const namesSection = all.map((s, i) => Boolean(s.titleId || rawContent[i]));
  const namingByOrdinal = new Map<number, number>();
  all.forEach((s, i) => namesSection[i] && namingByOrdinal.set(s.ordinal, (namingByOrdinal.get(s.ordinal) ?? 0) + 1));
  const isListItem = all.map((s, i) => !namesSection[i] && (namingByOrdinal.get(s.ordinal) ?? 0) > 0);
  const real = all.filter((_, i) => !isListItem[i]);
  const infos: SectionInfo[] = real.map((section, i) => {
    const end = real[i + 1] ? report.lines.lineStart(report.lines.lineOf(real[i + 1].headingSpan.start)) : report.text.length;
    const span = { start: section.span.start, end };
    return { section, span, contentId: contentOf(report, span), misTitled: false };
  });

  const claimed = new Set<SectionId>();
  // Several headings under one title: the one whose tables (then ordinal) agree keeps it.
  const byTitle = new Map<SectionId, SectionInfo[]>();
  for (const info of infos) {
    const id = info.section.titleId;
    if (id) byTitle.set(id, [...(byTitle.get(id) ?? []), info]);
  }
  const others: SectionInfo[] = [];
  for (const [id, group] of byTitle) {
    const keeper =
      group.find((g) => g.contentId === id) ?? group.find((g) => g.section.ordinal === sectionDef(id).ordinal) ?? group[0];
    keeper.id = id;
    claimed.add(id);
    others.push(...group.filter((g) => g !== keeper));
  }
  for (const info of others) {
    const titleId = info.section.titleId!;
    const byOrdinal = SECTIONS.find((s) => s.ordinal === info.section.ordinal)?.id;
    // Its tables decide; only a heading without tables is taken at its ordinal's word.
    const actual = [info.contentId ?? byOrdinal].find((id) => id && id !== titleId && !claimed.has(id));
    if (actual) {
      info.id = actual;
      info.misTitled = true;
      claimed.add(actual);
    } else {
      info.id = titleId; // the same section twice: a numbering matter, not a title one
    }
  }
  // Headings whose title names no section are the section their tables or ordinal say, if free.
  for (const info of infos) {
    if (info.section.titleId) continue;
    const byOrdinal = SECTIONS.find((s) => s.ordinal === info.section.ordinal)?.id;
    const id = [info.contentId, byOrdinal].find((candidate) => candidate && !claimed.has(candidate));
    if (id) {
      info.id = id;
      claimed.add(id);
    }
  }
  return { sections: infos };
}

/**
 * Whether a line of the document lies inside a table (its rows look like sub-headings). Tables come
 * in document order and never overlap, so a binary search finds the one candidate: scanning them all
 * for every line made a long compilation of reports quadratic.
 */
function inTable(report: Report, lineStart: number, lineEnd: number): boolean {
  const tables = report.tables;
  let low = 0;
  let high = tables.length - 1;
  let candidate = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (tables[mid].span.start < lineEnd) {
      candidate = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return candidate >= 0 && lineStart < tables[candidate].span.end;
}

/** Markdown levels of the heading lines inside the sections that are not section headings. */
function subHeadingLevels(report: Report, structure: Structure): number[] {
  const levels: number[] = [];
  const { lines } = report;
  for (const info of structure.sections) {
    const first = lines.lineOf(info.section.headingSpan.start) + 1;
    const last = lines.lineOf(Math.max(info.span.start, info.span.end - 1));
    for (let line = first; line <= last; line++) {
      const start = lines.lineStart(line);
      const end = lines.lineEnd(line);
      const hashes = /^\s*(#{1,6})\s/.exec(lines.lineText(line));
      if (hashes && !inTable(report, start, end)) levels.push(hashes[1].length);
    }
  }
  return levels;
}

/**
 * The Markdown level the six sections should share: the most common one (ties: 一's), among the
 * levels that keep every Markdown sub-heading below its section. Seed 002 has 一 and 二 at ##,
 * 三 at ###, 四–六 at #### and the sub-headings of 一 at ###: #### is the most common, but only
 * ## keeps （一）主动公开 under 一.
 */
export function sectionLevel(report: Report, structure: Structure): number {
  const sections = structure.sections.map((s) => s.section);
  if (sections.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const s of sections) counts.set(s.level, (counts.get(s.level) ?? 0) + 1);
  const deepest = Math.min(Infinity, ...subHeadingLevels(report, structure));
  let candidates = [...counts.keys()].filter((level) => level === 0 || level < deepest);
  if (candidates.length === 0) candidates = [...counts.keys()];
  const best = Math.max(...candidates.map((level) => counts.get(level)!));
  const tied = candidates.filter((level) => counts.get(level) === best);
  const first = structure.sections.find((s) => s.id === 'overview')?.section ?? sections[0];
  return tied.includes(first.level) ? first.level : Math.min(...tied);
}

/** The line break the document uses. */
export function lineBreak(report: Report): string {
  return report.text.includes('\r\n') ? '\r\n' : '\n';
}

// Sub-heading ordinals, after indentation and Markdown #'s: （一） (一) …, and 1. 1、 1． (not 1.5).
const PAREN_ORDINAL = /^([\s\u3000]*(?:#{1,6}\s*)?)([（(])\s*([一二三四五六七八九十]{1,3})\s*([）)])/;
const DIGIT_ORDINAL = /^([\s\u3000]*(?:#{1,6}\s*)?)(\d{1,2})\s*([.．、])(?![\d.．])/;
const LIST_ORDINAL = /^[\s\u3000]*(?:#{1,6}\s*)?[一二三四五六七八九十]{1,3}\s*[、.．]/;

// Table rows have these ordinals too ("（一）予以公开", "1.属于国家秘密"): never sub-headings.
const ROW_CORES = REQUEST_ROWS.map((row) => row.core);

export interface SubHeading {
  kind: 'paren' | 'digit';
  line: number;
  value: number;
  /** The ordinal with its punctuation: "（三）", "3." */
  span: Span;
  /** The text of `span`. */
  raw: string;
  /** The numeral alone: what renumbering rewrites. */
  numberSpan: Span;
  /** For parenthesised ordinals: the two brackets as written. */
  open?: { char: string; offset: number };
  close?: { char: string; offset: number };
}

export type SubHeadingLine = SubHeading | { kind: 'list'; line: number };

/** The ordinal-bearing lines of one section, outside its tables, in order. */
export function subHeadingLines(report: Report, info: SectionInfo): SubHeadingLine[] {
  const { lines } = report;
  const found: SubHeadingLine[] = [];
  const first = lines.lineOf(info.section.headingSpan.start) + 1;
  const last = lines.lineOf(Math.max(info.span.start, info.span.end - 1));
  for (let line = first; line <= last; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    if (start >= info.span.end || inTable(report, start, end)) continue;
    const text = lines.lineText(line);
    const paren = PAREN_ORDINAL.exec(text);
    if (paren) {
      const [whole, lead, open, digits, close] = paren;
      const value = parseChineseNumeral(digits);
      if (value === undefined || isRowLabel(text.slice(whole.length))) continue;
      const openAt = start + lead.length;
      const closeAt = start + whole.length - 1;
      const numberAt = start + whole.indexOf(digits, lead.length + 1);
      found.push({
        kind: 'paren',
        line,
        value,
        span: { start: openAt, end: closeAt + 1 },
        raw: report.text.slice(openAt, closeAt + 1),
        numberSpan: { start: numberAt, end: numberAt + digits.length },
        open: { char: open, offset: openAt },
        close: { char: close, offset: closeAt },
      });
      continue;
    }
    const digit = DIGIT_ORDINAL.exec(text);
    if (digit) {
      const [whole, lead, digits] = digit;
      if (isRowLabel(text.slice(whole.length))) continue;
      const numberAt = start + lead.length;
      found.push({
        kind: 'digit',
        line,
        value: Number(digits),
        span: { start: numberAt, end: start + whole.length },
        raw: report.text.slice(numberAt, start + whole.length),
        numberSpan: { start: numberAt, end: numberAt + digits.length },
      });
      continue;
    }
    if (LIST_ORDINAL.test(text)) found.push({ kind: 'list', line });
  }
  return found;
}

function isRowLabel(rest: string): boolean {
  const key = matchKey(rest);
  return key.length > 0 && ROW_CORES.some((core) => key.startsWith(core));
}
