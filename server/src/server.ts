// The language server: a thin LSP layer over the engine. Runs over node IPC (the extension) or
// stdio (`--stdio`, for tests and other editors); createConnection picks by argv.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  MarkupKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dumpReport, parseReport } from './engine';
import { cellAt, hoverAt } from './engine/hover';
import { FIX_ALL_KIND, codeActions } from './codeActions';
import { toLocale } from './convert';
import { documentSymbols, foldingRanges } from './outline';
import { DumpRequest, type DumpParams, type DumpResult } from './protocol';
import { SettingsCache } from './settings';
import { EditTracker, Validator } from './validation';

const connection = createConnection(ProposedFeatures.all);
const settings = new SettingsCache(connection);

const edits = new EditTracker();
const documents = new TextDocuments<TextDocument>({ create: TextDocument.create, update: edits.update });
const validator = new Validator(connection, documents, settings, edits);

let versionedEdits = false;
let shutDown = false;
let dynamicConfigurationChange = false;

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  settings.supported = capabilities.workspace?.configuration === true;
  dynamicConfigurationChange = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  versionedEdits = capabilities.workspace?.workspaceEdit?.documentChanges === true;
  validator.locale = toLocale(params.locale);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
    },
    serverInfo: { name: 'gongkai' },
  };
});

connection.onInitialized(() => {
  if (dynamicConfigurationChange) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'gongkai' });
  }
});

connection.onShutdown(() => {
  shutDown = true;
  validator.stop();
});

/**
 * After `shutdown` the protocol allows only `exit`: every request handler goes through this, so a
 * client that keeps asking gets InvalidRequest instead of answers about documents it gave up.
 */
function whileRunning<P extends unknown[], R>(handler: (...params: P) => R): (...params: P) => R {
  return (...params) => {
    if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server has been shut down.');
    return handler(...params);
  };
}

connection.onDidChangeConfiguration((params) => {
  settings.push(params.settings);
  settings.clear();
  validator.revalidateAll();
});

documents.onDidChangeContent((event) => validator.schedule(event.document.uri));

documents.onDidClose((event) => {
  settings.drop(event.document.uri);
  validator.forget(event.document.uri);
});

connection.onCodeAction(whileRunning(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const validation = document && (await validator.resultsFor(document));
  if (!document || !validation?.report) return [];
  return codeActions(params, {
    document: { uri: document.uri, version: validation.version },
    report: validation.report,
    findings: validation.findings,
    locale: validator.localeOf(validation),
    versionedEdits,
  });
}));

connection.onHover(whileRunning(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const validation = document && (await validator.resultsFor(document));
  const report = validation?.report;
  if (!validation || !report) return null;
  const offset = report.lines.offsetAt(params.position);
  const markdown = hoverAt(report, offset, validator.localeOf(validation));
  const at = cellAt(report, offset);
  if (!markdown || !at) return null;
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: report.lines.rangeOf(at.cell.span) };
}));

connection.onDocumentSymbol(whileRunning(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const report = document && (await validator.resultsFor(document))?.report;
  return report ? documentSymbols(report) : null;
}));

connection.onFoldingRanges(whileRunning(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const report = document && (await validator.resultsFor(document))?.report;
  return report ? foldingRanges(report) : null;
}));

// Shows what the parser understood even in a document that is not checked: that is often the question.
connection.onRequest(DumpRequest.method, whileRunning(async ({ uri }: DumpParams): Promise<DumpResult> => {
  const document = documents.get(uri);
  if (!document) return null;
  const report = (await validator.resultsFor(document))?.report ?? parseReport(document.getText());
  return dumpReport(report);
}));

documents.listen(connection);
connection.listen();
