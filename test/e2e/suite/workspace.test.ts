// Issue 13 in the real extension host: reports open as reports, one finding ignored through
// .gongkai.json (and back when its text changes), the workspace check for files that are not open,
// VS Code validating .gongkai.json with the contributed schema, and the preview opening beside the
// editor. The UI run (run-ui.mjs) shows the preview's content, the inlay hints and Restricted Mode.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const SOURCE = 'gongkai';
const TIMEOUT_MS = 10_000;

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the runner opens a workspace folder with the seeds');
  return first.uri;
}

const seed = (name: string) => vscode.Uri.joinPath(folder(), name);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

async function until<T>(find: () => T | undefined | false, what: string, timeout = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Issue 13 in a real VS Code extension host', () => {
  it('a .txt that looks like a report opens in the language gongkai-report (with its colouring)', async () => {
    const document = await vscode.workspace.openTextDocument(seed('004_b6050632e8bc8358.txt'));
    await vscode.window.showTextDocument(document);
    await until(() => document.languageId === 'gongkai-report', `the language to switch (it is ${document.languageId})`);
    const note = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '周会纪要\n一、上周工作\n' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(note.languageId, 'plaintext', 'a note stays plain text');
  });

  it('忽略此问题 removes one finding, records it in .gongkai.json, keeps it away after an unrelated edit, and brings it back when its text changes', async () => {
    const uri = seed('004_b6050632e8bc8358.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const glued = await until(() => ours(uri).find((d) => ruleOf(d) === 'cell-value'), 'the glued-digit finding of seed 004');
    const before = ours(uri).length;

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, glued.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((a) => a.title === '忽略此问题');
    assert.ok(ignore?.command, `no 忽略此问题 among ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
    await until(() => ours(uri).length === before - 1 && !ours(uri).some((d) => ruleOf(d) === 'cell-value'), 'the finding to go');

    const projectFile = vscode.Uri.joinPath(folder(), '.gongkai.json');
    const recorded = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(projectFile)));
    assert.deepEqual(recorded.ignore, [{ file: '004_b6050632e8bc8358.txt', rule: 'cell-value', text: '三、本年度办理结果0' }]);
    assert.ok(!document.getText().includes('gongkai'), 'nothing written into the report');

    // An edit elsewhere: lines move, the finding stays ignored.
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), '（征求意见稿）\n'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.ok(!ours(uri).some((d) => ruleOf(d) === 'cell-value'), 'still ignored after an unrelated edit');

    // The anchored text changes: the finding is back.
    const line = glued.range.start.line + 1;
    const text = document.lineAt(line).text;
    await editor.edit((edit) => edit.insert(new vscode.Position(line, text.length), '0'));
    await until(() => ours(uri).some((d) => ruleOf(d) === 'cell-value'), 'the finding to come back');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('检查工作区中的所有年报 fills the Problems view for reports that are not open', async () => {
    const closed = seed('002_98536ac48eaa19e8.txt');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'seed 002 is not open');
    assert.deepEqual(ours(closed), []);
    const totals = await vscode.commands.executeCommand<{ files: number; reports: number; errors: number; warnings: number }>('gongkai.checkWorkspace');
    assert.ok(totals && totals.reports >= 5, `checked: ${JSON.stringify(totals)}`);
    const shown = await until(() => ours(closed).length > 0 && ours(closed), 'diagnostics of the closed seed 002');
    assert.equal(shown.filter((d) => ruleOf(d) === 'heading-level').length, 4);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'still not open');
  });

  it('VS Code validates .gongkai.json against the contributed schema', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'schema-check', '.gongkai.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{\n  "level": "村级",\n  "rules": { "row-total": "loud" }\n}\n'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const fromSchema = await until(() => {
      const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== SOURCE);
      return diagnostics.length >= 2 && diagnostics;
    }, 'the JSON language service to flag the two values', 20_000);
    assert.deepEqual(fromSchema.map((d) => d.range.start.line).sort(), [1, 2]);
    assert.ok(fromSchema.some((d) => d.message.includes('乡镇')), fromSchema.map((d) => d.message).join(' | '));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('预览表格 opens the table preview beside the report', async () => {
    const document = await vscode.workspace.openTextDocument(seed('003_bb67cb1c2b4a6a16.txt'));
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('gongkai.showPreview');
    const tab = await until(
      () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('gongkai.preview')),
      'a preview tab',
    );
    assert.match(tab.label, /003_bb67cb1c2b4a6a16\.txt/);
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'beside the editor');
    await vscode.window.tabGroups.close(tab);
  });
});
