// The VS Code side: starts the language server and adds what LSP has no place for (commands, the
// status bar item, the table preview's webview, the workspace check's progress, the read-only views
// of report files). All checking happens in the server; nothing here checks a report.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { DocumentViews } from './documentView';
import { openReportsAsReports } from './language';
import { TablePreview } from './preview';
import { ReportStatusBar } from './statusBar';
import { checkWorkspace } from './workspaceCheck';
import type { InitializationOptions } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // Reports checked from disk are checked again when they change; .gongkai.json is read anew.
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.txt,*.md,*.TXT,*.MD,.gongkai.json}');
  const clientOptions: LanguageClientOptions = {
    // Plain-text and Markdown documents are offered to the server, which decides per document
    // (setting gongkai.documents) whether it looks like an annual report worth checking.
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { language: 'gongkai-report' },
    ],
    synchronize: { configurationSection: 'gongkai', fileEvents: watcher },
    // In Restricted Mode the server reads nothing outside the workspace folders.
    initializationOptions: { trusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
    // The server localises its messages from InitializeParams.locale, which the client fills
    // from VS Code's display language: nothing to pass here.
  };
  client = new LanguageClient('gongkai', vscode.l10n.t('Gongkai report checker'), serverOptions, clientOptions);

  const views = new DocumentViews(client);
  const statusBar = new ReportStatusBar(client, views.notes);
  const preview = new TablePreview(client, context.extensionUri);
  context.subscriptions.push(
    watcher,
    views,
    statusBar,
    preview,
    ...registerCommands(client),
    vscode.commands.registerCommand('gongkai.showPreview', () => preview.show()),
    vscode.commands.registerCommand('gongkai.checkWorkspace', () => checkWorkspace(client!)),
    openReportsAsReports(),
    // Trust granted: start again with the whole file system readable.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      client!.clientOptions.initializationOptions = { trusted: true } satisfies InitializationOptions;
      void client!.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
