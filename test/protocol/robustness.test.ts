// No text may take the server down: whatever the engine makes of it, the server keeps answering.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { LspClient, fileUri, seed } from './lsp-client';

const SLOW = 60_000;

describe('robustness', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.stop());

  const survives = async (name: string, text: string) => {
    const uri = fileUri(name);
    await client.open(uri, text, 'gongkai-report');
    await client.waitForDiagnostics(uri, 1, undefined, SLOW);
    await client.hover(uri, { line: 0, character: 5 });
    await client.symbols(uri);
    assert.ok(client.alive, client.stderr);
  };

  test('random bytes', { timeout: SLOW }, async () => {
    await survives('random.txt', randomBytes(64 * 1024).toString('utf8'));
    await survives('random-latin1.txt', randomBytes(64 * 1024).toString('latin1'));
  });

  test('a 2 MB line', { timeout: SLOW * 2 }, async () => {
    await survives('long-line.txt', '一、总体情况 | 12 | 0 | '.repeat(100_000).slice(0, 2 * 1024 * 1024));
    await survives('long-digits.txt', '9'.repeat(2 * 1024 * 1024));
  });

  test('a table cut in half, and every prefix of a row being typed', { timeout: SLOW }, async () => {
    const report = seed('001_38967d40d03fbadc.txt');
    const uri = fileUri('halves.txt');
    await client.open(uri, report.slice(0, Math.floor(report.length / 2)), 'gongkai-report');
    let version = 1;
    for (const piece of '(七)总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||') {
      const end = client.document(uri).positionAt(client.text(uri).length);
      version = await client.change(uri, [{ range: { start: end, end }, newText: piece }]);
    }
    await client.waitForDiagnostics(uri, version, undefined, SLOW);
    assert.ok(await client.hover(uri, { line: 0, character: 0 }) !== undefined);
    assert.ok(client.alive, client.stderr);
  });
});
