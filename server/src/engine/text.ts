// Text utilities: offsets ↔ positions, and the match key that lets labels written in full- or
// half-width punctuation, with stray spaces, line breaks or traditional characters compare equal.
import type { Position, Range, Span } from './types';

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) starts.push(i + 1);
      else if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(Math.max(0, position.line));
    return Math.min(start + Math.max(0, position.character), this.lineEnd(Math.max(0, position.line)));
  }
}

// Traditional → simplified for the characters of the format's own vocabulary (labels, titles,
// captions). Reports in traditional characters only need to match those; prose is never rewritten.
const TRADITIONAL =
  '條項資訊開報總體況動請處結轉數辦與區計這屬於國穩護權類內務過執詢無機關沒現製補後確訪舉訴複當認獲費繳納繼續議訟維糾審經規範許對罰強業採購額單萬問題進發廢學會組織構統為係據檔說產設幣圖標準節價網頁'
const SIMPLIFIED =
  '条项资讯开报总体况动请处结转数办与区计这属于国稳护权类内务过执询无机关没现制补后确访举诉复当认获费缴纳继续议讼维纠审经规范许对罚强业采购额单万问题进发废学会组织构统为系据档说产设币图标准节价网页'
const T2S = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) T2S.set(TRADITIONAL[i], SIMPLIFIED[i]);
// A converter that maps 文件 to 檔案 (seen in a Wuhan report) makes "规范性文件" read "規範性檔案".
// OpenCC writes 反复 as 反覆 in traditional text. Each pair keeps its length, so offsets stay aligned.
const PHRASES: [string, string][] = [
  ['档案', '文件'],
  ['反覆', '反复'],
];

// Invisible format characters (U+200B, U+2060, U+FEFF, U+00AD …) that converters and copy-paste leave
// in labels and numbers are dropped too: they must never make two equal labels or numbers differ.
const DROPPED = /[\s\p{P}\p{S}\p{Cf}]/u;

/** Characters dropped from match keys: every space and punctuation mark except parentheses. */
function isDropped(ch: string): boolean {
  return DROPPED.test(ch) && ch !== '(' && ch !== ')';
}

// What each code point contributes to a match key ('' when dropped). Keys are built for every
// label chunk on every keystroke, and a report uses a few hundred distinct characters: one lookup
// replaces NFKC, the traditional table and the punctuation test. Capped for random text.
const KEY_UNITS = new Map<number, string>();
const KEY_UNITS_LIMIT = 20_000;

function keyUnits(codePoint: number): string {
  let units = KEY_UNITS.get(codePoint);
  if (units === undefined) {
    units = '';
    // CJK ideographs, letters and digits are their own NFKC form.
    const plain = (codePoint >= 0x4e00 && codePoint <= 0x9fff) || (codePoint < 0x80 && /[0-9A-Za-z]/.test(String.fromCharCode(codePoint)));
    for (const ch of plain ? String.fromCodePoint(codePoint) : String.fromCodePoint(codePoint).normalize('NFKC')) {
      const simplified = T2S.get(ch) ?? ch;
      if (!isDropped(simplified)) units += simplified;
    }
    if (KEY_UNITS.size < KEY_UNITS_LIMIT) KEY_UNITS.set(codePoint, units);
  }
  return units;
}

export interface Keyed {
  key: string;
  /** Original offset of each key character (UTF-16 unit). */
  offsets: number[];
  /** Original end offset of the character each key unit came from (astral characters are two units wide). */
  ends: number[];
}

/**
 * The comparison form of a piece of text: NFKC (full-width → half-width), traditional →
 * simplified, spaces and punctuation removed except parentheses. Each key character remembers
 * where it came from so a match can be mapped back to a span of the original.
 */
export function keyed(text: string, base = 0): Keyed {
  let key = '';
  const offsets: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const units = keyUnits(codePoint);
    if (units.length > 0) {
      key += units;
      // One offset per UTF-16 unit, so key indices and offsets stay aligned for astral characters (𠀀).
      for (let unit = 0; unit < units.length; unit++) {
        offsets.push(base + i);
        ends.push(base + i + width);
      }
    }
    i += width;
  }
  return { key: withPhrases(key), offsets, ends };
}

function withPhrases(key: string): string {
  for (const [from, to] of PHRASES) {
    let at = key.indexOf(from);
    while (at >= 0) {
      key = key.slice(0, at) + to + key.slice(at + from.length);
      at = key.indexOf(from, at + to.length);
    }
  }
  return key;
}

/** The match key alone, without the offsets `keyed` keeps (a table's whole text is keyed this way). */
export function matchKey(text: string): string {
  let key = '';
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    key += keyUnits(codePoint);
    i += codePoint > 0xffff ? 2 : 1;
  }
  return withPhrases(key);
}

const INVISIBLE = /\p{Cf}/gu;

/** Whether a character is an invisible format character (zero-width space, soft hyphen, BOM …). */
export function isInvisible(ch: string): boolean {
  return /^\p{Cf}$/u.test(ch);
}

/** NFKC without spaces or invisible characters, for reading values. */
export function normalizeValue(raw: string): string {
  // Printable ASCII is its own NFKC form and holds no space: most cells ("12", "0") stop here.
  if (isPrintableAscii(raw)) return raw;
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, '');
}

/** "8 7": two numbers written in one cell, which no reading may join into 87. */
export function holdsTwoNumbers(raw: string): boolean {
  // Most cells ("12", "0") hold no space: nothing to split.
  let spaced = false;
  for (let i = 0; i < raw.length && !spaced; i++) {
    const code = raw.charCodeAt(i);
    spaced = code <= 0x20 || code === 0x3000 || code === 0xa0 || (code >= 0x2000 && code <= 0x206f) || code === 0xfeff || code === 0xad;
  }
  return spaced && /\d[\s\p{Cf}]+\d/u.test(raw.normalize('NFKC'));
}

function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

export type ValueShape = 'number' | 'dash' | 'empty' | 'text';

// A number where a value belongs, possibly wrong for its column (the column decides): signed, with
// thousands separators, decimals, a unit, or an approximation ("约0.15") that is a finding on the cell.
const NUMBER_LIKE = /^(?:约|約|近|逾)?(?:[+-]|增|减|減)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|万|萬元|萬|元|件|条|條|个|個|项|項)?$/;
const DASH = /^[/／\-－—–─_]+$/;

/** What kind of value token a cell's text is, before the column decides whether it is valid there. */
export function valueShape(raw: string): ValueShape {
  if (holdsTwoNumbers(raw)) return 'number';
  const value = normalizeValue(raw);
  if (value === '') return 'empty';
  if (DASH.test(value)) return 'dash';
  if (NUMBER_LIKE.test(value)) return 'number';
  return 'text';
}

export function chineseNumeral(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n <= 10) return n === 10 ? '十' : digits[n];
  if (n < 20) return '十' + digits[n - 10];
  if (n < 100) return digits[Math.floor(n / 10)] + '十' + (n % 10 ? digits[n % 10] : '');
  return String(n);
}

export function parseChineseNumeral(s: string): number | undefined {
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s.length === 1) return s === '十' ? 10 : digits[s];
  const ten = s.indexOf('十');
  if (ten < 0) return undefined;
  const tens = ten === 0 ? 1 : digits[s.slice(0, ten)];
  const units = ten === s.length - 1 ? 0 : digits[s.slice(ten + 1)];
  if (tens === undefined || units === undefined) return undefined;
  return tens * 10 + units;
}
