// Section headings, the title, the statistics period: the parts of a report that are lines of prose.
import { REQUEST_ROWS, SECTIONS, type SectionId } from '../format';
import type { DateParts, Period, Section } from '../model';
import { isSpace, LineIndex, matchKey, parseChineseNumeral } from '../text';
import { levenshtein } from './labels';
import type { Span } from '../types';

// An ordinal 一…十 at the start of a line (after Markdown #'s), then 、 . ． or a space, then the title.
// Invisible characters (a zero-width space, a BOM pasted mid-text) before the ordinal are indentation;
// Markdown bold around a heading ("**一、总体情况**", as PDF→Markdown converters write headings) is markup.
const HEADING = /^([\s\u200b\u2060\ufeff\u00ad]*)(#{1,6}\s*)?(\*\*|__)?([一二三四五六七八九十]{1,2})(\s*[、.．,，]\s*|\s+)(\S.*?)(?:\*\*|__)?\s*$/;
// Other ways reports number their six parts: "第一部分 总体情况", "1. 总体情况", "（一）总体情况".
const OTHER_HEADING = /^([\s\u200b\u2060\ufeff\u00ad]*)(#{1,6}\s*)?(\*\*|__)?(第[一二三四五六]部分|[1-6]|[（(][一二三四五六][)）])(\s*[、.．:：]\s*|\s*)(\S.*?)(?:\*\*|__)?\s*$/;

const SECTION_KEYS = SECTIONS.map((section) => ({
  section,
  key: matchKey(section.title),
  variantKeys: section.variants.map(matchKey),
}));

// Table-三 row labels look like section headings ("四、结转下年度继续办理") but are not.
const ROW_LABEL_KEYS = REQUEST_ROWS.filter((row) => /^[一二三四]、$/.test(row.ordinal)).map((row) => row.core);

export interface HeadingCandidate {
  line: number;
  ordinal: number;
  ordinalSpan: Span;
  title: string;
  titleSpan: Span;
  level: number;
  separator: string;
  headingSpan: Span;
  titleId?: SectionId;
  titleVariant?: boolean;
  /** The variant is one the format's list accepts (not only a close wording). */
  titleListed?: boolean;
  titleTypoOf?: string;
}

/** How similar a title must be to a section's wording to be read as a variant of it. */
const SIMILAR = 0.7;

function similarity(a: string, b: string): number {
  // Longest common subsequence ratio: tolerant of inserted words ("政府信息公开工作存在的…").
  if (!a || !b) return 0;
  const previous = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = ai === b.charCodeAt(j - 1) ? diagonal + 1 : Math.max(previous[j], previous[j - 1]);
      diagonal = above;
    }
  }
  return previous[b.length] / Math.max(a.length, b.length);
}

/**
 * Which section a heading's title names: exact, an accepted variant, a typo of one of those (a
 * character or two added, dropped or changed: "行政法复议"), or reworded closely enough to be a variant.
 */
export function identifyTitle(title: string): { id: SectionId; variant: boolean; listed?: boolean; typoOf?: string } | undefined {
  const key = matchKey(title);
  for (const { section, key: official, variantKeys } of SECTION_KEYS) {
    if (key === official) return { id: section.id, variant: false };
    if (variantKeys.includes(key)) return { id: section.id, variant: true, listed: true };
  }
  // A conjunction added or changed ("行政复议及行政诉讼") is rewording, not a typo: a variant.
  const bare = (k: string) => k.replace(/[及和与]/g, '');
  for (const { section, key: official, variantKeys } of SECTION_KEYS) {
    const wordings = [section.title, ...section.variants];
    const keys = [official, ...variantKeys];
    if (keys.some((k) => bare(k) === bare(key))) return { id: section.id, variant: true, listed: true };
    const limit = key.length >= 12 ? 2 : 1;
    const closest = keys.findIndex((k) => levenshtein(key, k, limit) <= limit);
    if (closest >= 0) return { id: section.id, variant: false, typoOf: wordings[closest] };
  }
  // A wording whose length alone keeps it under the threshold cannot be the one returned: its score
  // is not computed (an intro's list of parts tries every piece against every title).
  const scoreOf = (wording: string) =>
    Math.min(key.length, wording.length) / Math.max(key.length, wording.length) < SIMILAR ? 0 : similarity(key, wording);
  let best: { id: SectionId; score: number } | undefined;
  for (const { section, key: official, variantKeys } of SECTION_KEYS) {
    const score = Math.max(scoreOf(official), ...variantKeys.map(scoreOf));
    if (!best || score > best.score) best = { id: section.id, score };
  }
  return best && best.score >= SIMILAR ? { id: best.id, variant: true } : undefined;
}

// What either pattern can have after its indentation: Markdown #'s or bold, or an ordinal's first
// character. Every line is tried and nearly every line starts otherwise: it fails here, before a pattern.
const HEADING_STARTS = new Set([...'#*_一二三四五六七八九十第123456（(']);
const INDENT_MARKS = new Set([0x200b, 0x2060, 0xfeff, 0x00ad]);

function mayBeHeading(text: string): boolean {
  let at = 0;
  while (at < text.length && (isSpace(text.charCodeAt(at)) || INDENT_MARKS.has(text.charCodeAt(at)))) at++;
  return HEADING_STARTS.has(text.charAt(at));
}

function headingCandidate(lines: LineIndex, line: number, pattern: RegExp = HEADING): HeadingCandidate | undefined {
  const text = lines.lineText(line);
  if (text.length > 80 || !mayBeHeading(text)) return undefined;
  const match = pattern.exec(text);
  if (!match) return undefined;
  const [, indent, hashes = '', bold = '', numeral, separator, title] = match;
  const ordinal = ordinalOf(numeral);
  if (ordinal === undefined) return undefined;
  if (/[。；;]/.test(title) || /[，,：:]$/.test(title)) return undefined;
  const key = matchKey(title);
  if (key.length === 0 || key.length > 40) return undefined;
  if (ROW_LABEL_KEYS.some((row) => key.startsWith(row))) return undefined;
  const start = lines.lineStart(line);
  const ordinalStart = start + indent.length + hashes.length + bold.length;
  const titleStart = ordinalStart + numeral.length + separator.length;
  const identified = identifyTitle(title);
  return {
    line,
    ordinal,
    ordinalSpan: { start: ordinalStart, end: ordinalStart + numeral.length },
    title,
    titleSpan: { start: titleStart, end: titleStart + title.length },
    level: hashes.trim().length,
    separator: separator.trim() || ' ',
    headingSpan: { start: start + indent.length, end: titleStart + title.length },
    titleId: identified?.id,
    titleVariant: identified?.variant,
    ...(identified?.listed ? { titleListed: true } : {}),
    ...(identified?.typoOf ? { titleTypoOf: identified.typoOf } : {}),
  };
}

/** 一 … 十 as written, or the numeral of "第三部分", "3", "（三）". */
function ordinalOf(numeral: string): number | undefined {
  const bare = numeral.replace(/^第|部分$|[（()）]/g, '');
  return /^\d$/.test(bare) ? Number(bare) : parseChineseNumeral(bare);
}

/** Whether the text ends in two or more numbers set apart by spaces, tabs or pipes. */
function endsInNumbers(text: string): boolean {
  const words = text.normalize('NFKC').split(/[\s|]+/).filter((word) => word.length > 0);
  let numbers = 0;
  for (let i = words.length - 1; i > 0 && /^\d+$/.test(words[i]); i--) numbers++;
  return numbers >= 2;
}

/** A title no section names may still be one: a few words, not a row of a table. */
function isHeadingLike(title: string): boolean {
  const key = matchKey(title);
  // "四、结  3  0  0  0  1  0  4", or "四、结" alone: a table row whose label a narrow column cut short.
  if (key.length < 3 || key.length > 24 || endsInNumbers(title)) return false;
  // The start of a table-三 row label that a narrow column cut short ("四、结转下"), or one with a typo ("四、结转下度继续办理").
  return !ROW_LABEL_KEYS.some((row) => row.startsWith(key) || levenshtein(key, row, 2) <= 2);
}

/**
 * Section headings. A line "N、title" is a section heading when its title names one of the six
 * sections (even the wrong one), or when it continues the numbering with a heading-like title;
 * other "一、…" lines are lists inside a section. A report that numbers its parts another way
 * ("第一部分", "1.", "（一）", which are sub-headings elsewhere) has them read as sections only
 * when fewer than three standard headings exist and at least three such lines name, in order,
 * a section by its official or accepted title.
 */
export function findSections(lines: LineIndex): Section[] {
  const found: HeadingCandidate[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const candidate = headingCandidate(lines, line);
    if (!candidate) continue;
    const previous = found[found.length - 1];
    const continuesNumbering = previous ? candidate.ordinal === previous.ordinal + 1 : candidate.ordinal === 1;
    if (candidate.titleId || (continuesNumbering && candidate.ordinal <= 6 && isHeadingLike(candidate.title))) {
      found.push(candidate);
    }
  }
  if (new Set(found.filter((h) => h.titleId).map((h) => h.titleId)).size < 3) {
    const other: HeadingCandidate[] = [];
    for (let line = 0; line < lines.lineCount; line++) {
      const candidate = headingCandidate(lines, line, OTHER_HEADING);
      const named = candidate?.titleId && (!candidate.titleVariant || candidate.titleListed);
      if (named && SECTIONS.find((s) => s.id === candidate.titleId)?.ordinal === candidate.ordinal) other.push(candidate);
    }
    if (new Set(other.map((h) => h.titleId)).size >= 3) found.splice(0, found.length, ...other);
  }
  const text = lines.text;
  return found.map((heading, index) => {
    const next = found[index + 1];
    const end = next ? lines.lineStart(next.line) : text.length;
    return {
      ordinal: heading.ordinal,
      ordinalSpan: heading.ordinalSpan,
      titleId: heading.titleId,
      titleVariant: heading.titleVariant,
      ...(heading.titleTypoOf ? { titleTypoOf: heading.titleTypoOf } : {}),
      title: heading.title,
      titleSpan: heading.titleSpan,
      level: heading.level,
      headingSpan: heading.headingSpan,
      span: { start: heading.headingSpan.start, end },
      separator: heading.separator,
    };
  });
}

const TITLE = /(\d{4})\s*年\s*(?:度\s*)?(?:政府信息公开|政務公開|政府信息公開|政务公开)/;

/** The title: one of the first lines naming a year and 政府信息公开…年度报告 (or 年报). */
export function findTitle(lines: LineIndex, before: number): { text: string; span: Span; year: number; body?: string } | undefined {
  const limit = Math.min(lines.lineCount, 12);
  for (let line = 0; line < limit; line++) {
    const start = lines.lineStart(line);
    if (start >= before) break;
    const raw = lines.lineText(line);
    const text = raw.replace(/^\s*#+\s*/, '').trim();
    if (text.length === 0 || text.length > 60) continue;
    const simplified = matchKey(text);
    if (!/(年度报告|年报|年度报)/.test(simplified)) continue;
    const match = TITLE.exec(text.normalize('NFKC'));
    if (!match) continue;
    const offsetInLine = raw.indexOf(text);
    const yearAt = text.normalize('NFKC').indexOf(match[1]);
    let body = text.slice(0, Math.max(0, yearAt)).trim();
    if (!body && line > 0) {
      // "巨鹿县人民政府办公室\n2025年政府信息公开工作年度报告": the body name sits on the line above.
      const above = lines.lineText(line - 1).replace(/^\s*#+\s*/, '').trim();
      if (above && above.length <= 30 && !/[。，,：:]/.test(above) && !/\d{4}/.test(above)) body = above;
    }
    return {
      text,
      span: { start: start + offsetInLine, end: start + offsetInLine + text.length },
      year: Number(match[1]),
      body: body || undefined,
    };
  }
  return undefined;
}

// The second year is often left out: "自2024年1月1日至12月31日".
const PERIOD =
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起\s*)?(?:至|到|—|－|-|～|~)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

/** The statistics period ("统计期限为2025年1月1日至2025年12月31日"), searched near the words 统计 or 期限. */
export function findPeriod(text: string, limit: number): Period | undefined {
  const head = text.slice(0, limit).normalize('NFKC');
  // NFKC keeps the length of these characters, so offsets into `head` are offsets into `text`.
  if (head.length !== Math.min(limit, text.length)) return undefined;
  let from = 0;
  while (from < head.length) {
    const anchor = head.slice(from).search(/统计|統計|期限|时限/);
    if (anchor < 0) return undefined;
    const at = from + anchor;
    const window = head.slice(at, at + 80);
    const match = PERIOD.exec(window);
    if (match) {
      const start = at + match.index;
      const date = (y: string, m: string, d: string): DateParts => ({ year: Number(y), month: Number(m), day: Number(d) });
      return {
        span: { start, end: start + match[0].length },
        from: date(match[1], match[2], match[3]),
        to: date(match[4] ?? match[1], match[5], match[6]),
      };
    }
    from = at + 2;
  }
  return undefined;
}
