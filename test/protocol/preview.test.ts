// The table preview over LSP and the inlay hints (issue 13, points 1 and 2): the server sends the
// preview of a subscribed document after its diagnostics, follows typing with the same scheduling
// (the typed row's totals wait), and names each value's column where values stand on their own lines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient, fileUri, lineRange, seed } from './lsp-client';

const SEED_003 = seed('003_bb67cb1c2b4a6a16.txt');
const SEED_004 = seed('004_b6050632e8bc8358.txt');
const SEED_001 = seed('001_38967d40d03fbadc.txt');
// Seed 003: row 一 has its label on line 77 and 总计 16 on line 84; （二）部分公开's 总计 is on line 113.
const NEW_TOTAL_LINE = 84;

describe('table preview over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: { arithmeticDelay: 300 } });
  });
  after(() => client.stop());

  test('sent on subscription and after each check, agreeing with the diagnostics shown', async () => {
    const uri = fileUri('preview.txt');
    await client.open(uri, SEED_003);
    await client.waitForDiagnostics(uri, 1);
    await client.connection.sendNotification('gongkai/previewSubscription', { uri, open: true });
    const first = await client.waitFor(() => client.previews.find((p) => p.uri === uri && p.model), 'the first preview');
    const requests = first.model!.tables.find((t) => t.kind === 'requests')!;
    const wrong = requests.rows.flatMap((r) => r.cells.filter((c) => c.state === 'wrong').map((c) => `${r.id}:${c.expected}`));
    assert.deepEqual(wrong, ['partial:2', 'declined2:1']);

    // Typing a wrong 总计 into row 一: the preview follows at once, but the row's own total waits like its squiggle.
    const typed = await client.change(uri, [{ range: lineRange(SEED_003, NEW_TOTAL_LINE, '16'), newText: '17' }]);
    const during = await client.waitFor(() => client.previews.find((p) => p.uri === uri && p.version === typed), 'the preview of the typed version');
    const newTotal = (p: typeof during) => p.model!.tables.find((t) => t.kind === 'requests')!.rows.find((r) => r.id === 'new')!.cells.at(-1)!;
    assert.equal(newTotal(during).text, '17');
    assert.equal(newTotal(during).state, 'ok', 'held back while typing in the row');
    const released = await client.waitFor(
      () => client.previews.find((p) => p.uri === uri && p.version === typed && newTotal(p).state !== 'ok'),
      'the preview after the pause',
    );
    assert.equal(newTotal(released).state, 'wrong');

    // A character typed in a paragraph changes nothing in the tables: only the version moves.
    const prose = lineRange(client.text(uri), 3);
    const typedProse = await client.change(uri, [{ range: { start: prose.end, end: prose.end }, newText: '。' }]);
    const same = await client.waitFor(() => client.previews.find((p) => p.uri === uri && p.version === typedProse), 'the preview after typing prose');
    assert.deepEqual([same.unchanged, same.model], [true, null]);

    await client.connection.sendNotification('gongkai/previewSubscription', { uri, open: false });
    const count = client.previews.length;
    const after = await client.change(uri, [{ range: lineRange(client.text(uri), NEW_TOTAL_LINE, '17'), newText: '16' }]);
    await client.waitForDiagnostics(uri, after);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(client.previews.length, count, 'nothing sent once the preview is closed');
  });

  test('a document that is not a report has no preview', async () => {
    const uri = fileUri('preview-note.txt');
    await client.open(uri, '周会纪要\n一、上周工作\n');
    await client.connection.sendNotification('gongkai/previewSubscription', { uri, open: true });
    const none = await client.waitFor(() => client.previews.find((p) => p.uri === uri), 'an answer');
    assert.equal(none.model, null);
  });
});

describe('inlay hints', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.stop());

  const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

  test('one value per line: each value names its column, a row whose label is not just above names its row', async () => {
    const uri = fileUri('hints-004.txt');
    await client.open(uri, SEED_004);
    await client.waitForDiagnostics(uri, 1);
    const hints = (await client.inlayHints(uri, whole)) ?? [];
    const labels = hints.map((h) => String(h.label));
    assert.ok(labels.filter((l) => l === '自然人').length >= 4, labels.slice(0, 20).join(' '));
    assert.ok(labels.includes('总计'));
    const lines = SEED_004.split('\n');
    for (const hint of hints.filter((h) => h.label === '总计')) {
      assert.match(lines[hint.position.line].slice(0, hint.position.character), /\d\s*\|?\s*$/, 'after a value');
    }
    assert.deepEqual(hints.filter((h) => String(h.label).startsWith('2.其他法律')), [], 'the label is just above');

    // Pasted with a gap between the label and its values, the first value says whose row it opens.
    const gapped = fileUri('hints-004-gap.txt');
    await client.open(gapped, SEED_004.replace('2.其他法律行政法规禁止公开\n', '2.其他法律行政法规禁止公开\n\n\n'));
    await client.waitForDiagnostics(gapped, 1);
    const rowHints = ((await client.inlayHints(gapped, whole)) ?? []).filter((h) => String(h.label).startsWith('2.其他法律'));
    assert.deepEqual(rowHints.map((h) => [h.label, h.position.line]), [['2.其他法律行政法规禁止公开:', 103]]);
  });

  test('seed 003 (tab-indented, one value per line) has them; a row on one line has none', async () => {
    const uri = fileUri('hints-003.txt');
    await client.open(uri, SEED_003);
    await client.waitForDiagnostics(uri, 1);
    const hints = (await client.inlayHints(uri, whole)) ?? [];
    const onLine = (line: number) => hints.filter((h) => h.position.line === line).map((h) => String(h.label));
    assert.deepEqual(onLine(NEW_TOTAL_LINE), ['总计']);
    assert.deepEqual(onLine(NEW_TOTAL_LINE - 6), ['自然人']);

    const pipes = fileUri('hints-001.txt');
    await client.open(pipes, SEED_001);
    await client.waitForDiagnostics(pipes, 1);
    const line = SEED_001.split('\n').findIndex((l) => l.startsWith('(七)总计'));
    assert.deepEqual(((await client.inlayHints(pipes, whole)) ?? []).filter((h) => h.position.line === line), []);
  });

  test('gongkai.inlayHints: false turns them off', async () => {
    const uri = fileUri('hints-003.txt');
    await client.setSettings({ inlayHints: false });
    await client.waitFor(() => client.published.filter((p) => p.uri === uri).length >= 2 || undefined, 'a re-check');
    assert.deepEqual(await client.inlayHints(uri, whole), []);
  });
});
