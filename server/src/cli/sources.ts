// A file as the engine sees it: one function turns a path into a `ReportSource` (the text to check,
// where a span of it is in the file, how to write fixes back). The kind is read from the file's first
// bytes, not its name, so a Word file saved as .txt is read as Word and an image named .docx is
// refused by name, never checked as if it were text (which would say "0 errors" about it).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { applyEdits, type Localized, type OffsetEdit, type Span } from '../engine';
import { localized } from '../engine/rule';
import { writeFileAtomic } from '../documents/atomic';
import { applyDocxEdits, DocumentError, readDocument, sniff, type DocumentKind, type DocumentLocation, type DocumentRead } from '../documents';
import { decodeText, encodeText, TextDecodeError } from '../documents/text';
import { describeFsError, notRegular, prefixed } from './reasons';

/** Fixes as `fixAll` makes them: the fixed text, and each round's edits in that round's text. */
export interface FixRounds {
  text: string;
  edits: OffsetEdit[][];
}

export interface ReportSource {
  kind: Exclude<DocumentKind, 'unknown'>;
  /** The text the engine checks. */
  text: string;
  /** What the reader could not read exactly or left out; said with the file's findings. */
  warnings: Localized[];
  /** The finding's place in the file's own terms, for JSON `location`; absent for plain text. */
  locate?: (span: Span) => DocumentLocation | undefined;
  /**
   * Writes the fixes into the file, atomically, in the file's own form, and returns the file as it
   * now is; absent where fixes are never written (then `readOnly` says why). Throws with the cause.
   */
  save?: (fixes: FixRounds) => Promise<ReportSource>;
  /** Why fixes are not written into this file (.pdf, .html, .doc, a .docx not read in full). */
  readOnly?: Localized;
  /** Of fix edits of this text, those the writer would have to leave to the user (请手工修改). */
  unwritable?: (edits: OffsetEdit[]) => Promise<OffsetEdit[]>;
}

/** A file that cannot be read, or fixes that cannot be written, and why (a reader's or writer's own reason). */
export class SourceError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

/** Names that say a file is plain text: its bytes then get the text decoder's own reason when refused. */
const TEXT_EXTENSIONS = new Set(['.txt', '.md', '']);

function plainTextSource(path: string, bytes: Uint8Array): ReportSource {
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (!(error instanceof TextDecodeError)) throw error;
    // A file named .pdf, .docx, .png … whose bytes are none of the kinds read, nor text.
    if (!TEXT_EXTENSIONS.has(extname(path).toLowerCase())) throw new SourceError(prefixed(NOT_A_REPORT_FORMAT, error.reason));
    throw new SourceError(error.reason);
  }
  return {
    kind: 'text',
    text: decoded.text,
    warnings: [],
    save: async (fixes) => {
      writeFileAtomic(path, withReason(() => encodeText(fixes.text, decoded.form, bytes)));
      return { kind: 'text', text: fixes.text, warnings: [] };
    },
  };
}

const NOT_A_REPORT_FORMAT = localized(
  '不是可检查的年报格式（支持 .docx、.doc、.wps、.pdf、.html 和纯文本）',
  'not a report format that can be checked (.docx, .doc, .wps, .pdf, .html and plain text are)',
);

function withReason<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof TextDecodeError) throw new SourceError(error.reason);
    throw error;
  }
}

const READ_ONLY: Record<'html' | 'pdf' | 'doc', Localized> = {
  html: localized('网页（.html）不能自动修正：请在原 Word 文件（另存为 .docx）中修正后重新发布', 'fixes cannot be written into a web page (.html): fix the original Word file (saved as .docx) and publish it again'),
  pdf: localized('PDF 不能自动修正：请在原 Word 文件（另存为 .docx）中修正后重新导出', 'fixes cannot be written into a PDF: fix the original Word file (saved as .docx) and export it again'),
  doc: localized('.doc/.wps 文件不能自动修正：请用 Word 或 WPS 另存为 .docx 后修正', 'fixes cannot be written into a .doc/.wps file: save it as .docx in Word or WPS and fix that'),
};

async function documentSource(path: string, bytes: Uint8Array): Promise<ReportSource> {
  let read: DocumentRead;
  try {
    read = await readDocument(bytes, path);
  } catch (error) {
    if (error instanceof DocumentError) throw new SourceError(error.reason);
    throw error;
  }
  return fromDocument(path, bytes, read);
}

function fromDocument(path: string, bytes: Uint8Array, read: DocumentRead): ReportSource {
  const source: ReportSource = { kind: read.kind, text: read.text, warnings: read.warnings, locate: (span) => read.locate(span) };
  if (read.kind !== 'docx') return { ...source, readOnly: READ_ONLY[read.kind] };
  if (!read.writable) {
    return { ...source, readOnly: localized('此 .docx 未能完整读取（见读取说明），不写入修正', 'this .docx was not read in full (see the reading notes): no fix is written into it') };
  }
  return {
    ...source,
    save: (fixes) => saveDocx(path, bytes, read, fixes),
    unwritable: async (edits) => (edits.length === 0 ? [] : (await applyDocxEdits(bytes, read, edits)).manual),
  };
}

/**
 * Replays fix-all's rounds into the .docx: each round written into the cells' w:t texts, the file
 * read again, and its text compared with what the round should give. A round that left edits to the
 * user ends the replay (the later rounds were computed on a text this file does not have). A write
 * that reads back otherwise than intended is not written at all. Written once, atomically.
 */
async function saveDocx(path: string, original: Uint8Array, first: DocumentRead, fixes: FixRounds): Promise<ReportSource> {
  let bytes = original;
  let read = first;
  for (const edits of fixes.edits) {
    const intended = applyEdits(read.text, edits);
    const written = await applyDocxEdits(bytes, read, edits);
    if (written.applied.length === 0) break;
    const again = await readDocument(written.bytes, path);
    if (again.text !== applyEdits(read.text, written.applied)) {
      throw new SourceError(localized('写入修正后的 .docx 读回的内容与修正不符，未写入', 'the .docx with the fixes written reads back otherwise than the fixes say; not written'));
    }
    bytes = written.bytes;
    read = again;
    if (read.text !== intended) break;
  }
  if (bytes !== original) writeFileAtomic(path, bytes);
  return fromDocument(path, bytes, read);
}

/** The extensions a folder run collects (contract: every report below a folder); a file named on the command line is read whatever its name. */
export const REPORT_EXTENSIONS = new Set(['.txt', '.md', '.docx', '.doc', '.wps', '.html', '.htm', '.shtml', '.pdf']);

/** Past this a file is no report: a string of it would not fit V8's limit anyway. */
const MAX_BYTES = 256 * 1024 * 1024;

/** Reads a regular file (never waits on a FIFO or a device) and hands it to the reader of its kind. */
export async function readSource(path: string): Promise<ReportSource> {
  const bytes = readRegularFile(path);
  return sniff(bytes, path) === 'text' ? plainTextSource(path, bytes) : documentSource(path, bytes);
}

function readRegularFile(path: string): Uint8Array {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO with no writer would otherwise wait forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new SourceError(prefixed(localized('无法读取', 'cannot read'), describeFsError(error)));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new SourceError(localized('是目录', 'is a folder'));
    if (!stat.isFile()) throw new SourceError(notRegular(stat));
    if (stat.size > MAX_BYTES) throw new SourceError(localized(`文件过大（超过 ${MAX_BYTES / 1024 / 1024} MB）`, `too large (over ${MAX_BYTES / 1024 / 1024} MB)`));
    const bytes = new Uint8Array(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(prefixed(localized('无法读取', 'cannot read'), describeFsError(error)));
  } finally {
    closeSync(fd);
  }
}
