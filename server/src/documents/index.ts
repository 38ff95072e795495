// Reports as they arrive: .docx, .html, .pdf and old .doc/.wps files turned into the engine's text
// (prose one paragraph a line, table rows as TAB-separated cells), with a way back from a span of
// that text to the place in the file, and fixes written back into a .docx. Outside the pure engine;
// bytes in, text or bytes out. Each reader is loaded only when a file of its kind is read.
import type { Localized, OffsetEdit } from '../engine';
import { DEFAULT_LIMITS, DocumentError, unreadable, type DocumentKind, type DocumentLimits, type DocumentLocation, type DocumentRead } from './model';

export { DocumentError, DEFAULT_LIMITS } from './model';
export type { DocumentKind, DocumentLimits, DocumentLocation, DocumentRead } from './model';

const startsWith = (bytes: ArrayLike<number>, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** Whether an OLE container holds an encrypted Office Open XML package rather than a Word 97 document. */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  // Directory entries store their names in UTF-16LE; an encrypted .docx has an "EncryptedPackage" stream.
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name);
}

/** The kind of a file, by its first bytes; the extension only breaks a tie. */
export function sniff(bytes: Uint8Array, fileName: string): DocumentKind {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // [Content_Types].xml is usually stored first and names the Word main part; WPS and Word both do.
    if (head.includes('wordprocessingml') || head.includes('word/document.xml')) return 'docx';
    return extension === 'docx' || extension === 'dotx' || extension === 'docm' ? 'docx' : 'unknown';
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (bytes.length > 1024 && Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  const head = Buffer.from(bytes.subarray(0, 2048));
  let text: string;
  if (startsWith(head, [0xff, 0xfe])) text = head.subarray(2).toString('utf16le');
  else if (startsWith(head, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(bytes.subarray(2, 2048));
  else text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  const start = text.trimStart().slice(0, 64).toLowerCase();
  if (/^<(?:!doctype\s+html|html|head|meta|body|title|!--)/.test(start)) return 'html';
  if (start.startsWith('<?xml') && /<html[\s>]/i.test(text)) return 'html';
  if (['html', 'htm', 'shtml', 'xhtml'].includes(extension) && start.startsWith('<')) return 'html';
  return 'text';
}

/** Reads a .docx, .html, .pdf or .doc/.wps file; throws a DocumentError when it cannot. */
export async function readDocument(bytes: Uint8Array, fileName: string, limits: Partial<DocumentLimits> = {}): Promise<DocumentRead> {
  const bounds = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.length > bounds.maxFileBytes) {
    throw unreadable(`文件过大（${Math.round(bytes.length / 1048576)} MB），超过 ${Math.round(bounds.maxFileBytes / 1048576)} MB 的上限`, `The file is too large (${Math.round(bytes.length / 1048576)} MB, the limit is ${Math.round(bounds.maxFileBytes / 1048576)} MB)`);
  }
  const kind = sniff(bytes, fileName);
  try {
    switch (kind) {
      case 'docx':
        return (await import('./docx.js')).readDocx(bytes, bounds);
      case 'html':
        return (await import('./html.js')).readHtml(bytes);
      case 'pdf':
        return (await import('./pdf.js')).readPdf(bytes, bounds);
      case 'doc':
        if (isEncryptedOoxml(bytes)) {
          throw unreadable('文件设有密码（已加密的 Word 文档），请去掉密码后再检查', 'The file is password-protected (an encrypted Word document): remove the password and check it again');
        }
        return (await import('./doc.js')).readDoc(bytes);
      default:
        throw unreadable('不是可检查的年报格式（支持 .docx、.doc、.wps、.pdf、.html 和纯文本）', 'Not a report format that can be checked (.docx, .doc, .wps, .pdf, .html and plain text are)');
    }
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    // Whatever else a malformed file makes a reader or a library throw (nesting too deep for the
    // stack, a structure it did not expect) is still a file that cannot be read, said as such.
    const detail = error instanceof Error ? error.message : String(error);
    throw unreadable(`无法读取此文件（${detail}）`, `This file cannot be read (${detail})`);
  }
}

/** A location as the user says it: "第2个表格 第7行 第9格" / "table 2, row 7, cell 9". */
export function describe(location: DocumentLocation): Localized {
  switch (location.kind) {
    case 'docx':
    case 'doc':
      if ('table' in location) {
        return { 'zh-cn': `第${location.table}个表格 第${location.row}行 第${location.cell}格`, en: `table ${location.table}, row ${location.row}, cell ${location.cell}` };
      }
      return { 'zh-cn': `第${location.paragraph}段：“${location.quote}”`, en: `paragraph ${location.paragraph}: “${location.quote}”` };
    case 'pdf': {
      const row = location.tableRow === undefined ? '' : ` 第${location.tableRow}行`;
      const column = location.tableColumn === undefined ? '' : ` 第${location.tableColumn}列`;
      const rowEn = location.tableRow === undefined ? '' : `, row ${location.tableRow}`;
      const columnEn = location.tableColumn === undefined ? '' : `, column ${location.tableColumn}`;
      return { 'zh-cn': `第${location.page}页${row}${column}`, en: `page ${location.page}${rowEn}${columnEn}` };
    }
    case 'html':
      return { 'zh-cn': `第${location.line}行第${location.column}列`, en: `line ${location.line}, column ${location.column}` };
  }
}

/**
 * Writes fixes (edits of the rendered text) into the .docx they were read from: each edit inside one
 * paragraph's or one cell's text in place, the others returned as `manual` (请手工修改). Every zip entry
 * but the main document part is copied byte for byte. A file not read in full is never written.
 */
export async function applyDocxEdits(bytes: Uint8Array, read: DocumentRead, edits: OffsetEdit[]): Promise<{ bytes: Uint8Array; applied: OffsetEdit[]; manual: OffsetEdit[] }> {
  const docx = await import('./docx.js');
  if (read.kind !== 'docx' || !read.writable || !('source' in read)) {
    throw unreadable('只能把修正写回完整读取的 .docx 文件；请另存为 .docx 后再修正', 'Fixes can only be written into a .docx that was read in full: save the file as .docx and fix it then');
  }
  const source = (read as import('./docx.js').DocxRead).source;
  if (source.zip.bytes !== bytes && !Buffer.from(source.zip.bytes.buffer, source.zip.bytes.byteOffset, source.zip.bytes.byteLength).equals(bytes)) {
    throw new DocumentError({ 'zh-cn': '文件在读取后已被修改，请重新检查后再修正', en: 'The file changed after it was read: check it again before fixing' });
  }
  return docx.applyDocxEdits(read as import('./docx.js').DocxRead, edits);
}
