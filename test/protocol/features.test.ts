// Hover, outline, folding and the dump request on seed 003.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, lineRange, seed } from './lsp-client';

const SEED_003 = seed('003_bb67cb1c2b4a6a16.txt');
const PARTIAL_TOTAL_LINE = 113; // 0-based, 总计 of （二）部分公开: parts 2 0 0 0 0 0, written 0
const SECTION_LINES = [4, 11, 57, 345, 401, 404];

const hoverText = (hover: { contents: unknown } | null) => (hover?.contents as MarkupContent | undefined)?.value;

describe('report features (zh-cn)', () => {
  let client: LspClient;
  const uri = fileUri('features.txt');
  before(async () => {
    client = await LspClient.start({ locale: 'zh-cn' });
    await client.open(uri, SEED_003);
    await client.waitForDiagnostics(uri, 1);
  });
  after(() => client.stop());

  test('hover on a row total spells out the sum and the difference', async () => {
    const cell = lineRange(SEED_003, PARTIAL_TOTAL_LINE, '0');
    const hover = await client.hover(uri, cell.end);
    const text = hoverText(hover);
    assert.ok(text, 'a hover');
    assert.match(text, /（二）部分公开 · 总计/);
    assert.ok(
      text.includes('总计 = 自然人 2 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 2，填报 0，相差 2'),
      text,
    );
    assert.deepEqual(hover!.range, cell);
  });

  test('hover on a plain cell names its row and column', async () => {
    const hover = await client.hover(uri, lineRange(SEED_003, 107, '2').start);
    assert.equal(hoverText(hover), '**（二）部分公开 · 自然人**');
  });

  test('hover on prose is empty', async () => {
    assert.equal(await client.hover(uri, { line: 5, character: 3 }), null);
  });

  test('the outline lists the six sections, with their tables inside', async () => {
    const symbols = await client.symbols(uri);
    assert.ok(symbols);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'],
    );
    assert.deepEqual(symbols.map((s) => s.selectionRange.start.line), SECTION_LINES);
    assert.deepEqual(symbols.map((s) => s.children?.length ?? 0), [0, 4, 1, 1, 0, 0]);
  });

  test('each section and each table folds', async () => {
    const ranges = await client.foldingRanges(uri);
    assert.ok(ranges);
    const starts = new Set(ranges.map((r) => r.startLine));
    for (const line of SECTION_LINES.slice(0, 5)) assert.ok(starts.has(line), `a fold at line ${line}`);
    assert.equal(ranges.length >= 5 + 6, true, 'sections and tables');
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
  });

  test('gongkai/dump returns the parsed model, and null for a document that is not open', async () => {
    const dump = (await client.dump(uri)) as { year?: number };
    assert.equal(dump.year, 2025);
    assert.equal(await client.dump(fileUri('not-open.txt')), null);
  });
});

describe('report features (en)', () => {
  let client: LspClient;
  const uri = fileUri('features-en.txt');
  before(async () => {
    client = await LspClient.start({ locale: 'en' });
    await client.open(uri, SEED_003);
    await client.waitForDiagnostics(uri, 1);
  });
  after(() => client.stop());

  test('hover formulas are in English', async () => {
    const hover = await client.hover(uri, lineRange(SEED_003, PARTIAL_TOTAL_LINE, '0').start);
    const text = hoverText(hover);
    assert.ok(text?.includes('Row total: 总计 = 自然人 2 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 2, written 0, off by 2'), text);
  });
});
