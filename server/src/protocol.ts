// The messages Gongkai adds to LSP, typed once for the server and the client. The message-type
// objects come from the client's vscode-languageserver-protocol; the server bundles an older
// vscode-jsonrpc whose classes do not type-check against these, so it registers by `.method`.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

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
