// The zip container of a .docx, read and rewritten with node's own zlib. Our own code because the
// write-back must copy every entry but one byte for byte (its compressed data, local header and
// central-directory record as they are), which no maintained zip library offers; reading goes through
// the same central-directory walk so that there is one parser, bounded by `maxOutputLength`.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { unreadable, type DocumentLimits } from './model';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  localOffset: number;
  /** Offset and length of the entry's record in the central directory. */
  centralOffset: number;
  centralLength: number;
}

export interface Zip {
  bytes: Uint8Array;
  entries: ZipEntry[];
  /** Offset of the end-of-central-directory record. */
  endOffset: number;
}

const corrupt = () => unreadable('文件已损坏，无法作为 Word 文档（.docx）读取', 'The file is corrupt: it cannot be read as a Word document (.docx)');

export function readZip(bytes: Uint8Array): Zip {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 22 + 65535 bytes (its comment is at most 65535 bytes).
  let endOffset = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      endOffset = i;
      break;
    }
  }
  if (endOffset < 0) throw corrupt();
  const count = view.getUint16(endOffset + 10, true);
  const directorySize = view.getUint32(endOffset + 12, true);
  const directoryOffset = view.getUint32(endOffset + 16, true);
  if (directoryOffset === 0xffffffff || count === 0xffff) {
    throw unreadable('文件使用 ZIP64 格式，不是常见的 Word 文档', 'The file uses ZIP64, which Word documents do not');
  }
  if (directoryOffset + directorySize > endOffset) throw corrupt();
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > endOffset || view.getUint32(at, true) !== 0x02014b50) throw corrupt();
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const length = 46 + nameLength + extraLength + commentLength;
    if (at + length > endOffset) throw corrupt();
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      centralOffset: at,
      centralLength: length,
    };
    if (entry.localOffset + 30 > directoryOffset) throw corrupt();
    entries.push(entry);
    at += length;
  }
  return { bytes, entries, endOffset };
}

function dataStart(zip: Zip, entry: ZipEntry): number {
  const view = new DataView(zip.bytes.buffer, zip.bytes.byteOffset, zip.bytes.byteLength);
  if (view.getUint32(entry.localOffset, true) !== 0x04034b50) throw corrupt();
  const start = entry.localOffset + 30 + view.getUint16(entry.localOffset + 26, true) + view.getUint16(entry.localOffset + 28, true);
  if (start + entry.compressedSize > zip.bytes.length) throw corrupt();
  return start;
}

/** The entry's content, refusing an encrypted entry and one that inflates past the limits (a zip bomb). */
export function inflateEntry(zip: Zip, entry: ZipEntry, limits: DocumentLimits): Uint8Array {
  if (entry.flags & 1) {
    throw unreadable('文件设有密码（已加密），请去掉密码后再检查', 'The file is password-protected (encrypted): remove the password and check it again');
  }
  const bomb = unreadable(
    `文件中的“${entry.name}”解压后过大（压缩炸弹？），已停止读取`,
    `"${entry.name}" in the file inflates to too much data (a zip bomb?): reading stopped`,
  );
  if (entry.size > limits.maxEntryBytes) throw bomb;
  if (entry.size > 1024 * 1024 && entry.size / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio) throw bomb;
  const start = dataStart(zip, entry);
  const data = zip.bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw unreadable(`文件中的“${entry.name}”使用了不支持的压缩方式`, `"${entry.name}" in the file uses an unsupported compression method`);
  try {
    // The declared size can lie: the cap on the output is what bounds memory.
    const inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(limits.maxEntryBytes, entry.size || limits.maxEntryBytes)) });
    return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb;
    throw corrupt();
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Length of an entry's record in the file: local header, data and the data descriptor if any. */
function recordLength(zip: Zip, entry: ZipEntry): number {
  let end = dataStart(zip, entry) + entry.compressedSize;
  if (entry.flags & 8) {
    const view = new DataView(zip.bytes.buffer, zip.bytes.byteOffset, zip.bytes.byteLength);
    end += end + 4 <= zip.bytes.length && view.getUint32(end, true) === 0x08074b50 ? 16 : 12;
  }
  return end - entry.localOffset;
}

/**
 * The same zip with one entry's content replaced: every other entry's local record and central
 * record are copied byte for byte (only their offsets move), in the same order.
 */
export function replaceEntry(zip: Zip, name: string, content: Uint8Array): Uint8Array {
  const deflated = deflateRawSync(content);
  const compressed = new Uint8Array(deflated.buffer, deflated.byteOffset, deflated.length);
  const crc = crc32(content);
  const parts: Uint8Array[] = [];
  const offsets = new Map<ZipEntry, number>();
  let written = 0;
  const push = (part: Uint8Array) => {
    parts.push(part);
    written += part.length;
  };
  for (const entry of [...zip.entries].sort((a, b) => a.localOffset - b.localOffset)) {
    offsets.set(entry, written);
    if (entry.name !== name) {
      push(zip.bytes.subarray(entry.localOffset, entry.localOffset + recordLength(zip, entry)));
      continue;
    }
    const start = dataStart(zip, entry);
    const header = Uint8Array.from(zip.bytes.subarray(entry.localOffset, start));
    const view = new DataView(header.buffer);
    view.setUint16(6, entry.flags & ~8, true); // sizes are in the header now, no data descriptor
    view.setUint16(8, 8, true);
    view.setUint32(14, crc, true);
    view.setUint32(18, compressed.length, true);
    view.setUint32(22, content.length, true);
    push(header);
    push(compressed);
  }
  const directoryStart = written;
  for (const entry of zip.entries) {
    const record = Uint8Array.from(zip.bytes.subarray(entry.centralOffset, entry.centralOffset + entry.centralLength));
    const view = new DataView(record.buffer);
    view.setUint32(42, offsets.get(entry)!, true);
    if (entry.name === name) {
      view.setUint16(8, entry.flags & ~8, true);
      view.setUint16(10, 8, true);
      view.setUint32(16, crc, true);
      view.setUint32(20, compressed.length, true);
      view.setUint32(24, content.length, true);
    }
    push(record);
  }
  const end = Uint8Array.from(zip.bytes.subarray(zip.endOffset));
  const endView = new DataView(end.buffer);
  endView.setUint32(12, written - directoryStart, true);
  endView.setUint32(16, directoryStart, true);
  push(end);
  const out = new Uint8Array(written);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
