// The language server: a thin LSP layer over the engine. Runs over node IPC (the extension) or
// stdio (`--stdio`, for tests and other editors); createConnection picks by argv.
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  MarkupKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dumpReport, parseReport, type Finding, type Locale, type Report } from './engine';
import { analyse } from './engine/analysis';
import { cellAt, hoverAt } from './engine/hover';
import { previewModel } from './engine/preview';
import { projectRelative } from './config/project';
import { FIX_ALL_KIND, codeActions } from './codeActions';
import { toLocale } from './convert';
import { DocumentFiles } from './documentFiles';
import { inlayHints } from './inlayHints';
import { documentSymbols, foldingRanges } from './outline';
import { pathOf, ProjectFiles } from './projectFiles';
import {
  CheckFilesRequest,
  DumpRequest,
  IGNORE_FINDING_COMMAND,
  PreviewNotification,
  PreviewSubscription,
  ReadDocumentRequest,
  WriteFixesRequest,
  type CheckFilesParams,
  type CheckFilesResult,
  type DumpParams,
  type DumpResult,
  type IgnoreFindingArgs,
  type InitializationOptions,
  type PreviewParams,
  type PreviewSubscriptionParams,
  type ReadDocumentParams,
  type ReadDocumentResult,
  type WriteFixesParams,
  type WriteFixesResult,
} from './protocol';
import { SettingsCache } from './settings';
import { EditTracker, Validator, type Validation } from './validation';


const connection = createConnection(ProposedFeatures.all);
const settings = new SettingsCache(connection);
const projects = new ProjectFiles();

const edits = new EditTracker();
const documents = new TextDocuments<TextDocument>({ create: TextDocument.create, update: edits.update });
const validator = new Validator(connection, documents, settings, edits, projects);
const documentFiles = new DocumentFiles();

let versionedEdits = false;
let dynamicConfigurationChange = false;
let inlayHintRefresh = false;
let shutDown = false;
/** Absolute paths of the workspace folders: where a new .gongkai.json goes. */
let workspaceFolders: string[] = [];

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  settings.supported = capabilities.workspace?.configuration === true;
  dynamicConfigurationChange = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  versionedEdits = capabilities.workspace?.workspaceEdit?.documentChanges === true;
  inlayHintRefresh = capabilities.workspace?.inlayHint?.refreshSupport === true;
  validator.locale = toLocale(params.locale);
  workspaceFolders = (params.workspaceFolders ?? [])
    .map((folder) => pathOf(folder.uri))
    .filter((folder): folder is string => folder !== undefined);
  // Restricted Mode: Gongkai runs no workspace code, but reads no file outside the folder either.
  const options = params.initializationOptions as InitializationOptions | undefined;
  if (options?.trusted === false) projects.restrictTo = workspaceFolders;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      inlayHintProvider: true,
      executeCommandProvider: { commands: [IGNORE_FINDING_COMMAND] },
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
  if (inlayHintRefresh) void connection.languages.inlayHint.refresh();
});

connection.onDidChangeWatchedFiles((params) => {
  if (shutDown) return;
  for (const change of params.changes) validator.fileChanged(change.uri);
});

documents.onDidChangeContent((event) => validator.schedule(event.document.uri));

documents.onDidClose((event) => {
  settings.drop(event.document.uri);
  validator.forget(event.document.uri);
  documentFiles.forget(event.document.uri);
});

connection.onCodeAction(whileRunning(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const validation = document && (await validator.resultsFor(document));
  if (!document || !validation?.report) return [];
  const locale = validator.localeOf(validation);
  return codeActions(params, {
    document: { uri: document.uri, version: validation.version },
    report: validation.report,
    findings: validation.findings,
    locale,
    versionedEdits,
    // A finding is recorded by its file: an untitled draft has none yet.
    ignorable: pathOf(document.uri) !== undefined,
    writeFixes: documentFiles.fixWriter(document, locale),
  });
}));

connection.onExecuteCommand(whileRunning(async (params) => {
  if (params.command !== IGNORE_FINDING_COMMAND) return;
  const [args] = (params.arguments ?? []) as IgnoreFindingArgs[];
  const file = args && pathOf(args.uri);
  if (!file) return;
  const folder = workspaceFolders.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  try {
    const written = projects.ignore(file, folder ?? path.dirname(file), (project) => ({
      file: projectRelative(project, file),
      rule: args.rule,
      ...(args.anchor ? { anchor: args.anchor } : {}),
      text: args.text,
    }));
    connection.console.log(`Ignored ${args.rule} in ${file}: recorded in ${written}`);
  } catch (error) {
    const zh = validator.locale === 'zh-cn';
    void connection.window.showErrorMessage(
      zh
        ? `无法记录到 .gongkai.json：${(error as Error).message}。请先修正该文件。`
        : `Could not record the finding in .gongkai.json: ${(error as Error).message}. Fix the file first.`,
    );
    return;
  }
  validator.revalidateAll();
  validator.publishProjectProblems();
}));

connection.onHover(whileRunning(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const validation = document && (await validator.resultsFor(document));
  const report = validation?.report;
  if (!validation || !report) return null;
  const offset = report.lines.offsetAt(params.position);
  const locale = validator.localeOf(validation);
  const markdown = hoverAt(report, offset, locale);
  const at = cellAt(report, offset);
  if (!markdown || !at) return null;
  // In the view of a report file: where the cell is in the file, to find it there.
  const where = documentFiles.where(document, at.cell.span, locale);
  const inFile = where && (locale === 'zh-cn' ? `\n\n在文件中：${where}` : `\n\nIn the file: ${where}`);
  return { contents: { kind: MarkupKind.Markdown, value: markdown + (inFile ?? '') }, range: report.lines.rangeOf(at.cell.span) };
}));

connection.languages.inlayHint.on(whileRunning(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const validation = document && (await validator.resultsFor(document));
  if (!validation?.report || !validation.settings.inlayHints) return [];
  return inlayHints(validation.report, params.range);
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

connection.onRequest(CheckFilesRequest.method, whileRunning(async ({ uris }: CheckFilesParams): Promise<CheckFilesResult> => {
  const result: CheckFilesResult = { reports: 0, errors: 0, warnings: 0 };
  for (const uri of uris) {
    const counts = await validator.checkOnDisk(uri);
    if (!counts) continue;
    result.reports++;
    result.errors += counts.errors;
    result.warnings += counts.warnings;
  }
  return result;
}));

connection.onRequest(ReadDocumentRequest.method, whileRunning(async ({ uri }: ReadDocumentParams): Promise<ReadDocumentResult> => {
  return documentFiles.read(uri, await localeFor(uri));
}));

connection.onRequest(WriteFixesRequest.method, whileRunning(async (params: WriteFixesParams): Promise<WriteFixesResult> => {
  return documentFiles.write(params, documents.get(params.uri), await localeFor(params.uri));
}));

/** The language of a document's messages: its gongkai.locale setting, else VS Code's display language. */
async function localeFor(uri: string): Promise<Locale> {
  const { locale } = await settings.get(uri);
  return locale === 'auto' ? validator.locale : locale;
}

// ---------------------------------------------------------------------------------------------
// Table preview: sent after the diagnostics it agrees with, only while the client shows it.

const previewed = new Set<string>();

connection.onNotification(PreviewSubscription.method, async ({ uri, open }: PreviewSubscriptionParams) => {
  previewInputs.delete(uri);
  if (!open) {
    previewed.delete(uri);
    return;
  }
  previewed.add(uri);
  const document = documents.get(uri);
  const validation = document && (await validator.resultsFor(document));
  if (document && validation?.report && validation.version === document.version) sendPreview(uri, validation, validation.findings);
  else sendNoPreview(uri, document?.version ?? 0);
});

documents.onDidClose((event) => {
  previewed.delete(event.document.uri);
  previewInputs.delete(event.document.uri);
});

validator.onPublish = (uri, validation, shown) => {
  if (!previewed.has(uri)) return;
  // After the diagnostics have gone out, and only if no newer version came in meanwhile.
  setImmediate(() => {
    if (!shutDown && documents.get(uri)?.version === validation.version) sendPreview(uri, validation, shown);
  });
};

/** What each open preview was last computed from, so typing in the prose costs the preview nothing. */
const previewInputs = new Map<string, string>();

function sendPreview(uri: string, validation: Validation, shown: Finding[]): void {
  const { report } = validation;
  if (shutDown || !report) return;
  const locale = validator.localeOf(validation);
  const input = previewInput(report, shown, locale);
  if (previewInputs.get(uri) === input) {
    const params: PreviewParams = { uri, version: validation.version, model: null, unchanged: true };
    void connection.sendNotification(PreviewNotification.method, params);
    return;
  }
  let model: PreviewParams['model'] = null;
  try {
    model = previewModel(report, analyse(report), shown, locale);
    previewInputs.set(uri, input);
  } catch (error) {
    previewInputs.delete(uri);
    connection.console.error(`Preview of ${uri} failed: ${(error as Error).stack ?? error}`);
  }
  const params: PreviewParams = { uri, version: validation.version, model };
  void connection.sendNotification(PreviewNotification.method, params);
}

/**
 * Everything the preview model depends on: the text from the first table's line to the last table's
 * end, where it starts, the findings shown in it, and the report's title, year and cut-off. A change
 * elsewhere (a character typed in a paragraph) leaves every range and value of the model as it was.
 */
function previewInput(report: Report, shown: Finding[], locale: Locale): string {
  const first = report.tables[0];
  const last = report.tables[report.tables.length - 1];
  const line = first ? report.lines.lineOf(first.span.start) : 0;
  const start = first ? report.lines.lineStart(line) : 0;
  const end = last ? last.span.end : 0;
  const findings = shown
    .filter((f) => start <= f.span.start && f.span.end <= end)
    .map((f) => `${f.rule}@${f.span.start - start}-${f.span.end - start}:${f.message[locale]}`);
  return [locale, report.title?.text, report.year, report.truncated, line, findings.join('\n'), report.text.slice(start, end)].join('\u0000');
}

function sendNoPreview(uri: string, version: number): void {
  const params: PreviewParams = { uri, version, model: null };
  void connection.sendNotification(PreviewNotification.method, params);
}

documents.listen(connection);
connection.listen();
