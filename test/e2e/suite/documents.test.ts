// Issue 9 point 4 in the real extension host: 检查年报文件 opens a .docx read-only as a report, the
// quick fix and fix-all write into the .docx and the view follows, a change of the file on disk
// shows in the view, a web page's fixes say it cannot take them and its reading notes sit at the
// top, and an unreadable file opens no view. The UI run (run-ui.mjs) does the same as a user.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { WriteFixesResult } from '../../../server/src/protocol';
import { blocksOf, writeHtml } from '../../documents/generate';
import { reportWithWrongTotal } from '../../documents/helpers';
import { cellOnDisk, writeWrongTotalDocx, type WrongTotalDocx } from '../docx';

const TIMEOUT_MS = 15_000;
const NOT_WRITABLE = '此格式不能自动修正，请另存为 .docx';

const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const rowTotal = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'gongkai' && ruleOf(d) === 'row-total');

async function until<T>(find: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeout = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the runner opens a workspace folder');
  return first.uri;
}

async function preferredFix(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, `no preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
  return fix;
}

describe('检查年报文件: report files in a real VS Code extension host', () => {
  let docx: WrongTotalDocx;
  let view: vscode.TextDocument;
  /** The cell of the wrong total as the view shows it. */
  const cellInView = () => view.lineAt(docx.line).text.slice(docx.character).split('\t')[0];

  before(async () => {
    docx = await writeWrongTotalDocx(folder().fsPath);
  });

  it('opens the .docx as a report (language gongkai-report) with the wrong total flagged', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('gongkai.checkReportFile', vscode.Uri.file(docx.path));
    assert.ok(editor, 'the command opened no view');
    view = editor.document;
    assert.equal(view.uri.scheme, 'gongkai-doc');
    assert.equal(view.uri.path, vscode.Uri.file(docx.path).path);
    await until(() => view.languageId === 'gongkai-report', `the language gongkai-report (it is ${view.languageId})`);
    const wrong = await until(() => rowTotal(view.uri), 'the row-total finding on the view');
    assert.deepEqual([wrong.range.start.line, wrong.range.start.character], [docx.line, docx.character]);
    assert.equal(view.getText(wrong.range), docx.written);
  });

  it('the quick fix writes the total into the .docx on disk, and the view shows the file as written', async () => {
    const fix = await preferredFix(view.uri, rowTotal(view.uri)!.range);
    assert.match(fix.title, /（写入 年报-合计有误\.docx）$/);
    assert.ok(fix.command && !fix.edit, 'a command, not an edit of the read-only view');
    const result = await vscode.commands.executeCommand<WriteFixesResult>(fix.command.command, ...(fix.command.arguments ?? []));
    assert.deepEqual(result, { file: docx.name, written: 1, manual: [] });
    assert.equal(await cellOnDisk(docx.path, docx.line, docx.character), docx.fixed);
    await until(() => cellInView() === docx.fixed && !rowTotal(view.uri), 'the view to show the fixed total without the finding');
  });

  it('a change of the file on disk shows in the view (here: the old file saved back)', async () => {
    writeFileSync(docx.path, docx.bytes);
    await until(() => cellInView() === docx.written, 'the view to show the file as it is again');
    await until(() => rowTotal(view.uri), 'the finding to come back');
  });

  it('修正全部可修正问题 (gongkai.fixAll) on the view writes into the .docx too', async () => {
    await vscode.window.showTextDocument(view);
    assert.equal(await vscode.commands.executeCommand('gongkai.fixAll'), true);
    await until(async () => (await cellOnDisk(docx.path, docx.line, docx.character)) === docx.fixed, 'the fixed total on disk');
    await until(() => !rowTotal(view.uri), 'the finding to go from the view');
  });

  it('a file that becomes unreadable on disk: the view says why, at the top and in its text', async () => {
    writeFileSync(docx.path, docx.bytes.subarray(0, 300));
    const why = await until(
      () => vscode.languages.getDiagnostics(view.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error && d.message.startsWith(`无法读取 ${docx.name}：`)),
      'the reason on the first line',
    );
    await until(() => view.getText().trim() === why.message, 'the view to say why in its text');
    await until(() => !rowTotal(view.uri), 'no finding of the text the file no longer has');
    writeFileSync(docx.path, docx.bytes);
    await until(() => rowTotal(view.uri), 'the report back once the file reads again');
    assert.ok(!vscode.languages.getDiagnostics(view.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.message.startsWith('无法读取')));
  });

  it('a web page: its reading notes are at the top, and its fixes say it cannot take them', async () => {
    const html = vscode.Uri.joinPath(folder(), '年报网页.html');
    writeFileSync(html.fsPath, writeHtml(blocksOf(reportWithWrongTotal()), { chrome: true, gbk: true }));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('gongkai.checkReportFile', html);
    assert.ok(editor);
    const page = editor.document;
    const notes = await until(
      () => vscode.languages.getDiagnostics(page.uri).filter((d) => d.message.startsWith('读取说明：')),
      'the reading notes',
    );
    assert.ok(notes.length > 0 && notes.every((n) => n.range.start.line === 0 && n.severity === vscode.DiagnosticSeverity.Warning));
    const wrong = await until(() => rowTotal(page.uri), 'the row-total finding on the web page');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', page.uri, wrong.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.endsWith(`（${NOT_WRITABLE}）`));
    assert.ok(fix?.command && !fix.isPreferred, `no fix saying why among ${actions.map((a) => a.title).join(' | ')}`);
    const before = page.getText();
    const result = await vscode.commands.executeCommand<WriteFixesResult>(fix.command.command, ...(fix.command.arguments ?? []));
    assert.equal(result.error, NOT_WRITABLE);
    assert.equal(page.getText(), before);
  });

  it('an unreadable file opens no view', async () => {
    const broken = vscode.Uri.joinPath(folder(), '损坏的年报.docx');
    writeFileSync(broken.fsPath, docx.bytes.subarray(0, 200));
    assert.equal(await vscode.commands.executeCommand('gongkai.checkReportFile', broken), undefined);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'gongkai-doc' && d.uri.path === broken.path));
  });
});
