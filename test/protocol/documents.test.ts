// Report files in the editor (issue 9, point 4), as the server serves them: the read-only view of a
// .docx is its reader's text and is checked like any report (hover says where a cell is in the
// file); a fix applied there is a command that writes it into the .docx, each fix whole or not at
// all, never over a file or a view that moved on; a web page's fixes say that it cannot take them;
// an unreadable file is said, in the user's language.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { checkText, type OffsetEdit } from '../../server/src/engine';
import { readDocument } from '../../server/src/documents';
import type { ReadDocumentResult, WriteFixesParams, WriteFixesResult } from '../../server/src/protocol';
import { blocksOf, documentXml, writeDocx, writeHtml, zip } from '../documents/generate';
import { reportWithWrongTotal } from '../documents/helpers';
import { LspClient, repoRoot } from './lsp-client';

const REPORT = reportWithWrongTotal();
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const viewOf = (file: string) => `gongkai-doc:${pathToFileURL(file).pathname}`;
const rowTotal = (diagnostics: Diagnostic[]) => diagnostics.find((d) => d.code === 'row-total');

async function textOnDisk(file: string): Promise<string> {
  return (await readDocument(new Uint8Array(readFileSync(file)), file)).text;
}

describe('report files shown as text', () => {
  let root: string;
  let client: LspClient;
  const readView = (uri: string) => client.connection.sendRequest<ReadDocumentResult>('gongkai/readDocument', { uri });
  const writeFixes = (params: WriteFixesParams) => client.connection.sendRequest<WriteFixesResult>('gongkai/writeFixes', params);

  /** Writes the file, reads it for its view and opens the view as the client does; returns its first diagnostics. */
  async function openView(name: string, bytes: Uint8Array): Promise<{ file: string; uri: string; text: string; diagnostics: Diagnostic[] }> {
    const file = join(root, name);
    writeFileSync(file, bytes);
    const uri = viewOf(file);
    const read = await readView(uri);
    assert.ok(!('error' in read), `read: ${JSON.stringify(read)}`);
    await client.open(uri, read.text, 'gongkai-report');
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    return { file, uri, text: read.text, diagnostics };
  }

  /** The client's part after a write: the view shows the file read again. */
  async function refresh(uri: string): Promise<number> {
    const read = await readView(uri);
    assert.ok(!('error' in read), `read: ${JSON.stringify(read)}`);
    const end = client.document(uri).positionAt(client.text(uri).length);
    return client.change(uri, [{ range: { start: { line: 0, character: 0 }, end }, newText: read.text }]);
  }

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'gongkai-documents-'));
    client = await LspClient.start({ folders: [root] });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the view of a .docx is its reader text, checked as a report; hover says where the cell is in the file', async () => {
    const docx = writeDocx(blocksOf(REPORT), { splitNumbers: true });
    const { uri, text, diagnostics } = await openView('read.docx', docx);
    assert.equal(text, (await readDocument(docx, 'read.docx')).text);
    const wrong = rowTotal(diagnostics);
    assert.ok(wrong, `no row-total among ${diagnostics.map((d) => d.code).join(', ')}`);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      checkText(text).findings.map((f) => f.rule),
      'the same findings as the text the file reads to',
    );
    const hover = await client.hover(uri, wrong.range.start);
    const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(markdown, /在文件中：第\d+个表格 第\d+行 第\d+格/);
  });

  test('a quick fix on the view of a .docx is a command; run, it writes the fix into the file, which then reads clean', async () => {
    const { file, uri, diagnostics } = await openView('fix.docx', writeDocx(blocksOf(REPORT), { splitNumbers: true }));
    const wrong = rowTotal(diagnostics)!;
    const actions = await client.codeActions(uri, wrong.range, [wrong]);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `no preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(fix.title, /（写入 fix\.docx）$/);
    assert.equal(fix.edit, undefined, 'the read-only view is never edited');
    assert.equal(fix.command?.command, 'gongkai.writeFixesToFile');

    const result = await writeFixes(fix.command!.arguments![0] as WriteFixesParams);
    assert.deepEqual(result, { file: 'fix.docx', written: 1, manual: [] });
    const onDisk = await textOnDisk(file);
    const line = wrong.range.start.line;
    const fixedLine = onDisk.split('\n')[line];
    const expected = /将 \d+ 改为 (\d+)/.exec(fix.title)![1];
    assert.equal(fixedLine.slice(wrong.range.start.character).split('\t')[0], expected, `the cell on disk: ${fixedLine}`);
    assert.deepEqual(checkText(onDisk).findings, [], 'the file re-checks clean');

    const version = await refresh(uri);
    const after = await client.waitForDiagnostics(uri, version);
    assert.deepEqual(after.diagnostics, []);
  });

  test('each fix is written whole or not at all; what the file cannot take in place is said (请手工修改)', async () => {
    const { file, uri, text, diagnostics } = await openView('manual.docx', writeDocx(blocksOf(REPORT)));
    const wrong = rowTotal(diagnostics)!;
    const whole = (await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }, diagnostics, ['source.fixAll.gongkai']))[0];
    assert.equal(whole?.command?.command, 'gongkai.writeFixesToFile', 'fix-all is a command on the view too');
    const [rowFix] = (whole.command!.arguments![0] as WriteFixesParams).fixes;
    // A row to insert cannot go into a Word table cell's text: left for the user, never half-written.
    const lineEnd = text.indexOf('\n', text.indexOf('\t'));
    const insertRow: OffsetEdit = { span: { start: lineEnd, end: lineEnd }, newText: '\n新增的行\t1' };
    const before = readFileSync(file);

    const mixed = await writeFixes({ uri, version: 1, fixes: [{ title: '半个修正', edits: [...rowFix.edits, insertRow] }] });
    assert.equal(mixed.written, 0);
    assert.deepEqual(mixed.manual.map((m) => m.title), ['半个修正']);
    assert.match(mixed.manual[0].where ?? '', /^第\d+个表格 第\d+行 第\d+格$/);
    assert.deepEqual(new Uint8Array(readFileSync(file)), new Uint8Array(before), 'a fix with an edit the file cannot take writes nothing');

    const both = await writeFixes({ uri, version: 1, fixes: [rowFix, { title: '插入一行', edits: [insertRow] }] });
    assert.equal(both.written, 1);
    assert.deepEqual(both.manual.map((m) => m.title), ['插入一行']);
    assert.ok(!checkText(await textOnDisk(file)).findings.some((f) => f.rule === 'row-total'), `fixed on disk: ${wrong.message}`);
  });

  test('nothing is written over a view or a file that moved on since the reading', async () => {
    const original = writeDocx(blocksOf(REPORT));
    const { file, uri, diagnostics } = await openView('moved.docx', original);
    const wrong = rowTotal(diagnostics)!;
    const fix = (await client.codeActions(uri, wrong.range, [wrong])).find((a) => a.isPreferred)!;
    const args = fix.command!.arguments![0] as WriteFixesParams;

    const stale = await writeFixes({ ...args, version: args.version + 1 });
    assert.equal(stale.written, 0);
    assert.equal(stale.error, '视图显示的已不是文件的当前内容，已重新读取，请再试一次');

    // Saved meanwhile by Word (here: the same report with a paragraph added).
    const changed = writeDocx(blocksOf(`${REPORT}\n附：本报告电子版可在门户网站下载。`));
    writeFileSync(file, changed);
    const result = await writeFixes(args);
    assert.equal(result.written, 0);
    assert.equal(result.error, '文件在读取后已被修改，已重新读取，请查看后再修正');
    assert.deepEqual(new Uint8Array(readFileSync(file)), changed, 'the file as the other program saved it');

    // Shown again as it is now, the fix goes in.
    await refresh(uri);
    const again = await client.waitForDiagnostics(uri, client.version(uri), (d) => rowTotal(d) !== undefined);
    const newFix = (await client.codeActions(uri, rowTotal(again.diagnostics)!.range, [rowTotal(again.diagnostics)!])).find((a) => a.isPreferred)!;
    assert.equal((await writeFixes(newFix.command!.arguments![0] as WriteFixesParams)).written, 1);
    assert.match(await textOnDisk(file), /附：本报告电子版可在门户网站下载。/);
  });

  test('a web page cannot take fixes: each fix says so in its title, and chosen, says so again', async () => {
    const { uri, diagnostics } = await openView('report.html', writeHtml(blocksOf(REPORT)));
    const wrong = rowTotal(diagnostics);
    assert.ok(wrong, 'the web page has the same finding');
    const actions = await client.codeActions(uri, wrong.range, [wrong]);
    const fixes = actions.filter((a: CodeAction) => a.title !== '忽略此问题');
    assert.ok(fixes.length > 0);
    for (const action of fixes) {
      assert.match(action.title, /^将 \d+ 改为 \d+（此格式不能自动修正，请另存为 \.docx）$/);
      assert.ok(!action.isPreferred, 'nothing to apply without asking');
      assert.equal(action.edit, undefined);
    }
    const result = await writeFixes(fixes[0].command!.arguments![0] as WriteFixesParams);
    assert.deepEqual(result, { file: 'report.html', written: 0, manual: [], error: '此格式不能自动修正，请另存为 .docx' });
  });

  test('a .docx with an embedded object was not read in full: its note is given, and its fixes say why they are not written', async () => {
    const object = '<w:p><w:r><w:object><v:shape style="width:400pt;height:200pt"/><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="rId9"/></w:object></w:r></w:p>';
    const xml = documentXml(blocksOf(REPORT)).replace('<w:body>', `<w:body>${object}`).replace('xmlns:v=', 'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v=');
    const file = join(root, 'pasted.docx');
    writeFileSync(file, zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', xml]]));
    const read = await readView(viewOf(file));
    assert.ok('notes' in read && read.notes.some((note) => note.includes('嵌入对象')), JSON.stringify(read));
    const { uri, diagnostics } = await openView('pasted.docx', new Uint8Array(readFileSync(file)));
    const wrong = rowTotal(diagnostics)!;
    const fix = (await client.codeActions(uri, wrong.range, [wrong])).find((a) => a.title.startsWith('将'));
    assert.match(fix?.title ?? '', /（此 \.docx 未能完整读取（见开头的读取说明），不能自动修正，请手工修改）$/);
    const before = new Uint8Array(readFileSync(file));
    const result = await writeFixes(fix!.command!.arguments![0] as WriteFixesParams);
    assert.equal(result.written, 0);
    assert.match(result.error ?? '', /未能完整读取/);
    assert.deepEqual(new Uint8Array(readFileSync(file)), before);
  });

  test('the real PDF of the corpus: its view reads every table, and every relation holds', async () => {
    const pdf = new Uint8Array(readFileSync(join(repoRoot, '..', 'shared', 'corpus', 'files', '001_huaian_szf_2024.pdf')));
    const { diagnostics, text } = await openView('huaian.pdf', pdf);
    assert.ok(text.includes('（七）总计'), 'table 三 is in the view');
    assert.deepEqual(diagnostics.filter((d) => d.severity === 1), [], 'no error in a report whose every relation holds');
  });

  test('忽略此问题 on the view records the finding for the .docx file in .gongkai.json', async () => {
    const { uri, diagnostics } = await openView('ignore.docx', writeDocx(blocksOf(REPORT)));
    const wrong = rowTotal(diagnostics)!;
    const ignore = (await client.codeActions(uri, wrong.range, [wrong])).find((a) => a.title === '忽略此问题');
    assert.ok(ignore?.command, 'offered on the view');
    await client.executeCommand(ignore.command.command, ignore.command.arguments ?? []);
    const recorded = JSON.parse(readFileSync(join(root, '.gongkai.json'), 'utf8'));
    assert.deepEqual(recorded.ignore.map((e: { file: string; rule: string }) => [e.file, e.rule]), [['ignore.docx', 'row-total']]);
    await client.waitFor(
      () => (client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics.some((d) => d.code === 'row-total') === false ? true : undefined),
      'the finding to go',
    );
    rmSync(join(root, '.gongkai.json'));
    await client.filesChanged([{ uri: pathToFileURL(join(root, '.gongkai.json')).href, type: 3 }]);
  });

  test('an unreadable file is said in the user\'s language: a corrupt .docx, a file that is gone', async () => {
    const corrupt = join(root, 'corrupt.docx');
    writeFileSync(corrupt, writeDocx(blocksOf(REPORT)).subarray(0, 300));
    const read = await readView(viewOf(corrupt));
    assert.ok('error' in read && /[\u4e00-\u9fff]/.test(read.error), JSON.stringify(read));
    assert.deepEqual(await readView(viewOf(join(root, 'gone.docx'))), { error: '文件不存在（已被移动或删除）' });
  });
});
