// Diagnostics and quick fixes over LSP, on seed 003: its table 三 has two wrong row totals, on the
// 总计 cells of "（二）部分公开…" (line 114 of the file) and "2.重复申请" (line 257).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, lineRange, repoRoot, seed, sleep } from './lsp-client';

const SEED_003 = seed('003_bb67cb1c2b4a6a16.txt');
const PARTIAL_TOTAL_LINE = 113; // 0-based: "\t0", 总计 of （二）部分公开, whose parts sum to 2
const REPEATED_TOTAL_LINE = 256; // 0-based: "\t0", 总计 of 2.重复申请, whose parts sum to 1

const rowTotals = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'row-total');
const onLine = (diagnostics: Diagnostic[], line: number) => diagnostics.filter((d) => d.range.start.line === line);
const HAN = /[\u4e00-\u9fff]/;

describe('diagnostics (zh-cn)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ locale: 'zh-cn' });
  });
  after(() => client.stop());

  test('the two wrong row totals of seed 003 are row-total errors on their 总计 cells, in Chinese', async () => {
    const uri = fileUri('row-totals.txt');
    await client.open(uri, SEED_003);
    const { diagnostics, version } = await client.waitForDiagnostics(uri, 1);
    assert.equal(version, 1);
    const found = rowTotals(diagnostics);
    assert.deepEqual(
      found.map((d) => d.range),
      [lineRange(SEED_003, PARTIAL_TOTAL_LINE, '0'), lineRange(SEED_003, REPEATED_TOTAL_LINE, '0')],
    );
    for (const diagnostic of found) {
      assert.equal(diagnostic.severity, 1);
      assert.equal(diagnostic.source, 'gongkai');
      assert.match(diagnostic.message as string, HAN);
      assert.equal(
        fileURLToPath(diagnostic.codeDescription!.href),
        path.join(repoRoot, 'docs', 'rules', 'row-total.md'),
      );
    }
  });

  test('the preferred quick fix writes the sums, and the diagnostics go', async () => {
    const uri = fileUri('quick-fix.txt');
    await client.open(uri, SEED_003);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    const [partial] = onLine(rowTotals(diagnostics), PARTIAL_TOTAL_LINE);
    assert.ok(partial, 'row-total on （二）部分公开');

    const actions = await client.codeActions(uri, partial.range, [partial]);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, 'exactly one preferred action');
    assert.equal(preferred[0].kind, 'quickfix');
    assert.match(preferred[0].title, HAN);

    // The engine corrects the fewest cells that make every relation hold, so the one fix writes both totals.
    const version = await client.applyEdit(uri, preferred[0].edit!);
    const lines = client.text(uri).split('\n');
    assert.deepEqual([lines[PARTIAL_TOTAL_LINE], lines[REPEATED_TOTAL_LINE]], ['\t2', '\t1']);
    const after = await client.waitForDiagnostics(uri, version);
    assert.deepEqual(rowTotals(after.diagnostics), []);
  });

  test('"fix all of this rule" fixes both rows at once', async () => {
    const uri = fileUri('fix-rule.txt');
    await client.open(uri, SEED_003);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    const [repeated] = onLine(rowTotals(diagnostics), REPEATED_TOTAL_LINE);
    const actions = await client.codeActions(uri, repeated.range, [repeated]);
    const fixRule = actions.find((a) => a.title === '修正本文档中所有“row-total”问题');
    assert.ok(fixRule, `a fix-all-of-rule action among ${actions.map((a) => a.title).join(', ')}`);
    assert.notEqual(fixRule.isPreferred, true);

    const version = await client.applyEdit(uri, fixRule.edit!);
    const after = await client.waitForDiagnostics(uri, version);
    assert.deepEqual(rowTotals(after.diagnostics), []);
    assert.equal(client.text(uri).split('\n')[REPEATED_TOTAL_LINE], '\t1');
  });

  test('code actions for a diagnostic of an older version are not offered as edits to it', async () => {
    const uri = fileUri('moved-on.txt');
    await client.open(uri, SEED_003);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    const [partial] = onLine(rowTotals(diagnostics), PARTIAL_TOTAL_LINE);
    // Insert a line above: the diagnostic's range no longer names the finding.
    await client.change(uri, [{ range: lineRange(SEED_003, 0, ''), newText: '\n' }]);
    const actions = await client.codeActions(uri, partial.range, [partial]);
    assert.deepEqual(actions, []);
  });

  test('of two quick changes only the last version is published last', async () => {
    const uri = fileUri('stale.txt');
    await client.open(uri, SEED_003);
    await client.waitForDiagnostics(uri, 1);
    const first = lineRange(SEED_003, PARTIAL_TOTAL_LINE, '0');
    await client.change(uri, [{ range: first, newText: '1' }]);
    const last = await client.change(uri, [{ range: first, newText: '2' }]);
    await client.waitForDiagnostics(uri, last);
    await sleep(300);
    const publishes = client.published.filter((p) => p.uri === uri);
    assert.equal(publishes.at(-1)!.version, last);
    const lastIndex = publishes.findIndex((p) => p.version === last);
    assert.ok(publishes.slice(lastIndex).every((p) => p.version === last), 'nothing older after the last version');
  });
});

describe('diagnostics (en)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ locale: 'en-us' });
  });
  after(() => client.stop());

  test('messages and fix titles are in English', async () => {
    const uri = fileUri('english.txt');
    await client.open(uri, SEED_003);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    const found = rowTotals(diagnostics);
    assert.equal(found.length, 2);
    for (const diagnostic of found) assert.match(diagnostic.message as string, /[a-z]{4,}/i);
    const actions = await client.codeActions(uri, found[0].range, [found[0]]);
    assert.ok(actions.some((a) => a.title === 'Fix all "row-total" problems in this document'));
  });
});

describe('diagnostics (gongkai.locale overrides the display language)', () => {
  let client: LspClient;
  before(async () => {
    // An English VS Code (or one without the Chinese language pack) whose user asked for Chinese messages.
    client = await LspClient.start({ locale: 'en', settings: { locale: 'zh-cn' } });
  });
  after(() => client.stop());

  test('messages follow the setting, and go back to the display language on "auto"', async () => {
    const uri = fileUri('override.txt');
    await client.open(uri, SEED_003);
    const chinese = rowTotals((await client.waitForDiagnostics(uri, 1)).diagnostics);
    assert.equal(chinese.length, 2);
    for (const diagnostic of chinese) assert.match(diagnostic.message as string, /应为/);
    await client.setSettings({ locale: 'auto' });
    const english = await waitFor(async () => {
      const latest = client.published.filter((p) => p.uri === uri).at(-1);
      const found = latest ? rowTotals(latest.diagnostics) : [];
      return found.length === 2 && /should be/.test(found[0].message as string) ? found : undefined;
    });
    assert.equal(english.length, 2);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await sleep(50);
  }
}
