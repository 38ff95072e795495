// 检查年报文件: a .docx, .doc, .wps, .pdf or .html report opened read-only as text, in a document of
// scheme gongkai-doc whose text the server reads with the command line's readers, in the language
// gongkai-report, so it gets the diagnostics, hover, outline, preview and quick fixes of any report.
// A fix applied there is written by the server into the .docx; the view follows the file on disk.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DOCUMENT_SCHEME,
  ReadDocumentRequest,
  WRITE_FIXES_COMMAND,
  WriteFixesRequest,
  type ReadDocumentResult,
  type WriteFixesParams,
  type WriteFixesResult,
} from '../../server/src/protocol';

const REPORT_LANGUAGE = 'gongkai-report';
/** The files the command reads; package.json's menus name the same extensions. */
const REPORT_FILE = /\.(docx|doc|wps|pdf|html|htm|shtml)$/i;
/** How long a view's file must stay unchanged on disk before the view reads it again. */
const SAVE_SETTLE_MS = 300;

export class DocumentViews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** At the top of each view: the reader's notes, or why the file can no longer be read. */
  readonly notes = vscode.languages.createDiagnosticCollection('gongkai-documents');
  /** A reading the command has just made, for the provider to show rather than read the file again. */
  private readonly fresh = new Map<string, ReadDocumentResult>();
  /** The command's readings under way: asked again while one is (a second click), it waits for that one. */
  private readonly opening = new Map<string, Promise<ReadDocumentResult>>();
  /** One watcher per open view, on its file (inside the workspace or not). */
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, this),
      vscode.commands.registerCommand('gongkai.checkReportFile', (resource?: vscode.Uri) => this.open(resource)),
      vscode.commands.registerCommand(WRITE_FIXES_COMMAND, (params: WriteFixesParams) => this.writeFixes(params)),
      vscode.commands.registerCommand('gongkai.fixInView', () => this.fixAtCursor()),
      vscode.workspace.onDidOpenTextDocument((document) => this.opened(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document)),
      this.notes,
      this.changed,
    ];
    vscode.workspace.textDocuments.forEach((document) => this.opened(document));
  }

  /**
   * The command: reads the file (the Explorer's selection, else the active editor's file, else the
   * file of the active view) and shows it as a report. Resolves to the view's editor, or undefined
   * when there is nothing to show (said to the user).
   */
  async open(resource?: vscode.Uri): Promise<vscode.TextEditor | undefined> {
    const file = resource ?? activeFile();
    if (!file || !REPORT_FILE.test(file.path)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select a .docx, .doc, .wps, .pdf or .html report file first, in the Explorer or as the active editor.'));
      return undefined;
    }
    if (file.scheme !== 'file') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Only report files on this computer can be checked: {0} is not.', file.toString()));
      return undefined;
    }
    const view = file.with({ scheme: DOCUMENT_SCHEME });
    const name = baseName(view);
    const key = view.toString();
    let reading = this.opening.get(key);
    if (!reading) {
      reading = this.read(view).finally(() => this.opening.delete(key));
      this.opening.set(key, reading);
    }
    const pending = reading;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading {0}', name) }, () => pending);
    if ('error' in result) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be read: {1}', name, result.error));
      return undefined;
    }
    this.fresh.set(key, result);
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
    // Already open: asked again, so shown as the file is now.
    if (open) this.changed.fire(view);
    const document = open ?? (await vscode.workspace.openTextDocument(view));
    const report = document.languageId === REPORT_LANGUAGE ? document : await vscode.languages.setTextDocumentLanguage(document, REPORT_LANGUAGE);
    return vscode.window.showTextDocument(report, { preview: false });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    const result = this.fresh.get(key) ?? (await this.read(uri));
    this.fresh.delete(key);
    if ('error' in result) {
      // The view says why, rather than go blank or keep showing text the file no longer has.
      const message = vscode.l10n.t('{0} cannot be read: {1}', baseName(uri), result.error);
      this.notes.set(uri, [note(message, message.length, vscode.DiagnosticSeverity.Error)]);
      void vscode.window.showErrorMessage(message);
      return `${message}\n`;
    }
    const firstLine = result.text.split('\n', 1)[0].length;
    this.notes.set(
      uri,
      result.notes.map((text) => note(vscode.l10n.t('Read with a limitation: {0}', text), firstLine, vscode.DiagnosticSeverity.Warning)),
    );
    return result.text;
  }

  /**
   * Ctrl+. in a view: VS Code offers Quick Fix only in editors that can be edited, so the view lists
   * the code actions of the cursor's line itself (those of the light bulb) and runs the one chosen.
   */
  private async fixAtCursor(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme !== DOCUMENT_SCHEME) return;
    const line = editor.document.lineAt(editor.selection.active.line).range;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, line, vscode.CodeActionKind.QuickFix.value);
    const offered = actions.filter((action) => action.command);
    if (offered.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No fix on this line.'));
      return;
    }
    const chosen = await vscode.window.showQuickPick(
      offered.map((action) => ({ label: action.title, action })),
      { placeHolder: vscode.l10n.t('Fix the problem on this line') },
    );
    const command = chosen?.action.command;
    if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
  }

  /** Fixes applied on a view, written into its file by the server; the view then shows the file as written. */
  private async writeFixes(params: WriteFixesParams): Promise<WriteFixesResult | undefined> {
    const view = vscode.Uri.parse(params.uri);
    let result: WriteFixesResult;
    try {
      result = await this.client.sendRequest(WriteFixesRequest, params);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was written into {0}: {1}', baseName(view), error instanceof Error ? error.message : String(error)));
      return undefined;
    } finally {
      // Whatever happened, the view shows the file as it is now.
      this.changed.fire(view);
    }
    if (result.error !== undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was written into {0}: {1}', result.file, result.error));
      return result;
    }
    if (result.written > 0) void vscode.window.showInformationMessage(vscode.l10n.t('{0} fixes written into {1}.', result.written, result.file));
    if (result.manual.length > 0) {
      const list = result.manual.map((fix) => (fix.where ? `${fix.title} (${fix.where})` : fix.title)).join('; ');
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} fixes cannot be written into {1} in place, make them by hand: {2}', result.manual.length, result.file, list));
    }
    return result;
  }

  private async read(view: vscode.Uri): Promise<ReadDocumentResult> {
    try {
      return await this.client.sendRequest(ReadDocumentRequest, { uri: this.client.code2ProtocolConverter.asUri(view) });
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  private opened(document: vscode.TextDocument): void {
    if (document.uri.scheme !== DOCUMENT_SCHEME) return;
    // Restored with a window, or switched to another language by hand: a view is always a report.
    if (document.languageId !== REPORT_LANGUAGE) {
      void vscode.languages.setTextDocumentLanguage(document, REPORT_LANGUAGE);
      return;
    }
    const key = document.uri.toString();
    if (!this.watchers.has(key)) {
      const file = document.uri.with({ scheme: 'file' });
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(file, '..'), baseName(file)));
      // A program saving the file may write it in several steps: read it once they have settled.
      let timer: NodeJS.Timeout | undefined;
      const refresh = () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.changed.fire(document.uri), SAVE_SETTLE_MS);
      };
      this.watchers.set(
        key,
        vscode.Disposable.from(watcher, watcher.onDidChange(refresh), watcher.onDidCreate(refresh), watcher.onDidDelete(refresh), {
          dispose: () => clearTimeout(timer),
        }),
      );
    }
    // The server forgets a reading when the view closes, as in a switch of language: read it again.
    if (!this.fresh.has(key)) this.changed.fire(document.uri);
  }

  private closed(document: vscode.TextDocument): void {
    if (document.uri.scheme !== DOCUMENT_SCHEME) return;
    const key = document.uri.toString();
    // A switch of language closes the document and opens it again at once: only a view gone for good is let go.
    setTimeout(() => {
      if (vscode.workspace.textDocuments.some((open) => open.uri.toString() === key)) return;
      this.notes.delete(document.uri);
      this.watchers.get(key)?.dispose();
      this.watchers.delete(key);
      this.fresh.delete(key);
    }, 0);
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The file of the active tab: a text or custom editor's, or the file a view shows. */
function activeFile(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
  return uri?.scheme === DOCUMENT_SCHEME ? uri.with({ scheme: 'file' }) : uri;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function note(message: string, length: number, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, Math.max(length, 1)), message, severity);
  diagnostic.source = 'gongkai';
  return diagnostic;
}
