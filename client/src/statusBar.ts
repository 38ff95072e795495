// One status bar item with the Gongkai problem counts of the active editor's document.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';

export class ReportStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gongkai.status', vscode.StatusBarAlignment.Left, 50);
  /** Last status per document URI, with when it came: the server sends one only for documents it checks. */
  private readonly statuses = new Map<string, StatusParams & { at: Date }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    /** Diagnostics the client adds itself (a report file's reading notes), shown in the Problems view too. */
    private readonly clientDiagnostics: vscode.DiagnosticCollection,
  ) {
    this.item.name = vscode.l10n.t('Gongkai report problems');
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      this.item,
      client.onNotification(StatusNotification, (status) => {
        this.statuses.set(status.uri, { ...status, at: new Date() });
        this.update();
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = this.activeUri();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.statuses.delete(document.uri.toString());
        this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        // Which documents are checked may have changed: the server re-validates and reports anew.
        if (event.affectsConfiguration('gongkai')) {
          this.statuses.clear();
          this.update();
        }
      }),
    );
  }

  private activeUri(): string | undefined {
    return vscode.window.activeTextEditor?.document.uri.toString();
  }

  private update(): void {
    const uri = this.activeUri();
    const status = uri === undefined ? undefined : this.statuses.get(uri);
    if (!uri || !status) {
      this.item.hide();
      return;
    }
    // Count what the Problems view shows for this document, so the two never disagree.
    const counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
    const document = vscode.Uri.parse(uri);
    for (const diagnostic of [...(this.client.diagnostics?.get(document) ?? []), ...(this.clientDiagnostics.get(document) ?? [])]) {
      if (diagnostic.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else if (diagnostic.severity === vscode.DiagnosticSeverity.Information) counts.infos++;
      else counts.hints++;
    }
    const time = status.at.toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    this.item.text = vscode.l10n.t('$(checklist) Report: {0} errors {1} warnings · {2}', counts.errors, counts.warnings, time);
    this.item.tooltip = vscode.l10n.t(
      'Gongkai: {0} errors, {1} warnings, {2} infos, {3} hints (checked at {5} in {4} ms). Click to open the Problems view.',
      counts.errors,
      counts.warnings,
      counts.infos,
      counts.hints,
      Math.round(status.ms),
      time,
    );
    this.item.backgroundColor = counts.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
