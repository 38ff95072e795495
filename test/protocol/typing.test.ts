// While a clerk types in a table row, that row's own arithmetic waits for a pause (or for an edit
// elsewhere): a total is "wrong" from the first digit until the row is done.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ARITHMETIC_RULES, LspClient, fileUri, lineRange, seed, sleep } from './lsp-client';

const SEED_003 = seed('003_bb67cb1c2b4a6a16.txt');
// Row "一、本年新收政府信息公开申请数量": label on line 77, cells on lines 78–84 (0-based), 总计 16 last.
const NEW_ROW = { first: 77, last: 84 };
const NEW_TOTAL_LINE = 84;
const PROSE_LINE = 5;

const inNewRow = (diagnostics: Diagnostic[]) =>
  diagnostics.filter(
    (d) =>
      ARITHMETIC_RULES.includes(String(d.code)) &&
      d.range.start.line >= NEW_ROW.first &&
      d.range.end.line <= NEW_ROW.last,
  );

describe('typing in a table row', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: { arithmeticDelay: 200 } });
  });
  after(() => client.stop());

  test("the row's arithmetic shows after the pause, and goes when the row is restored", async () => {
    const uri = fileUri('typing.txt');
    await client.open(uri, SEED_003);
    const opened = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(inNewRow(opened.diagnostics), []);

    const total = lineRange(SEED_003, NEW_TOTAL_LINE, '16');
    const broken = await client.change(uri, [{ range: total, newText: '17' }]);
    const immediate = await client.waitForDiagnostics(uri, broken);
    assert.deepEqual(inNewRow(immediate.diagnostics), [], 'held back while typing');
    assert.ok(immediate.diagnostics.length > 0, 'the rest of the document still shows');

    const paused = await client.waitForDiagnostics(uri, broken, (d) => inNewRow(d).length > 0);
    assert.equal(inNewRow(paused.diagnostics)[0].range.start.line, NEW_TOTAL_LINE);

    const restored = await client.change(uri, [{ range: total, newText: '16' }]);
    const fixed = await client.waitForDiagnostics(uri, restored);
    assert.deepEqual(inNewRow(fixed.diagnostics), []);
    await sleep(400);
    const settled = client.published.filter((p) => p.uri === uri).at(-1)!;
    assert.equal(settled.version, restored);
    assert.deepEqual(inNewRow(settled.diagnostics), []);
  });
});

describe('typing in a table row, then elsewhere', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: { arithmeticDelay: 60_000 } });
  });
  after(() => client.stop());

  test('a change outside the row shows the held findings at once', async () => {
    const uri = fileUri('typing-elsewhere.txt');
    await client.open(uri, SEED_003);
    await client.waitForDiagnostics(uri, 1);

    const broken = await client.change(uri, [{ range: lineRange(SEED_003, NEW_TOTAL_LINE, '16'), newText: '17' }]);
    await client.waitForDiagnostics(uri, broken);
    await sleep(300);
    const stillTyping = client.published.filter((p) => p.uri === uri).at(-1)!;
    assert.equal(stillTyping.version, broken);
    assert.deepEqual(inNewRow(stillTyping.diagnostics), [], 'held until the (long) pause');

    const prose = lineRange(SEED_003, PROSE_LINE);
    const elsewhere = await client.change(uri, [{ range: { start: prose.end, end: prose.end }, newText: '。' }]);
    const shown = await client.waitForDiagnostics(uri, elsewhere);
    assert.equal(inNewRow(shown.diagnostics).length > 0, true);
  });
});

describe('23: a huge arithmeticDelay', () => {
  let client: LspClient;
  before(async () => {
    // Above 2^31−1 ms Node's timers fire after 1 ms: unclamped, the row's arithmetic would flash at once.
    client = await LspClient.start({ settings: { arithmeticDelay: 2 ** 32 } });
  });
  after(() => client.stop());

  test('23: gongkai.arithmeticDelay above 2^31−1 ms is clamped, not treated as 1 ms', async () => {
    const uri = fileUri('typing-huge-delay.txt');
    await client.open(uri, SEED_003);
    await client.waitForDiagnostics(uri, 1);
    const broken = await client.change(uri, [{ range: lineRange(SEED_003, NEW_TOTAL_LINE, '16'), newText: '17' }]);
    await client.waitForDiagnostics(uri, broken);
    await sleep(500);
    const latest = client.published.filter((p) => p.uri === uri).at(-1)!;
    assert.equal(latest.version, broken);
    assert.deepEqual(inNewRow(latest.diagnostics), [], 'still held back while typing');
  });
});
