// The end of a session and the older way of passing settings (issue 12, item 22): after `shutdown`
// the server answers no request but with InvalidRequest and publishes nothing, and a client without
// workspace/configuration still gets the settings it pushes with didChangeConfiguration.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient, fileUri, lineRange, seed, sleep } from './lsp-client';

const SEED_003 = seed('003_bb67cb1c2b4a6a16.txt');
const INVALID_REQUEST = -32600;

describe('22: after shutdown', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.stop());

  test('22: after shutdown the server refuses requests with InvalidRequest and publishes nothing', async () => {
    const uri = fileUri('lifecycle.txt');
    await client.open(uri, SEED_003);
    await client.waitForDiagnostics(uri, 1);
    await client.connection.sendRequest('shutdown');
    const published = client.published.length;

    await assert.rejects(client.hover(uri, { line: 113, character: 1 }), (error: { code?: number }) => error.code === INVALID_REQUEST);
    await assert.rejects(client.symbols(uri), (error: { code?: number }) => error.code === INVALID_REQUEST);
    await client.change(uri, [{ range: lineRange(SEED_003, 84, '16'), newText: '17' }]);
    await client.open(fileUri('lifecycle-late.txt'), SEED_003);
    await sleep(500);
    assert.deepEqual(client.published.slice(published), []);
    assert.ok(client.alive, 'the server waits for exit');
  });
});

describe('22: a client without workspace/configuration', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ configuration: false });
  });
  after(() => client.stop());

  test('22: settings pushed through didChangeConfiguration are honoured for clients without workspace/configuration', async () => {
    const uri = fileUri('pushed.txt');
    await client.open(uri, SEED_003);
    const opened = await client.waitForDiagnostics(uri, 1);
    assert.ok(opened.diagnostics.some((d) => d.code === 'row-total'));

    const count = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { gongkai: { rules: { 'row-total': 'warning' } } },
    });
    const pushed = await client.waitFor(() => client.published.slice(count).find((p) => p.uri === uri), 'a republish after the push');
    const rowTotals = pushed.diagnostics.filter((d) => d.code === 'row-total');
    assert.equal(rowTotals.length, 2);
    assert.ok(rowTotals.every((d) => d.severity === 2), 'published as warnings, as pushed');

    const next = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { gongkai: { enable: false } } });
    const cleared = await client.waitFor(() => client.published.slice(next).find((p) => p.uri === uri), 'a republish after enable: false');
    assert.deepEqual(cleared.diagnostics, []);
  });
});
