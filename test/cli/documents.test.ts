// Issue 9 through the command line, as an office runs it on what it receives: one report as .txt,
// .docx, .html (inside a site's chrome, GBK), .pdf and .doc, plus a Word file saved as .txt and a PDF
// saved as .html, in one folder. Each is read by its bytes and gives the text's findings (.doc: no
// error the text lacks), placed in the file's own terms; --fix writes a .docx in place and nothing
// else; the real PDF of the corpus reads as its text version does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { checkText } from '../../server/src/engine';
import { cellAt } from '../../server/src/engine/hover';
import { rowName } from '../../server/src/engine/checks/shared';
import { blocksOf, convert, setupLibreOffice, writeDocx, writeHtml } from '../documents/generate';
import { mainPartXml, records, reportWithWrongTotal, skeleton, texts } from '../documents/helpers';
import { repoRoot, runCli, shared, tempFolder } from './run';

const outDir = join(repoRoot, 'out', 'cli-documents');
const folder = join(outDir, 'reports');
const text = reportWithWrongTotal();

interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number } };
  location?: Record<string, string | number>;
  fixes: { preferred?: boolean }[];
  manual?: boolean;
}
interface JsonResult {
  file: string;
  status: string;
  kind?: string;
  warnings?: string[];
  fixed?: boolean;
  notWritten?: string;
  diagnostics: JsonDiagnostic[];
}

function checkJson(args: string[]): { code: number | null; stderr: string; results: JsonResult[] } {
  const run = runCli(['check', '--format', 'json', ...args]);
  return { code: run.code, stderr: run.stderr, results: run.stdout ? (JSON.parse(run.stdout) as JsonResult[]) : [] };
}

/** What a user reads of a finding, without where it is (that differs by format) nor the whitespace of quoted text. */
const said = (d: JsonDiagnostic) => `${d.rule} ${d.severity} ${d.message.replace(/\s+/g, '')}`;
const saidAll = (r: JsonResult) => r.diagnostics.map(said).sort();

/** The table, row and cell of a Word file written from `text` (one w:tbl per run of TAB lines, one w:tr per line, one w:tc per field). */
function wordPlace(offset: number): { table: number; row: number; cell: number } {
  const lines = text.split('\n');
  const lineOf = text.slice(0, offset).split('\n').length - 1;
  let table = 0;
  let row = 0;
  let inTable = false;
  for (let i = 0; i <= lineOf; i++) {
    // As blocksOf reads it: a line with a TAB, or a caption line between two such lines, is a row.
    const isRow: boolean = lines[i].includes('\t') || (inTable && lines[i].trim() !== '' && (lines[i + 1] ?? '').includes('\t'));
    if (isRow && !inTable) [table, row] = [table + 1, 0];
    if (isRow) row++;
    inTable = isRow;
  }
  const column = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  return { table, row, cell: lines[lineOf].slice(0, column).split('\t').length };
}

const wrong = checkText(text).findings.find((f) => f.rule === 'row-total')!;
const wrongCell = cellAt(checkText(text).report, wrong.span.start)!;
const wrongValue = text.slice(wrong.span.start, wrong.span.end);

before(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const blocks = blocksOf(text);
  writeFileSync(join(folder, 'report.txt'), text);
  writeFileSync(join(folder, 'report.docx'), writeDocx(blocks, { quirks: true, textBox: true }));
  writeFileSync(join(folder, 'report.html'), writeHtml(blocks, { chrome: true, gbk: true }));
  const plain = join(outDir, 'report.plain.docx');
  writeFileSync(plain, writeDocx(blocks));
  setupLibreOffice(repoRoot);
  const [pdf] = convert([plain], 'pdf', join(outDir, 'pdf'));
  const [doc] = convert([plain], 'doc', join(outDir, 'doc'));
  copyFileSync(pdf, join(folder, 'report.pdf'));
  copyFileSync(doc, join(folder, 'report.doc'));
  // Saved under a name that lies about the kind: read by the bytes.
  copyFileSync(plain, join(folder, 'word-saved-as.txt'));
  copyFileSync(pdf, join(folder, 'pdf-saved-as.html'));
});

describe('gongkai check on one report in every format (issue 9)', () => {
  let run: ReturnType<typeof checkJson>;
  const byName = (name: string) => run.results.find((r) => r.file.endsWith(`/${name}`))!;
  before(() => {
    run = checkJson([folder]);
  });

  test('every file is read by its bytes and checked', () => {
    assert.equal(run.code, 1, run.stderr);
    const kinds = Object.fromEntries(run.results.map((r) => [r.file.slice(folder.length + 1), `${r.status} ${r.kind}`]));
    assert.deepEqual(kinds, {
      'pdf-saved-as.html': 'checked pdf',
      'report.doc': 'checked doc',
      'report.docx': 'checked docx',
      'report.html': 'checked html',
      'report.pdf': 'checked pdf',
      'report.txt': 'checked text',
      'word-saved-as.txt': 'checked docx',
    });
  });

  test('the findings are the text version’s', () => {
    const expected = saidAll(byName('report.txt'));
    assert.ok(expected.some((f) => f.startsWith('row-total error')));
    for (const name of ['report.docx', 'report.html', 'report.pdf', 'word-saved-as.txt', 'pdf-saved-as.html']) {
      assert.deepEqual(saidAll(byName(name)), expected, name);
    }
  });

  test('.doc (rows inferred, blank cells unknowable): no error the text lacks, and it says so', () => {
    const doc = byName('report.doc');
    assert.match(doc.warnings?.join() ?? '', /推断/);
    // An arithmetic error is the same error whichever relation names it (a row left unread takes a
    // relation away): compared by the cell and its values.
    const cellOf = (f: string) => (/^(row-total|column-total|balance|review-total) /.test(f) ? `arithmetic ${f.slice(f.indexOf('“'), f.indexOf('：'))}` : f);
    const errors = (r: JsonResult) => saidAll(r).filter((f) => f.split(' ')[1] === 'error' && !/^(table-shape|blank-cell) /.test(f)).map(cellOf);
    const truth = errors(byName('report.txt'));
    assert.deepEqual(errors(doc).filter((f) => !truth.includes(f)), []);
  });

  test('the wrong total is placed in each file’s own terms, with its row and column', () => {
    const labels = { rowLabel: rowName(wrongCell.row), columnLabel: wrongCell.cell.column.short };
    const locationIn = (name: string) => byName(name).diagnostics.find((d) => d.rule === 'row-total')!.location;
    assert.equal(locationIn('report.txt'), undefined, 'plain text has line and column only');
    for (const name of ['report.docx', 'word-saved-as.txt']) assert.deepEqual(locationIn(name), { kind: 'docx', ...wordPlace(wrong.span.start), ...labels }, name);
    for (const name of ['report.pdf', 'pdf-saved-as.html']) {
      const { kind, page, tableRow, tableColumn, ...rest } = locationIn(name)!;
      assert.equal(kind, 'pdf');
      assert.ok(Number(page) >= 1 && Number(tableRow) >= 1 && Number(tableColumn) >= 1, JSON.stringify(locationIn(name)));
      assert.deepEqual(rest, labels);
    }
    const html = locationIn('report.html')!;
    assert.deepEqual({ ...html, line: 0, column: 0 }, { kind: 'html', line: 0, column: 0, ...labels });
    const pageLine = new TextDecoder('gbk').decode(new Uint8Array(readFileSync(join(folder, 'report.html')))).split('\n')[Number(html.line) - 1];
    assert.ok(pageLine.slice(Number(html.column) - 1).startsWith(wrongValue), `line ${html.line}, column ${html.column} of the page is the wrong total`);
  });

  test('the text output says the place as a clerk does, and the reading notes', () => {
    const out = runCli(['check', folder]).stdout;
    const { table, row, cell } = wordPlace(wrong.span.start);
    const names = `（“${rowName(wrongCell.row)}”行“${wrongCell.cell.column.short}”列）`;
    assert.ok(out.includes(`report.docx:第${table}个表格 第${row}行 第${cell}格${names}  错误  row-total`), out);
    assert.match(out, new RegExp(`report\\.pdf:第\\d+页 第\\d+行 第\\d+列${names.replace(/[()（）.]/g, '\\$&')}  错误  row-total`));
    assert.match(out, /report\.html:\d+:\d+（“/);
    assert.match(out, /report\.doc: 读取说明：.*推断/);
    assert.match(out, /report\.html: 读取说明：网页中报告以外的内容/);
    const english = runCli(['check', '--locale', 'en', join(folder, 'report.docx')]).stdout;
    assert.ok(english.includes(`report.docx:table ${table}, row ${row}, cell ${cell} (row “${rowName(wrongCell.row)}”, column “${wrongCell.cell.column.short}”)  error  row-total`), english);
  });

  test('SARIF: a web page’s finding at its line and column in the page, a Word cell as a logical location', () => {
    const log = JSON.parse(runCli(['check', '--format', 'sarif', join(folder, 'report.html'), join(folder, 'report.docx')]).stdout);
    const rowTotals = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'row-total');
    const html = byName('report.html').diagnostics.find((d) => d.rule === 'row-total')!.location!;
    assert.deepEqual(rowTotals[0].locations[0].physicalLocation.region, { startLine: html.line, startColumn: html.column });
    assert.equal(rowTotals[1].locations[0].physicalLocation.region, undefined);
    assert.match(rowTotals[1].locations[0].logicalLocations[0].fullyQualifiedName, /^第\d+个表格 第\d+行 第\d+格（“/);
  });

  test('the same results on worker threads', () => {
    const one = runCli(['check', '--jobs', '1', '--format', 'json', folder]).stdout;
    assert.equal(runCli(['check', '--jobs', '2', '--format', 'json', folder]).stdout, one);
  });
});

describe('the real PDF of the corpus (issue 9)', () => {
  test('001_huaian_szf_2024.pdf: the error findings of its text version (none), exit 0', () => {
    const pdf = checkJson([join(shared, 'corpus', 'files', '001_huaian_szf_2024.pdf')]);
    const txt = checkJson([join(shared, 'corpus', '001_huaian_szf_2024.txt')]);
    assert.equal(pdf.code, 0, pdf.stderr);
    const errors = (r: JsonResult) => r.diagnostics.filter((d) => d.severity === 'error').map(said);
    assert.deepEqual(errors(pdf.results[0]), errors(txt.results[0]));
    assert.deepEqual(errors(pdf.results[0]), []);
    assert.equal(pdf.results[0].kind, 'pdf');
  });

  test('an installed copy (dist/ alone, no node_modules to lend pdf.js a canvas) reads it the same, and quietly', () => {
    const installed = join(outDir, 'installed');
    rmSync(installed, { recursive: true, force: true });
    mkdirSync(installed, { recursive: true });
    copyFileSync(join(repoRoot, 'dist', 'cli.js'), join(installed, 'cli.js'));
    cpSync(join(repoRoot, 'dist', 'pdfjs'), join(installed, 'pdfjs'), { recursive: true });
    const pdf = join(shared, 'corpus', 'files', '001_huaian_szf_2024.pdf');
    const run = spawnSync(process.execPath, [join(installed, 'cli.js'), 'check', '--format', 'json', pdf], { cwd: installed, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '', 'pdf.js says nothing about the canvas it does not need');
    assert.deepEqual((JSON.parse(run.stdout) as JsonResult[])[0].diagnostics.map(said), checkJson([pdf]).results[0].diagnostics.map(said));
  });
});

describe('gongkai check --fix on files that are not text (issue 9)', () => {
  test('a .docx with a wrong total split across runs: fixed in place, one zip entry, only w:t texts, LibreOffice opens it', () => {
    const dir = tempFolder('fix-docx');
    const file = join(dir, '年报.docx');
    const before = writeDocx(blocksOf(text), { splitNumbers: true });
    writeFileSync(file, before);
    const fixing = checkJson(['--fix', file]);
    assert.equal(fixing.code, 0, fixing.stderr);
    assert.equal(fixing.results[0].fixed, true);
    assert.match(fixing.stderr, /已写入修正/);
    assert.equal(runCli(['check', file]).code, 0, 're-checks clean');

    const after = new Uint8Array(readFileSync(file));
    const old = records(before);
    const now = records(after);
    assert.deepEqual([...now.keys()], [...old.keys()]);
    assert.deepEqual([...old.keys()].filter((name) => old.get(name) !== now.get(name)), ['word/document.xml'], 'exactly one zip entry changed');
    const xmlBefore = mainPartXml(before);
    const xmlAfter = mainPartXml(after);
    assert.equal(skeleton(xmlAfter), skeleton(xmlBefore), 'nothing but w:t texts changed');
    const changed = texts(xmlBefore).map((t, i) => [t, texts(xmlAfter)[i]]).filter(([a, b]) => a !== b);
    assert.equal(changed.length, 2, `the two runs of the split total: ${JSON.stringify(changed)}`);
    assert.equal(changed[0][0] + changed[1][0], wrongValue);

    const [pdf] = convert([file], 'pdf', join(dir, 'opened'));
    const reopened = runCli(['check', pdf]);
    assert.equal(reopened.code, 0, `LibreOffice opens the written file and its PDF re-checks clean: ${reopened.stdout}`);
  });

  for (const [name, why] of [
    ['report.pdf', /PDF 不能自动修正.*\.docx/],
    ['report.html', /网页（\.html）不能自动修正.*\.docx/],
    ['report.doc', /\.doc\/\.wps 文件不能自动修正.*另存为 \.docx/],
    ['pdf-saved-as.html', /PDF 不能自动修正/],
  ] as const) {
    test(`${name}: never written, and says why and what to do`, () => {
      const dir = tempFolder('fix-readonly');
      const file = join(dir, name);
      copyFileSync(join(folder, name), file);
      const bytes = readFileSync(file);
      const run = runCli(['check', '--fix', file]);
      assert.equal(run.code, 1, 'the error is still there');
      assert.match(run.stderr, why);
      assert.doesNotMatch(run.stdout, /可自动修正/, 'no fix is offered as automatic where none is written');
      assert.deepEqual(readFileSync(file), bytes, 'the file is unchanged');
    });
  }

  test('a .docx not read in full (an embedded object) is never written', () => {
    const dir = tempFolder('fix-embedded');
    const file = join(dir, 'embedded.docx');
    writeFileSync(file, writeDocx(blocksOf(text), { embeddedObject: true }));
    const bytes = readFileSync(file);
    const run = runCli(['check', '--fix', file]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /读取说明：文档中有 1 个嵌入对象/);
    assert.match(run.stderr, /未能完整读取.*不写入修正/);
    assert.deepEqual(readFileSync(file), bytes);
  });

  test('a fix that inserts a line (a missing section heading) is listed as 请手工修改 with its place', () => {
    const dir = tempFolder('fix-manual');
    const file = join(dir, 'unheaded.docx');
    writeFileSync(file, writeDocx(blocksOf(readFileSync(join(repoRoot, 'test', 'fixtures', 'structure', 'unheaded-table.txt'), 'utf8'))));
    const bytes = readFileSync(file);
    const run = checkJson(['--fix', file]);
    const manual = run.results[0].diagnostics.filter((d) => d.manual);
    assert.deepEqual(manual.map((d) => d.rule), ['missing-section'], JSON.stringify(run.results[0].diagnostics.map((d) => [d.rule, d.manual])));
    assert.ok(manual.every((d) => d.location), 'each with its place');
    assert.match(run.stderr, /unheaded\.docx: 请手工修改 1 处：第/);
    assert.deepEqual(readFileSync(file), bytes, 'nothing else to fix: the file is unchanged');
    const text = runCli(['check', file]).stdout;
    assert.match(text, /missing-section .*（请手工修改）/);
    assert.equal(checkJson([file]).results[0].diagnostics.filter((d) => d.fixes.some((f) => f.preferred) && !d.manual).length, 0, 'every fix the writer can make was made');
  });

  test('a corrupt .docx: exit 2 with the reason, the other files still checked', () => {
    const dir = tempFolder('corrupt');
    writeFileSync(join(dir, 'broken.docx'), new Uint8Array(readFileSync(join(folder, 'report.docx'))).subarray(0, 200));
    copyFileSync(join(folder, 'report.txt'), join(dir, 'good.txt'));
    copyFileSync(join(folder, 'report.pdf'), join(dir, 'good.pdf'));
    const run = runCli(['check', '--fix', dir]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /broken\.docx: 文件已损坏/);
    assert.match(run.stdout, /共检查 2 个文件/);
  });
});
