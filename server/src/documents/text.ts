// Plain-text reports as files: bytes → the text the engine reads, and back, in the file's own form.
// A fix must change nothing but the cells it names, so decoding remembers the encoding, the
// byte-order mark and the line break, and encoding refuses rather than write bytes that would
// differ outside the fixes.
import type { Localized } from '../engine';

type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
type LineBreak = '\n' | '\r\n' | '\r';

export interface TextForm {
  encoding: TextEncodingName;
  bom: boolean;
  /**
   * The one line break the file uses, which decoding turned into "\n" and encoding turns back (so
   * that a fix inserting a line uses the file's own). Undefined when the file mixes line breaks or
   * has none: its text is then kept exactly as it is.
   */
  lineBreak?: LineBreak;
}

export interface DecodedText {
  text: string;
  form: TextForm;
}

/** Why bytes cannot be read as a report, in both languages. */
export class TextDecodeError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

const BOMS: { bytes: number[]; encoding: TextEncodingName }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/**
 * UTF-8 (U+FFFD included: conversions from PDF and Word leave it), UTF-16 by its byte-order
 * mark, else GB18030 when the bytes read as real GB text; anything else is refused by name.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (bom) {
    const body = bytes.subarray(bom.bytes.length);
    const text = strictDecode(bom.encoding, body);
    if (text === undefined) throw new TextDecodeError(INVALID[bom.encoding]);
    return withLineBreaks(text, { encoding: bom.encoding, bom: true });
  }
  if (bytes.indexOf(0) >= 0) {
    throw new TextDecodeError({
      'zh-cn': '不是文本文件（含 NUL 字节，也没有 UTF-16 字节顺序标记）',
      en: 'not a text file (contains NUL bytes and no UTF-16 byte-order mark)',
    });
  }
  const utf8 = strictDecode('utf-8', bytes);
  if (utf8 !== undefined) return withLineBreaks(utf8, { encoding: 'utf-8', bom: false });
  const gb = strictDecode('gb18030', bytes);
  if (gb !== undefined && looksLikeGbText(bytes)) return withLineBreaks(gb, { encoding: 'gb18030', bom: false });
  throw new TextDecodeError({
    'zh-cn': '无法识别的文本编码（不是 UTF-8、GB18030 或带字节顺序标记的 UTF-16，可能是 Big5 等）',
    en: 'unknown text encoding (not UTF-8, GB18030 or UTF-16 with a byte-order mark; Big5 perhaps)',
  });
}

/**
 * The file's bytes for `text` (a decoded text after fixes). Throws when the file's original text
 * would not come back byte for byte (a GB18030 decoder quirk, say): the caller then leaves the
 * file alone instead of changing bytes nobody fixed.
 */
export function encodeText(text: string, form: TextForm, original?: Uint8Array): Uint8Array {
  const body = form.lineBreak && form.lineBreak !== '\n' ? text.split('\n').join(form.lineBreak) : text;
  const encoded = encodeBody(body, form.encoding);
  if (encoded === undefined || strictDecode(form.encoding, encoded) !== body) {
    throw new TextDecodeError({
      'zh-cn': `修正后的文本无法按原编码（${form.encoding}）写回`,
      en: `the fixed text cannot be written back in the file's encoding (${form.encoding})`,
    });
  }
  const bom = form.bom ? BOMS.find((b) => b.encoding === form.encoding)!.bytes : [];
  const result = new Uint8Array(bom.length + encoded.length);
  result.set(bom, 0);
  result.set(encoded, bom.length);
  if (original && !sameBytes(encodeText(decodeText(original).text, form), original)) {
    throw new TextDecodeError({
      'zh-cn': `按原编码（${form.encoding}）重新写出会改变未修正的字节，文件未修改`,
      en: `writing in the file's encoding (${form.encoding}) would change bytes no fix touches; the file is left alone`,
    });
  }
  return result;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

const INVALID: Record<TextEncodingName, Localized> = {
  'utf-8': { 'zh-cn': '有 UTF-8 字节顺序标记，但内容不是有效的 UTF-8', en: 'a UTF-8 byte-order mark, but the bytes are not valid UTF-8' },
  'utf-16le': { 'zh-cn': '有 UTF-16 字节顺序标记，但内容不是有效的 UTF-16', en: 'a UTF-16 byte-order mark, but the bytes are not valid UTF-16' },
  'utf-16be': { 'zh-cn': '有 UTF-16 字节顺序标记，但内容不是有效的 UTF-16', en: 'a UTF-16 byte-order mark, but the bytes are not valid UTF-16' },
  gb18030: { 'zh-cn': '不是有效的 GB18030', en: 'not valid GB18030' },
};

function strictDecode(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function withLineBreaks(text: string, form: TextForm): DecodedText {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13 && text.charCodeAt(i + 1) === 10) {
      crlf++;
      i++;
    } else if (code === 10) lf++;
    else if (code === 13) cr++;
  }
  const styles = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  if (styles !== 1) return { text, form };
  const lineBreak: LineBreak = crlf > 0 ? '\r\n' : cr > 0 ? '\r' : '\n';
  return { text: lineBreak === '\n' ? text : text.split(lineBreak).join('\n'), form: { ...form, lineBreak } };
}

/**
 * Big5, Shift-JIS and EUC-KR bytes mostly decode as GB18030 too, into nonsense. Text really written
 * in GB18030 uses GB2312's symbols and common characters (two bytes, both 0xA1–0xFE) almost always;
 * Big5 puts four in ten second bytes below 0x7F, outside that block.
 */
function looksLikeGbText(bytes: Uint8Array): boolean {
  let doubleByte = 0;
  let inGb2312 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i];
    if (lead < 0x81 || lead === 0xff) continue; // one byte
    const second = bytes[i + 1];
    if (second >= 0x30 && second <= 0x39) {
      i += 3; // a four-byte sequence: rare characters, counted as neither
      continue;
    }
    doubleByte++;
    if (lead >= 0xa1 && lead <= 0xf7 && second >= 0xa1 && second <= 0xfe) inGb2312++;
    i++;
  }
  return doubleByte === 0 || inGb2312 / doubleByte >= 0.9;
}

function encodeBody(text: string, encoding: TextEncodingName): Uint8Array | undefined {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const bytes = Buffer.from(text, 'utf16le');
    if (encoding === 'utf-16be') bytes.swap16();
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }
  return encodeGb18030(text);
}

// ---------------------------------------------------------------------------------------------
// GB18030 encoding, derived from the platform's own decoder so that encoding is exactly its inverse.

let gbTable: Map<number, number[]> | undefined;

/** Every character of GB18030's one-, two- and four-byte BMP codes, read by decoding them all once. */
function gb18030Table(): Map<number, number[]> {
  if (gbTable) return gbTable;
  const table = new Map<number, number[]>();
  const sequences: number[][] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) sequences.push([lead, trail]);
  }
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) for (let b4 = 0x30; b4 <= 0x39; b4++) sequences.push([b1, b2, b3, b4]);
    }
  }
  // One decode for all, each code followed by a line feed so an invalid one cannot shift the rest.
  const joined = new Uint8Array(sequences.reduce((n, s) => n + s.length + 1, 0));
  let at = 0;
  for (const sequence of sequences) {
    joined.set(sequence, at);
    joined[at + sequence.length] = 0x0a;
    at += sequence.length + 1;
  }
  const decoded = new TextDecoder('gb18030').decode(joined).split('\n');
  sequences.forEach((sequence, i) => {
    const char = decoded[i];
    if (char.length !== 1 || char === '\uFFFD') return;
    const code = char.charCodeAt(0);
    if (!table.has(code)) table.set(code, sequence);
  });
  gbTable = table;
  return table;
}

function encodeGb18030(text: string): Uint8Array | undefined {
  const table = gb18030Table();
  const out = Buffer.alloc(text.length * 4);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code < 0x80) {
      out[length++] = code;
      continue;
    }
    if (code > 0xffff) {
      // Supplementary planes are one linear range of four-byte codes from 0x90308130.
      let linear = code - 0x10000;
      const b4 = 0x30 + (linear % 10);
      linear = Math.floor(linear / 10);
      const b3 = 0x81 + (linear % 126);
      linear = Math.floor(linear / 126);
      const b2 = 0x30 + (linear % 10);
      const b1 = 0x90 + Math.floor(linear / 10);
      out[length++] = b1;
      out[length++] = b2;
      out[length++] = b3;
      out[length++] = b4;
      i++;
      continue;
    }
    const sequence = table.get(code);
    if (!sequence) return undefined;
    for (const byte of sequence) out[length++] = byte;
  }
  return new Uint8Array(out.buffer, out.byteOffset, length);
}
