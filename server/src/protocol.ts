// The messages Gongkai adds to LSP, typed once for the server and the client. The message-type
// objects come from the client's vscode-languageserver-protocol; the server bundles an older
// vscode-jsonrpc whose classes do not type-check against these, so it registers by `.method`.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { OffsetEdit, RuleId } from './engine/types';
import type { PreviewModel } from './engine/preview';

export interface DumpParams {
  uri: string;
}

/** The parsed model of an open document (what `gongkai dump` prints), or null when it is not open. */
export type DumpResult = unknown | null;

export const DumpRequest = new RequestType<DumpParams, DumpResult, void>('gongkai/dump');

export interface StatusParams {
  uri: string;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** How long the validation that produced these counts took. */
  ms: number;
}

/** Server → client after each validation of a checked document, counting the diagnostics just published. */
export const StatusNotification = new NotificationType<StatusParams>('gongkai/status');

/** Client → server: the table preview of a document was opened (or closed); while open, previews follow. */
export interface PreviewSubscriptionParams {
  uri: string;
  open: boolean;
}

export const PreviewSubscription = new NotificationType<PreviewSubscriptionParams>('gongkai/previewSubscription');

export interface PreviewParams {
  uri: string;
  version: number;
  /** Null when the document is not checked (not a report, or checking is off), or when `unchanged`. */
  model: PreviewModel | null;
  /** The model of this version is the one sent last: only the version moved (an edit outside the tables). */
  unchanged?: boolean;
}

/** Server → client for each document with an open preview, after its diagnostics are published. */
export const PreviewNotification = new NotificationType<PreviewParams>('gongkai/preview');

export interface CheckFilesParams {
  /** Files of the workspace (file: URIs); open documents among them are checked as they are anyway. */
  uris: string[];
}

export interface CheckFilesResult {
  /** Files that look like annual reports and were checked. */
  reports: number;
  errors: number;
  warnings: number;
}

/**
 * Client → server: check these files from disk and publish their diagnostics; they are checked again
 * whenever they change on disk. The client sends the workspace in batches, for progress and cancel.
 */
export const CheckFilesRequest = new RequestType<CheckFilesParams, CheckFilesResult, void>('gongkai/checkFiles');

/** What a finding's "ignore this finding" quick fix passes to the command: the finding and its anchor. */
export interface IgnoreFindingArgs {
  uri: string;
  rule: RuleId;
  anchor?: string;
  text: string;
}

/** Executed on the server (workspace/executeCommand): records the finding in the nearest .gongkai.json. */
export const IGNORE_FINDING_COMMAND = 'gongkai.ignoreFinding';

/** initializationOptions from the client. */
export interface InitializationOptions {
  /** False in Restricted Mode: nothing outside the workspace folders is read. */
  trusted?: boolean;
}

/**
 * A report file (.docx, .pdf, .html, .doc) shown as text: a read-only document of this scheme whose
 * path is the file's (`gongkai-doc:/path/report.docx`), its text what the file's reader makes of it.
 */
export const DOCUMENT_SCHEME = 'gongkai-doc';

export interface ReadDocumentParams {
  /** The view's URI (scheme DOCUMENT_SCHEME). */
  uri: string;
}

/** The file as text, or why it cannot be read; messages in the report's locale. */
export type ReadDocumentResult =
  | {
      text: string;
      /** What the reader could not read exactly or left out. */
      notes: string[];
    }
  | { error: string };

/** Client → server: read a report file for its view (again after it changed on disk). */
export const ReadDocumentRequest = new RequestType<ReadDocumentParams, ReadDocumentResult, void>('gongkai/readDocument');

/** Fixes to write into the file a view shows: each fix whole or not at all. */
export interface WriteFixesParams {
  /** The view's URI and the version the fixes' offsets belong to. */
  uri: string;
  version: number;
  fixes: { title: string; edits: OffsetEdit[] }[];
}

export interface WriteFixesResult {
  /** The file's name, for the messages. */
  file: string;
  /** How many fixes were written. */
  written: number;
  /** Fixes the file format cannot take in place (a row or a section to insert): 请手工修改. */
  manual: { title: string; where?: string }[];
  /** Why nothing was written, when nothing could be. */
  error?: string;
}

/** Client → server: write fixes into the file of a view; the client then shows the file read again. */
export const WriteFixesRequest = new RequestType<WriteFixesParams, WriteFixesResult, void>('gongkai/writeFixes');

/** The client's command a code action on a view carries (its one argument: WriteFixesParams). */
export const WRITE_FIXES_COMMAND = 'gongkai.writeFixesToFile';
