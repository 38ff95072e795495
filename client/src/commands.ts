// The commands of the palette: a new draft, fix-all, and the parse dump.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { templateReport } from '../../server/src/engine/template';
import { FIRST_YEAR_OF_2021_FORMAT } from '../../server/src/engine/format';
import { DumpRequest } from '../../server/src/protocol';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('gongkai');

export function registerCommands(client: LanguageClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('gongkai.newReport', newReport),
    vscode.commands.registerCommand('gongkai.fixAll', fixAll),
    vscode.commands.registerCommand('gongkai.showParse', () => showParse(client)),
  ];
}

/**
 * Opens a new untitled draft. From the palette it asks for the year and the body's name; callers
 * (tests, other extensions) may pass both and skip the questions.
 */
async function newReport(year?: number, body?: string): Promise<vscode.TextEditor | undefined> {
  if (year === undefined) {
    const lastYear = new Date().getFullYear() - 1;
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('New annual report'),
      prompt: vscode.l10n.t('The year the report is about'),
      value: String(lastYear),
      validateInput: (value) => {
        const parsed = Number(value.trim());
        // The draft follows the 2021 format, which reports on earlier years did not use.
        return /^\d{4}$/.test(value.trim()) && parsed >= FIRST_YEAR_OF_2021_FORMAT && parsed <= lastYear + 1
          ? undefined
          : vscode.l10n.t('Enter a year from {0} to {1}.', FIRST_YEAR_OF_2021_FORMAT, lastYear + 1);
      },
    });
    if (answer === undefined) return undefined;
    year = Number(answer.trim());
  }
  if (body === undefined) {
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('New annual report'),
      prompt: vscode.l10n.t('The name of the government body publishing the report (may be left empty)'),
      placeHolder: vscode.l10n.t('e.g. Qinghe County Bureau of Agriculture and Rural Affairs'),
    });
    if (answer === undefined) return undefined;
    body = answer.trim();
  }
  const document = await vscode.workspace.openTextDocument({ language: 'gongkai-report', content: templateReport(year, body) });
  return vscode.window.showTextDocument(document);
}

/**
 * Applies the server's `source.fixAll.gongkai` action to the active document. Resolves to whether
 * anything was changed, so a caller can await the edit.
 */
async function fixAll(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a report first.'));
    return false;
  }
  const document = editor.document;
  // The fix is computed for one version of the text: if the user types meanwhile, ask again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const version = document.version;
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND.value,
      // Resolve the action's edit if the server fills it in lazily.
      1,
    );
    if (document.version !== version) continue;
    const action = actions?.find((a): a is vscode.CodeAction => a instanceof vscode.CodeAction && !!a.kind && FIX_ALL_KIND.contains(a.kind));
    if (!action || (!action.command && (!action.edit || action.edit.size === 0))) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing in this document can be fixed automatically.'));
      return false;
    }
    if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) return false;
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    return true;
  }
  void vscode.window.showWarningMessage(vscode.l10n.t('The document kept changing; run the command again.'));
  return false;
}

/** Shows what the parser understood of the active document, as JSON beside it. */
async function showParse(client: LanguageClient): Promise<vscode.TextEditor | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a report first.'));
    return undefined;
  }
  const uri = client.code2ProtocolConverter.asUri(editor.document.uri);
  const result = await client.sendRequest(DumpRequest, { uri });
  if (result === null || result === undefined) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Gongkai does not read this document: only plain-text, Markdown and annual-report documents are read.'),
    );
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(result, null, 2) + '\n' });
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}
