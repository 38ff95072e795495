// The VS Code side: starts the language server and adds what LSP has no place for (commands, the
// status bar item). All checking happens in the server; nothing here reads a report.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { ReportStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
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
    synchronize: { configurationSection: 'gongkai' },
    // The server localises its messages from InitializeParams.locale, which the client fills
    // from VS Code's display language: nothing to pass here.
  };
  client = new LanguageClient('gongkai', vscode.l10n.t('Gongkai report checker'), serverOptions, clientOptions);

  const statusBar = new ReportStatusBar(client);
  context.subscriptions.push(statusBar, ...registerCommands(client));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
