// Where a finding is, in the user's terms: the .docx table, row and cell (or paragraph and quote),
// the HTML file's line and column, the PDF page with the table row and column.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../server/src/engine';
import { describe as describeLocation, readDocument, type DocumentLocation } from '../../server/src/documents';
import { blocksOf, writeDocx, writeHtml } from './generate';
import { root } from './helpers';

const fixture = (name: string) => readFileSync(join(root, 'test', 'fixtures', 'tables', name), 'utf8');

test('.docx: a finding in a cell is located at the table, row and cell that hold its text', async () => {
  const text = fixture('layout-tabs-merged.txt');
  const blocks = blocksOf(text);
  const tables = blocks.filter((b) => b.kind === 'table');
  const read = await readDocument(writeDocx(blocks, { quirks: true }), 'report.docx');
  const inCells = checkText(read.text).findings.filter((f) => f.rule === 'row-total');
  assert.ok(inCells.length > 0);
  for (const finding of inCells) {
    const location = read.locate(finding.span) as Extract<DocumentLocation, { table: number }>;
    assert.equal(location.kind, 'docx');
    const cell = tables[location.table - 1].rows[location.row - 1][location.cell - 1];
    assert.equal(cell.text, read.text.slice(finding.span.start, finding.span.end));
    assert.deepEqual(describeLocation(location), {
      'zh-cn': `第${location.table}个表格 第${location.row}行 第${location.cell}格`,
      en: `table ${location.table}, row ${location.row}, cell ${location.cell}`,
    });
  }
});

test('.docx: a finding in prose is located at its paragraph with a short quote', async () => {
  const text = '示例县统计局2024年政府信息公开工作年度报告\n本报告由四个部分组成。\n一、总体情况\n本年度XX件申请均已办结。\n六、其他需要报告的事项\n无。';
  const blocks = blocksOf(text);
  const read = await readDocument(writeDocx(blocks, { quirks: true }), 'report.docx');
  const placeholder = checkText(read.text).findings.find((f) => f.rule === 'placeholder');
  assert.ok(placeholder, 'the placeholder XX件 is found');
  const location = read.locate(placeholder.span) as Extract<DocumentLocation, { paragraph: number }>;
  assert.equal(location.kind, 'docx');
  assert.equal(location.paragraph, 4);
  assert.ok(location.quote.startsWith('…XX件'), location.quote);
  assert.equal(describeLocation(location)['zh-cn'], `第4段：“${location.quote}”`);
});

test('.html: a finding is located at its line and column in the file', async () => {
  const text = fixture('layout-tabs-merged.txt');
  const bytes = writeHtml(blocksOf(text), { chrome: true });
  const source = Buffer.from(bytes).toString('utf8').split('\n');
  const read = await readDocument(bytes, 'report.html');
  const finding = checkText(read.text).findings.find((f) => f.rule === 'row-total')!;
  const location = read.locate(finding.span) as Extract<DocumentLocation, { kind: 'html' }>;
  const value = read.text.slice(finding.span.start, finding.span.end);
  assert.equal(source[location.line - 1].slice(location.column - 1, location.column - 1 + value.length), value);
  assert.deepEqual(describeLocation(location), { 'zh-cn': `第${location.line}行第${location.column}列`, en: `line ${location.line}, column ${location.column}` });
});

test('.pdf: a cell is located at its page, table row and column', async () => {
  const path = join(root, '..', 'shared', 'corpus', 'files', '001_huaian_szf_2024.pdf');
  const read = await readDocument(new Uint8Array(readFileSync(path)), path);
  // （七）总计 of all applicants: 3050, the last column of its row.
  const line = read.text.split('\n').find((l) => l.startsWith('（七）总计'))!;
  const start = read.text.indexOf(line) + line.lastIndexOf('3050');
  const location = read.locate({ start, end: start + 4 }) as Extract<DocumentLocation, { kind: 'pdf' }>;
  assert.equal(location.kind, 'pdf');
  assert.ok(location.page >= 2 && location.tableRow! >= 1);
  // The cell before it (其他, 4) is one grid column to the left, in the same row.
  const before = read.locate({ start: start - 2, end: start - 1 }) as Extract<DocumentLocation, { kind: 'pdf' }>;
  assert.equal(read.text.slice(start - 2, start - 1), '4');
  assert.deepEqual([before.page, before.tableRow, before.tableColumn! + 1], [location.page, location.tableRow, location.tableColumn]);
  assert.equal(describeLocation(location)['zh-cn'], `第${location.page}页 第${location.tableRow}行 第${location.tableColumn}列`);
});
