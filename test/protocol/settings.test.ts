// Which documents are checked, per-rule severities, and the status notification.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, seed, sleep } from './lsp-client';

const SEED_003 = seed('003_bb67cb1c2b4a6a16.txt');
const NOTE = '周会纪要\n一、上周工作\n二、本周计划\n';

describe('settings', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.stop());

  test('a report is checked and its status reported; other plain text is left alone', async () => {
    const report = fileUri('settings-report.txt');
    const note = fileUri('settings-note.txt');
    await client.open(note, NOTE);
    await client.open(report, SEED_003);
    await client.waitForDiagnostics(report, 1);
    const status = await client.waitFor(() => client.statuses.find((s) => s.uri === report), 'status');
    assert.ok(status.errors >= 2);
    assert.equal(typeof status.ms, 'number');
    await sleep(200);
    assert.deepEqual(client.published.filter((p) => p.uri === note), []);
    assert.deepEqual(client.statuses.filter((s) => s.uri === note), []);
  });

  test('documents: "all" checks every plain-text document', async () => {
    const note = fileUri('settings-note.txt');
    await client.setSettings({ documents: 'all' });
    await client.waitForDiagnostics(note);
    await client.waitFor(() => client.statuses.find((s) => s.uri === note), 'status of the note');
  });

  test('a rule set to warning is published as a warning; off silences it', async () => {
    const report = fileUri('settings-report.txt');
    const rowTotals = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'row-total');
    let count = client.published.length;
    await client.setSettings({ rules: { 'row-total': 'warning', 'not-a-rule': 'off' } });
    await client.waitFor(
      () => client.published.slice(count).find((p) => p.uri === report && rowTotals(p).length === 2 && rowTotals(p).every((d) => d.severity === 2)),
      'row-total published as warnings',
    );

    count = client.published.length;
    await client.setSettings({ rules: { 'row-total': 'off' } });
    const silenced = await client.waitFor(
      () => client.published.slice(count).find((p) => p.uri === report && rowTotals(p).length === 0),
      'republish with the rule off',
    );
    assert.ok(silenced.diagnostics.every((d) => d.code !== 'row-total'));
  });

  test('enable: false clears what was shown; reportLanguageOnly checks only gongkai-report documents', async () => {
    const report = fileUri('settings-report.txt');
    const typed = fileUri('settings-typed.txt');
    await client.open(typed, SEED_003, 'gongkai-report');
    await client.waitForDiagnostics(typed, 1);

    let count = client.published.length;
    await client.setSettings({ enable: false });
    for (const uri of [report, typed]) {
      const cleared = await client.waitFor(() => client.published.slice(count).find((p) => p.uri === uri), `clear ${uri}`);
      assert.deepEqual(cleared.diagnostics, []);
    }

    count = client.published.length;
    await client.setSettings({ documents: 'reportLanguageOnly' });
    const checked = await client.waitFor(
      () => client.published.slice(count).find((p) => p.uri === typed && p.diagnostics.length > 0),
      'the gongkai-report document checked again',
    );
    assert.ok(checked.diagnostics.some((d) => d.code === 'row-total'));
    await sleep(200);
    assert.deepEqual(client.published.slice(count).filter((p) => p.uri === report), []);
  });

  test('closing a document clears its diagnostics', async () => {
    const typed = fileUri('settings-typed.txt');
    const count = client.published.length;
    await client.close(typed);
    const cleared = await client.waitFor(() => client.published.slice(count).find((p) => p.uri === typed), 'clear on close');
    assert.deepEqual(cleared.diagnostics, []);
  });
});
