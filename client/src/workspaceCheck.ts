// 检查工作区中的所有年报: every .txt and .md of the workspace goes to the server in batches, which
// checks those that look like annual reports from disk and fills the Problems view; the server
// checks each again whenever it changes on disk. Progress and cancel through VS Code's notification.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckFilesRequest } from '../../server/src/protocol';

/** Files per request: small enough for the progress to move and a cancel to stop soon. */
const BATCH = 20;

export async function checkWorkspace(client: LanguageClient): Promise<{ files: number; reports: number; errors: number; warnings: number } | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first.'));
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the annual reports of the workspace'), cancellable: true },
    async (progress, token) => {
      const found = await vscode.workspace.findFiles('**/*.{txt,md,TXT,MD}', '**/node_modules/**', undefined, token);
      // The server reads from disk: files of a virtual workspace are not there.
      const files = found.filter((uri) => uri.scheme === 'file');
      const totals = { files: files.length, reports: 0, errors: 0, warnings: 0 };
      for (let start = 0; start < files.length && !token.isCancellationRequested; start += BATCH) {
        const batch = files.slice(start, start + BATCH);
        const result = await client.sendRequest(CheckFilesRequest, { uris: batch.map((uri) => client.code2ProtocolConverter.asUri(uri)) }, token);
        totals.reports += result.reports;
        totals.errors += result.errors;
        totals.warnings += result.warnings;
        progress.report({
          increment: (100 * batch.length) / files.length,
          message: vscode.l10n.t('{0} of {1} files, {2} reports', Math.min(start + BATCH, files.length), files.length, totals.reports),
        });
      }
      const summary = token.isCancellationRequested
        ? vscode.l10n.t('Stopped: {0} reports checked so far ({1} errors, {2} warnings).', totals.reports, totals.errors, totals.warnings)
        : vscode.l10n.t('{0} reports checked: {1} errors, {2} warnings.', totals.reports, totals.errors, totals.warnings);
      void vscode.window.showInformationMessage(summary, vscode.l10n.t('Show Problems')).then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return totals;
    },
  );
}
