// Text utilities: offsets ↔ positions, and the match key that lets labels written in full- or
// half-width punctuation, with stray spaces, line breaks or traditional characters compare equal.
import type { Position, Range, Span } from './types';

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // Line feeds only, as nearly every text: indexOf finds them far faster than a loop over every character.
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10 /* \n */) starts.push(i + 1);
        else if (ch === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
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

// The same for a character of the Basic Multilingual Plane (nearly every character of a report),
// as a number in a flat table the key loops read without a map lookup or a string: 0 not yet
// known, DROPPED_UNIT when dropped, SEVERAL_UNITS when it becomes several units ("㈠" → "(一)"),
// else UNIT_BASE + the one UTF-16 unit it becomes.
const DROPPED_UNIT = 1;
const SEVERAL_UNITS = 2;
const UNIT_BASE = 3;
const BMP_UNITS = new Int32Array(0x10000);

function bmpUnit(code: number): number {
  let unit = BMP_UNITS[code];
  if (unit === 0) {
    const units = keyUnits(code);
    unit = units.length === 0 ? DROPPED_UNIT : units.length === 1 ? UNIT_BASE + units.charCodeAt(0) : SEVERAL_UNITS;
    BMP_UNITS[code] = unit;
  }
  return unit;
}

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/** A string of UTF-16 units, in chunks: a megabyte table's key is more units than a call takes arguments. */
function fromUnits(units: number[]): string {
  if (units.length <= 4096) return String.fromCharCode(...units);
  let text = '';
  for (let at = 0; at < units.length; at += 4096) text += String.fromCharCode(...units.slice(at, at + 4096));
  return text;
}

function replacePhrases(key: string): string {
  for (const [from, to] of PHRASES) {
    let at = key.indexOf(from);
    while (at >= 0) {
      key = key.slice(0, at) + to + key.slice(at + from.length);
      at = key.indexOf(from, at + to.length);
    }
  }
  return key;
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
  const units: number[] = [];
  const offsets: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const unit = isSurrogate(code) ? SEVERAL_UNITS : BMP_UNITS[code] || bmpUnit(code);
    if (unit >= UNIT_BASE) {
      units.push(unit - UNIT_BASE);
      offsets.push(base + i);
      ends.push(base + i + 1);
      i++;
      continue;
    }
    if (unit === DROPPED_UNIT) {
      i++;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const several = keyUnits(codePoint);
    // One offset per UTF-16 unit, so key indices and offsets stay aligned for astral characters (𠀀).
    for (let at = 0; at < several.length; at++) {
      units.push(several.charCodeAt(at));
      offsets.push(base + i);
      ends.push(base + i + width);
    }
    i += width;
  }
  return { key: replacePhrases(fromUnits(units)), offsets, ends };
}

/** The key alone, without the offsets. */
export function matchKey(text: string): string {
  const units: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const unit = isSurrogate(code) ? SEVERAL_UNITS : BMP_UNITS[code] || bmpUnit(code);
    if (unit >= UNIT_BASE) units.push(unit - UNIT_BASE);
    if (unit !== SEVERAL_UNITS) {
      i++;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    const several = keyUnits(codePoint);
    for (let at = 0; at < several.length; at++) units.push(several.charCodeAt(at));
    i += codePoint > 0xffff ? 2 : 1;
  }
  return replacePhrases(fromUnits(units));
}

/** Whether a UTF-16 unit is whitespace as a regex's \s reads it. */
export function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Where the first character that is not whitespace stands in text[from, to), `to` if none does. */
export function firstNonSpace(text: string, from = 0, to = text.length): number {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  return from;
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

// Whether NFKC turns a BMP character into something holding an ASCII digit ("５", "①", "²"), per
// character as met: 0 not yet known, 1 no, 2 yes. NFKC decomposes character by character, and no
// composition yields a digit, so a text holds a digit after NFKC only if one of its characters does.
const DIGIT_FORM = new Int8Array(0x10000);

function hasDigitForm(code: number): boolean {
  let form = DIGIT_FORM[code];
  if (form === 0) DIGIT_FORM[code] = form = /[0-9]/.test(String.fromCharCode(code).normalize('NFKC')) ? 2 : 1;
  return form === 2;
}

/**
 * A label or a word: an ideograph and no character that reads as a digit, in any form. Such text
 * is never a number, a dash or empty, whatever NFKC does to its punctuation.
 */
function isWordsOnly(text: string): boolean {
  let ideograph = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x4e00 && code <= 0x9fff) ideograph = true;
    else if (code >= 0xd800 && code <= 0xdfff) return false;
    else if (code < 0x80 ? code >= 48 && code <= 57 : hasDigitForm(code)) return false;
  }
  return ideograph;
}

/** "0", "125": what nearly every cell holds. */
export function isAsciiDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
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
  if (isAsciiDigits(raw)) return 'number';
  if (isWordsOnly(raw)) return 'text';
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
