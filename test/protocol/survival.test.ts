// The server survives what a broken or hostile client sends, and is still right afterwards:
// malformed requests, positions far outside the text, a 10 MB document, binary content, and storms
// of interleaved open/change/close. (robustness.test.ts covers random text, 2 MB lines and a table
// typed into; this file covers the protocol side.) One server takes all of it, in order; the last
// test asks it for a hover and for seed 003's two row totals.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { checkText } from '../../server/src/engine';
import { generateReport, random } from '../../bench/reports';
import { LspClient, fileUri, lineRange, seed } from './lsp-client';

const SEED_003 = seed('003_bb67cb1c2b4a6a16.txt');
/** 0-based lines of seed 003: the 总计 of 一、本年新收 (16), and the two wrong row totals. */
const NEW_TOTAL_LINE = 84;
const WRONG_TOTAL_LINES = [113, 256];
const SLOW = 180_000;

const FAR = { line: 1e9, character: 1e9 };
const rowTotals = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'row-total');

/** Settles to the response or its error (a ResponseError is an answer too); fails only on a hang. */
async function answer(promise: Promise<unknown>, ms = 15_000): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise.catch((error: unknown) => error), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('survival', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: { arithmeticDelay: 0 } });
  });
  after(() => client.stop());

  const alive = () => assert.ok(client.alive, `server exited: ${client.stderr}`);

  test('malformed requests and notifications get an answer or are ignored', async () => {
    const send = (method: string, params?: unknown) => answer(client.connection.sendRequest(method, params));
    const unknown = await send('gongkai/noSuchMethod', { uri: 'x' });
    assert.ok(unknown instanceof ResponseError && unknown.code === -32601, `unknown method: ${String(unknown)}`);
    for (const [method, params] of [
      ['textDocument/hover', null],
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: {}, position: 'top' }],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: { line: 'a', character: null } }],
      ['textDocument/codeAction', { textDocument: { uri: fileUri('none.txt') } }],
      ['textDocument/codeAction', { textDocument: { uri: fileUri('none.txt') }, range: null, context: null }],
      ['textDocument/documentSymbol', { textDocument: null }],
      ['textDocument/foldingRange', []],
      ['gongkai/dump', {}],
      ['gongkai/dump', { uri: null }],
      ['workspace/executeCommand', { command: 'gongkai.noSuchCommand', arguments: [1, 2] }],
    ] as const) {
      await send(method, params);
      alive();
    }
    for (const [method, params] of [
      ['gongkai/noSuchNotification', { a: 1 }],
      ['textDocument/didChange', { textDocument: { uri: fileUri('never-opened.txt'), version: 2 }, contentChanges: [{ text: 'x' }] }],
      ['textDocument/didChange', null],
      ['textDocument/didClose', { textDocument: { uri: fileUri('never-opened.txt') } }],
      ['textDocument/didOpen', { textDocument: { uri: fileUri('no-text.txt'), languageId: 'plaintext', version: 1 } }],
      ['textDocument/didSave', { textDocument: { uri: fileUri('never-opened.txt') } }],
      ['workspace/didChangeConfiguration', { settings: 'not an object' }],
    ] as const) {
      await client.connection.sendNotification(method, params);
    }
    assert.equal(await send('textDocument/hover', { textDocument: { uri: fileUri('never-opened.txt') }, position: { line: 0, character: 0 } }), null);
    alive();
  });

  test('requests for documents that are not open answer empty', async () => {
    const uri = fileUri('not-open.txt');
    assert.equal(await answer(client.hover(uri, { line: 0, character: 0 })), null);
    const actions = await answer(client.codeActions(uri, { start: { line: 0, character: 0 }, end: FAR }, []));
    assert.ok(actions === null || (Array.isArray(actions) && actions.length === 0), JSON.stringify(actions));
    assert.equal(await answer(client.symbols(uri)), null);
    assert.equal(await answer(client.dump(uri)), null);
  });

  test('positions far outside the text, negative ones, and ranges the wrong way round', async () => {
    const uri = fileUri('far.txt');
    await client.open(uri, SEED_003);
    await client.waitForDiagnostics(uri, 1);
    for (const position of [FAR, { line: 0, character: 1e9 }, { line: 1e9, character: 0 }, { line: -1, character: -1 }]) {
      const hover = await answer(client.hover(uri, position));
      assert.ok(hover === null || typeof hover === 'object', `hover at ${JSON.stringify(position)}`);
      await answer(client.codeActions(uri, { start: position, end: FAR }, []));
    }
    await answer(client.codeActions(uri, { start: FAR, end: { line: 0, character: 0 } }, []));
    // An edit whose range lies beyond the end appends, as in VS Code; the document stays checkable.
    const version = await client.change(uri, [{ range: { start: FAR, end: FAR }, newText: '\n附：说明' }]);
    await client.waitForDiagnostics(uri, version);
    alive();
  });

  test('a 10 MB document is checked, and an edit to it too', { timeout: SLOW }, async () => {
    // Seed 003 followed by 10 MB of prose: a whole compilation of reports would measure the checks'
    // cost per table (see the benchmarks), this measures what size alone does to the server.
    const uri = fileUri('ten-megabytes.txt');
    const prose = generateReport(5, { proseBytes: 64 * 1024 }).text.split('\n').filter((line) => line.length > 200).join('\n') + '\n';
    const text = SEED_003 + '\n' + prose.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(prose)));
    await client.open(uri, text);
    const opened = await client.waitForDiagnostics(uri, 1, undefined, SLOW);
    assert.deepEqual(rowTotals(opened.diagnostics).map((d) => d.range.start.line), WRONG_TOTAL_LINES);
    const end = client.document(uri).positionAt(client.text(uri).length);
    const version = await client.change(uri, [{ range: { start: end, end }, newText: '\n全年共收到政府信息公开申请16件。' }]);
    const edited = await client.waitForDiagnostics(uri, version, undefined, SLOW);
    assert.equal(rowTotals(edited.diagnostics).length, 2);
    await client.close(uri);
    alive();
  });

  test('binary content: random bytes with NULs, opened and typed into', { timeout: SLOW }, async () => {
    const uri = fileUri('binary.bin');
    const bytes = randomBytes(256 * 1024);
    for (let i = 0; i < bytes.length; i += 97) bytes[i] = 0;
    await client.open(uri, bytes.toString('latin1'), 'plaintext');
    let version = 1;
    for (let i = 0; i < 20; i++) {
      const at = client.document(uri).positionAt(Math.floor((i / 20) * client.text(uri).length));
      version = await client.change(uri, [{ range: { start: at, end: at }, newText: i % 2 ? '\u0000' : '\uFFFD\uD800' }]);
    }
    // Plain text that does not look like a report is not checked: answered, with nothing (or nothing published).
    await answer(client.hover(uri, { line: 0, character: 0 }));
    await answer(client.dump(uri));
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: SEED_003 }]);
    await client.waitForDiagnostics(uri, version + 1, undefined, SLOW);
    await client.close(uri);
    alive();
  });

  test('a storm of interleaved open, change, close and requests settles on the right diagnostics', { timeout: SLOW }, async () => {
    const rand = random(20251122);
    const texts = [SEED_003, seed('001_38967d40d03fbadc.txt'), seed('000_8384cdbb913b470d.txt'), seed('002_98536ac48eaa19e8.txt'), seed('004_b6050632e8bc8358.txt')];
    // A closed slot reopens under a new URI, so that no publish for an earlier document can pass for a later one.
    const slots = Array.from({ length: 12 }, (_, i) => ({ uri: fileUri(`storm-${i}-0.txt`), generation: 0, open: false }));
    const pending: Promise<unknown>[] = [];
    // Nothing is awaited between messages: the server sees them back to back, as from a busy client.
    for (let step = 0; step < 600; step++) {
      const slot = slots[Math.floor(rand() * slots.length)];
      const uri = slot.uri;
      const roll = rand();
      if (!slot.open) {
        pending.push(client.open(uri, texts[Math.floor(rand() * texts.length)], 'gongkai-report'));
        slot.open = true;
      } else if (roll < 0.08) {
        pending.push(client.close(uri));
        slot.open = false;
        slot.uri = fileUri(`storm-${slots.indexOf(slot)}-${++slot.generation}.txt`);
      } else if (roll < 0.75) {
        const text = client.text(uri);
        const start = Math.floor(rand() * text.length);
        const end = Math.min(text.length, start + Math.floor(rand() * 4));
        const document = client.document(uri);
        const newText = ['', '1', '0', '\t', '\n', '。', '|'][Math.floor(rand() * 7)];
        pending.push(client.change(uri, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText }]));
      } else if (roll < 0.9) {
        pending.push(answer(client.hover(uri, client.document(uri).positionAt(Math.floor(rand() * client.text(uri).length)))));
      } else {
        pending.push(answer(client.symbols(uri)));
      }
    }
    await Promise.all(pending);
    alive();
    const open = slots.filter((slot) => slot.open).map((slot) => slot.uri);
    for (const uri of open) {
      const { diagnostics } = await client.waitForDiagnostics(uri, client.version(uri), undefined, SLOW);
      const expected = checkText(client.text(uri)).findings;
      assert.deepEqual(diagnostics.map((d) => d.code).sort(), expected.map((f) => f.rule).sort(), `${uri}: diagnostics of the last version`);
    }
    for (const uri of open) await client.close(uri);
  });

  test('afterwards the server answers a hover on a known cell and finds seed 003’s two row totals', async () => {
    const uri = fileUri('after-all.txt');
    await client.open(uri, SEED_003);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(
      rowTotals(diagnostics).map((d) => d.range.start.line),
      WRONG_TOTAL_LINES,
    );
    const cell = lineRange(SEED_003, NEW_TOTAL_LINE, '16');
    const hover = await client.hover(uri, cell.start);
    assert.ok(hover, 'a hover on 一、本年新收 · 总计');
    const contents = hover.contents as { value: string };
    assert.match(contents.value, /16/);
    alive();
  });
});
