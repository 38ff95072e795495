// Report files (.docx, .pdf, .html, .doc/.wps) in the editor. The client shows each as a read-only
// view (scheme gongkai-doc) whose text the server reads here, with the same readers as the command
// line; the view is then checked like any report. A fix applied on the view of a .docx is written
// into the .docx itself (only the fixed w:t texts change, atomically, each fix whole or not at all);
// the other formats cannot take fixes, and their actions say so in their titles.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, type Locale, type Localized, type Span } from './engine';
import { applyDocxEdits, describe, DocumentError, readDocument, type DocumentRead } from './documents';
import { writeFileAtomic } from './documents/atomic';
import type { FixWriter } from './codeActions';
import { pathOf } from './projectFiles';
import { DOCUMENT_SCHEME, WRITE_FIXES_COMMAND, type ReadDocumentResult, type WriteFixesParams, type WriteFixesResult } from './protocol';

const NOT_WRITABLE: Localized = {
  'zh-cn': '此格式不能自动修正，请另存为 .docx',
  en: 'fixes cannot be written into this format: save it as .docx',
};
const NOT_READ_IN_FULL: Localized = {
  'zh-cn': '此 .docx 未能完整读取（见开头的读取说明），不能自动修正，请手工修改',
  en: 'this .docx was not read in full (see the note at the top), so fixes cannot be written into it: make them by hand',
};
const OUTDATED: Localized = {
  'zh-cn': '视图显示的已不是文件的当前内容，已重新读取，请再试一次',
  en: 'The view no longer shows the file as it is: it has been read again, try once more',
};
const CHANGED_ON_DISK: Localized = {
  'zh-cn': '文件在读取后已被修改，已重新读取，请查看后再修正',
  en: 'The file changed on disk after it was read: it has been read again, look at it before fixing',
};
const NOT_AS_FIXED: Localized = {
  'zh-cn': '写入后的文件读出的内容与修正后的文本不一致，未写入文件',
  en: 'The file as it would be written does not read back as the fixed text: nothing was written',
};
const NOT_A_VIEW: Localized = {
  'zh-cn': '不是年报文件的视图',
  en: 'Not the view of a report file',
};

/** What a view shows, and what its fixes are written against: the file's bytes and their reading. */
interface FileRead {
  bytes: Uint8Array;
  read: DocumentRead;
}

export class DocumentFiles {
  /** The last reading of each viewed file, by path. */
  private readonly reads = new Map<string, FileRead>();

  static isView(uri: string): boolean {
    return uri.startsWith(`${DOCUMENT_SCHEME}:`);
  }

  /** The file of a view as text, read again only when its bytes changed. */
  async read(uri: string, locale: Locale): Promise<ReadDocumentResult> {
    const file = DocumentFiles.isView(uri) ? pathOf(uri) : undefined;
    if (!file) return { error: NOT_A_VIEW[locale] };
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (error) {
      this.reads.delete(file);
      return { error: failure(error, 'read')[locale] };
    }
    let entry = this.reads.get(file);
    if (!entry || !sameBytes(entry.bytes, bytes)) {
      try {
        entry = { bytes, read: await readDocument(bytes, path.basename(file)) };
      } catch (error) {
        this.reads.delete(file);
        return { error: failure(error, 'read')[locale] };
      }
      this.reads.set(file, entry);
    }
    return { text: entry.read.text, notes: entry.read.warnings.map((warning) => warning[locale]) };
  }

  /** A view was closed: its reading is no longer needed. */
  forget(uri: string): void {
    const file = DocumentFiles.isView(uri) ? pathOf(uri) : undefined;
    if (file) this.reads.delete(file);
  }

  /**
   * How the code actions of a view carry their fixes: a command that writes them into the file. A
   * file that cannot take them says why in the action's title (and again when it is chosen), so
   * the clerk sees the fix to make by hand; none is preferred. Undefined for documents that are not
   * views; no fix is offered while a view does not show its file's current reading.
   */
  fixWriter(document: TextDocument, locale: Locale): FixWriter | undefined {
    if (!DocumentFiles.isView(document.uri)) return undefined;
    const entry = this.current(document);
    if (!entry) return () => undefined;
    const name = path.basename(pathOf(document.uri)!);
    const reason = unwritable(entry.read);
    return (title, fixes) => {
      const note = reason ? reason[locale] : locale === 'zh-cn' ? `写入 ${name}` : `into ${name}`;
      const shown = locale === 'zh-cn' ? `${title}（${note}）` : `${title} (${note})`;
      const params: WriteFixesParams = {
        uri: document.uri,
        version: document.version,
        fixes: fixes.map((fix) => ({ title: fix.title[locale], edits: fix.edits })),
      };
      return { title: shown, command: { title: shown, command: WRITE_FIXES_COMMAND, arguments: [params] }, ...(reason ? { isPreferred: false } : {}) };
    };
  }

  /** Where a span of a view is in its file, as the user says it ("第2个表格 第7行 第9格"). */
  where(document: TextDocument, span: Span, locale: Locale): string | undefined {
    const location = this.current(document)?.read.locate(span);
    return location && describe(location)[locale];
  }

  /**
   * Writes fixes made on a view into its .docx: each fix whole or not at all, the ones the file
   * cannot take in place returned as manual. Nothing is written when the view or the file moved on
   * since the reading, or when the written file would not read back as the fixed text.
   */
  async write(params: WriteFixesParams, document: TextDocument | undefined, locale: Locale): Promise<WriteFixesResult> {
    const file = DocumentFiles.isView(params.uri) ? pathOf(params.uri) : undefined;
    const name = file ? path.basename(file) : params.uri;
    const failed = (reason: Localized): WriteFixesResult => ({ file: name, written: 0, manual: [], error: reason[locale] });
    if (!file) return failed(NOT_A_VIEW);
    const entry = document && document.version === params.version ? this.current(document) : undefined;
    if (!entry) return failed(OUTDATED);
    const reason = unwritable(entry.read);
    if (reason) return failed(reason);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (error) {
      return failed(failure(error, 'read'));
    }
    if (!sameBytes(bytes, entry.bytes)) return failed(CHANGED_ON_DISK);
    try {
      // A fix with an edit the file cannot take in place is not written at all: half a fix would
      // leave the totals wrong in another way. Each round drops such fixes; the rest are written.
      let fixes = params.fixes;
      let outcome = await applyDocxEdits(bytes, entry.read, fixes.flatMap((fix) => fix.edits));
      while (outcome.manual.length > 0) {
        const manual = new Set(outcome.manual);
        fixes = fixes.filter((fix) => fix.edits.every((edit) => !manual.has(edit)));
        outcome = await applyDocxEdits(bytes, entry.read, fixes.flatMap((fix) => fix.edits));
      }
      const left = params.fixes.filter((fix) => !fixes.includes(fix));
      if (fixes.length > 0) {
        const again = await readDocument(outcome.bytes, name);
        if (again.text !== applyEdits(entry.read.text, outcome.applied)) return failed(NOT_AS_FIXED);
        writeFileAtomic(file, outcome.bytes);
        this.reads.set(file, { bytes: outcome.bytes, read: again });
      }
      return {
        file: name,
        written: fixes.length,
        manual: left.map((fix) => {
          const location = fix.edits[0] && entry.read.locate(fix.edits[0].span);
          return { title: fix.title, ...(location ? { where: describe(location)[locale] } : {}) };
        }),
      };
    } catch (error) {
      return failed(failure(error, 'write'));
    }
  }

  /** The reading a view shows: none when the view's text is not (or no longer) the file's reading. */
  private current(document: TextDocument): FileRead | undefined {
    const file = pathOf(document.uri);
    const entry = file === undefined ? undefined : this.reads.get(file);
    return entry && entry.read.text === document.getText() ? entry : undefined;
  }
}

/** Why fixes cannot be written into a file, if they cannot. */
function unwritable(read: DocumentRead): Localized | undefined {
  if (read.writable) return undefined;
  return read.kind === 'docx' ? NOT_READ_IN_FULL : NOT_WRITABLE;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** Why a file could not be read or written, as the user reads it: the reader's reason, or the file system's. */
function failure(error: unknown, doing: 'read' | 'write'): Localized {
  if (error instanceof DocumentError) return error.reason;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT') return { 'zh-cn': '文件不存在（已被移动或删除）', en: 'The file does not exist (it was moved or deleted)' };
  if (code === 'EACCES' || code === 'EPERM') {
    return doing === 'read'
      ? { 'zh-cn': '没有读取此文件的权限', en: 'No permission to read this file' }
      : { 'zh-cn': '没有写入此文件的权限（文件只读，或正被其他程序打开）', en: 'No permission to write this file (it is read-only, or open in another program)' };
  }
  if (code === 'EISDIR') return { 'zh-cn': '这是一个文件夹，不是文件', en: 'This is a folder, not a file' };
  return doing === 'read'
    ? { 'zh-cn': `无法读取此文件（${detail}）`, en: `This file cannot be read (${detail})` }
    : { 'zh-cn': `无法写入此文件（${detail}）`, en: `This file cannot be written (${detail})` };
}
