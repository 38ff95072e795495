// source.fixAll.gongkai, what `editor.codeActionsOnSave` runs: seed 001's （七）总计 row is all zeros
// although five requests were handled; the fix writes 5 into its 自然人 and 总计 cells.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ARITHMETIC_RULES, LspClient, fileUri, seed } from './lsp-client';

const SEED_001 = seed('001_38967d40d03fbadc.txt');
const RESULT_TOTAL_LINE = 155; // 0-based: "(七)总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||"

describe('source.fixAll.gongkai', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.stop());

  test('is offered only as the source action and leaves no arithmetic finding', async () => {
    const uri = fileUri('fix-all.txt');
    await client.open(uri, SEED_001);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    assert.ok(diagnostics.some((d) => ARITHMETIC_RULES.includes(String(d.code))));

    const whole = { start: { line: 0, character: 0 }, end: { line: client.document(uri).lineCount, character: 0 } };
    const lightbulb = await client.codeActions(uri, whole, diagnostics);
    assert.ok(lightbulb.every((a) => a.kind === 'quickfix'), 'no source action unless asked for');

    const actions = await client.codeActions(uri, whole, diagnostics, ['source.fixAll.gongkai']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.gongkai');

    const version = await client.applyEdit(uri, actions[0].edit!);
    assert.equal(client.text(uri).split('\n')[RESULT_TOTAL_LINE], '(七)总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||');
    const after = await client.waitForDiagnostics(uri, version);
    assert.deepEqual(
      after.diagnostics.filter((d) => ARITHMETIC_RULES.includes(String(d.code))),
      [],
    );
  });

  test('is also what a request for all source.fixAll actions returns', async () => {
    const uri = fileUri('fix-all-kind.txt');
    await client.open(uri, SEED_001);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    const whole = { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } };
    const actions = await client.codeActions(uri, whole, diagnostics, ['source.fixAll']);
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.gongkai']);
  });
});
