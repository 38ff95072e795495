// A file as the engine sees it: one function turns a path into a `ReportSource` (the text to check,
// how to name a place in the file, how to write fixes back). Plain text is the only kind read today;
// the other kinds a supervising office receives are recognised by name and reported as not yet
// readable, never checked as if they were text (which would say "0 errors" about a Word file).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import type { Localized, Span } from '../engine';
import { localized } from '../engine/rule';
import { writeFileAtomic } from '../documents/atomic';
import { decodeText, encodeText, TextDecodeError } from '../documents/text';
import { describeFsError, notRegular, prefixed } from './reasons';

/** A place in a file that line and character cannot name (a Word table cell, a PDF page). */
export type SourceLocation = Record<string, string | number>;

export interface ReportSource {
  /** The text the engine checks. */
  text: string;
  /** The finding's place in the file's own terms, for JSON `location`; absent for plain text. */
  locate?: (span: Span) => SourceLocation | undefined;
  /**
   * Writes the fixed text (the text above with fixes applied) into the file, atomically, in the
   * file's own form; absent where the kind is never written (.pdf, .html, .doc). Throws with the cause.
   */
  save?: (fixedText: string) => void | Promise<void>;
}

/**
 * Turns the bytes of a regular file into a source; throws (or rejects with) `SourceError` with the
 * reason. May be async: the .docx, .html and .pdf readers load their parsers on first use.
 */
export type Reader = (path: string, bytes: Uint8Array) => ReportSource | Promise<ReportSource>;

/** A file that cannot be read, or fixes that cannot be written, and why (a reader's or writer's own reason). */
export class SourceError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

const readPlainText: Reader = (path, bytes) => {
  const decoded = withReason(() => decodeText(bytes));
  return {
    text: decoded.text,
    save: (fixedText) => writeFileAtomic(path, withReason(() => encodeText(fixedText, decoded.form, bytes))),
  };
};

function withReason<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof TextDecodeError) throw new SourceError(error.reason);
    throw error;
  }
}

const notYetRead = (kind: string): Reader => () => {
  throw new SourceError(localized(`暂不支持读取 ${kind} 文件（尚未检查）`, `${kind} files cannot be read yet (not checked)`));
};

/** Readers by file extension. Plain text is also how a named file with any other extension is read. */
const READERS: Record<string, Reader> = {
  '.txt': readPlainText,
  '.md': readPlainText,
  '.docx': notYetRead('.docx'),
  '.doc': notYetRead('.doc'),
  '.wps': notYetRead('.wps'),
  '.html': notYetRead('.html'),
  '.htm': notYetRead('.htm'),
  '.shtml': notYetRead('.shtml'),
  '.pdf': notYetRead('.pdf'),
};

/** The extensions a folder run collects (contract: every report below a folder). */
export const REPORT_EXTENSIONS = new Set(Object.keys(READERS));

/** Past this a file is no report: a string of it would not fit V8's limit anyway. */
const MAX_BYTES = 256 * 1024 * 1024;

/** Reads a regular file (never waits on a FIFO or a device) and hands it to its reader. */
export async function readSource(path: string): Promise<ReportSource> {
  const reader = READERS[extname(path).toLowerCase()] ?? readPlainText;
  return reader(path, readRegularFile(path));
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
