// The project file .gongkai.json as the server reads and writes it (issue 13, points 3–5 and 7):
// its rules win over the settings, a finding ignored by its anchor stays away across unrelated edits
// and comes back when its text changes, a broken file is a diagnostic on the file while the rest of
// it still applies, last year's report is found, the workspace's reports are checked from disk, and
// Restricted Mode reads nothing outside the folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, lineRange, seed, sleep } from './lsp-client';

const SEED_003 = seed('003_bb67cb1c2b4a6a16.txt');
/** 0-based lines of the two wrong 总计 cells of seed 003. */
const PARTIAL_TOTAL = 113;
const REPEATED_TOTAL = 256;
const PROSE_LINE = 3;

const uriOf = (file: string) => pathToFileURL(file).href;
const rowTotalsOn = (diagnostics: Diagnostic[], line: number) => diagnostics.filter((d) => d.code === 'row-total' && d.range.start.line === line);

/** Seed 003 as last year's report: year 2024, and 3 requests carried forward in 自然人. */
function lastYearOf003(): string {
  const text = SEED_003.replace(/2025年/g, '2024年');
  const row = text.indexOf('四、结转下年度继续办理');
  const first = text.indexOf('\t0\n', row);
  return text.slice(0, first) + '\t3\n' + text.slice(first + 3);
}

describe('.gongkai.json', () => {
  let root: string;
  let client: LspClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'gongkai-project-'));
    client = await LspClient.start({ folders: [root], settings: { rules: { 'row-total': 'error' } } });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('its rules win over the settings', async () => {
    const dir = join(root, 'rules');
    mkdirSync(dir);
    writeFileSync(join(dir, '.gongkai.json'), JSON.stringify({ rules: { 'row-total': 'warning' } }));
    const uri = uriOf(join(dir, 'report.txt'));
    await client.open(uri, SEED_003);
    const published = await client.waitForDiagnostics(uri, 1);
    const rowTotals = published.diagnostics.filter((d) => d.code === 'row-total');
    assert.equal(rowTotals.length, 2);
    assert.ok(rowTotals.every((d) => d.severity === 2), 'warnings, as the file says, not errors as the settings say');
  });

  test('a broken file is a diagnostic on the file, and the rest of it still applies', async () => {
    const dir = join(root, 'broken');
    mkdirSync(dir);
    const projectFile = join(dir, '.gongkai.json');
    writeFileSync(projectFile, '{\n  "rules": { "row-total": "off", "no-such-rule": "error" },\n  "level": "村级",\n  "previousYear": "nowhere.txt",\n  "ignore": [ 3 ,\n');
    const uri = uriOf(join(dir, 'report.txt'));
    await client.open(uri, SEED_003);
    const published = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(published.diagnostics.filter((d) => d.code === 'row-total'), [], 'row-total: off still applies');
    const problems = await client.waitForDiagnostics(uriOf(projectFile), undefined, (d) => d.length >= 4);
    const messages = problems.diagnostics.map((d) => `${d.range.start.line}: ${d.message}`).join('\n');
    assert.match(messages, /^1: 未知规则“no-such-rule”/m);
    assert.match(messages, /^2: 机关层级应为/m);
    assert.match(messages, /^3: 找不到文件 nowhere\.txt/m);
    assert.match(messages, /JSON 语法错误/);
    assert.ok(client.alive);
  });

  test('忽略此问题 records the finding by its anchor; it stays away after an unrelated edit and comes back when its text changes', async () => {
    const dir = join(root, 'ignore');
    mkdirSync(dir);
    const file = join(dir, '巨鹿县2025年报.txt');
    const uri = uriOf(file);
    await client.open(uri, SEED_003);
    const opened = await client.waitForDiagnostics(uri, 1);
    const [target] = rowTotalsOn(opened.diagnostics, PARTIAL_TOTAL);
    assert.ok(target, 'seed 003 has a row-total on line 114');

    const actions = await client.codeActions(uri, target.range, [target]);
    const ignore = actions.find((a): a is CodeAction => 'kind' in a && a.title === '忽略此问题');
    assert.ok(ignore?.command, `no 忽略此问题 among: ${actions.map((a) => a.title).join(' | ')}`);
    const others = opened.diagnostics.filter((d) => d.code === 'row-total' && d !== target);
    for (const other of others) {
      const offered = await client.codeActions(uri, other.range, [other]);
      assert.ok(offered.some((a) => a.title === '忽略此问题'), 'offered on every finding');
    }

    const count = client.published.length;
    await client.executeCommand(ignore.command.command, ignore.command.arguments ?? []);
    const without = await client.waitFor(() => client.published.slice(count).find((p) => p.uri === uri), 'a republish after ignoring');
    assert.deepEqual(rowTotalsOn(without.diagnostics, PARTIAL_TOTAL), [], 'the ignored finding is gone');
    assert.equal(rowTotalsOn(without.diagnostics, REPEATED_TOTAL).length, 1, 'the other finding stays');
    // No project file yet: a new one at the workspace folder's root.
    const written = JSON.parse(readFileSync(join(root, '.gongkai.json'), 'utf8'));
    assert.deepEqual(written.ignore, [{ file: 'ignore/巨鹿县2025年报.txt', rule: 'row-total', anchor: 'requests/partial/total', text: '0' }]);
    assert.ok(!client.text(uri).includes('gongkai'), 'nothing is written into the report');

    const prose = lineRange(SEED_003, PROSE_LINE);
    let version = await client.change(uri, [{ range: { start: prose.end, end: prose.end }, newText: '另起一行说明。\n' }]);
    const moved = await client.waitForDiagnostics(uri, version);
    assert.equal(moved.diagnostics.filter((d) => d.code === 'row-total').length, 1, 'still ignored after lines moved');

    const cell = lineRange(client.text(uri), PARTIAL_TOTAL + 1, '0');
    version = await client.change(uri, [{ range: cell, newText: '3' }]);
    const back = await client.waitForDiagnostics(uri, version, (d) => rowTotalsOn(d, PARTIAL_TOTAL + 1).length === 1, 5_000);
    assert.match(String(rowTotalsOn(back.diagnostics, PARTIAL_TOTAL + 1)[0].message), /填报 3/);
  });

  test('last year\'s report: named in the file, or found beside the report by body and year', async () => {
    const auto = join(root, 'auto');
    mkdirSync(auto);
    writeFileSync(join(auto, '2024.txt'), lastYearOf003());
    const uri = uriOf(join(auto, '2025.txt'));
    await client.open(uri, SEED_003);
    const found = await client.waitForDiagnostics(uri, 1);
    assert.equal(found.diagnostics.filter((d) => d.code === 'carry-over').length, 1, 'found in the same folder');

    const named = join(root, 'named');
    mkdirSync(join(named, 'archive'), { recursive: true });
    writeFileSync(join(named, 'archive', 'last.txt'), lastYearOf003());
    writeFileSync(join(named, '.gongkai.json'), JSON.stringify({ previousYear: 'archive/last.txt' }));
    const namedUri = uriOf(join(named, '2025.txt'));
    await client.open(namedUri, SEED_003);
    const compared = await client.waitForDiagnostics(namedUri, 1);
    assert.match(String(compared.diagnostics.find((d) => d.code === 'carry-over')?.message ?? ''), /2024 年度报告/);
  });

  test('checking files from disk publishes their findings, and again when they change there', async () => {
    const dir = join(root, 'disk');
    mkdirSync(dir);
    const report = join(dir, 'closed.txt');
    const note = join(dir, 'note.txt');
    writeFileSync(report, SEED_003);
    writeFileSync(note, '周会纪要\n一、上周工作\n');
    const result = (await client.connection.sendRequest('gongkai/checkFiles', { uris: [uriOf(report), uriOf(note)] })) as { reports: number; errors: number };
    assert.equal(result.reports, 1);
    assert.equal(result.errors, 2);
    const published = await client.waitForDiagnostics(uriOf(report));
    assert.equal(published.diagnostics.filter((d) => d.code === 'row-total').length, 2);
    assert.deepEqual(client.published.filter((p) => p.uri === uriOf(note)), []);

    const count = client.published.length;
    writeFileSync(report, SEED_003.replace(/\t0\n(?=\n\t\n\t（三）不予公开)/, '\t2\n'));
    await client.filesChanged([{ uri: uriOf(report), type: 2 }]);
    const again = await client.waitFor(() => client.published.slice(count).find((p) => p.uri === uriOf(report)), 're-check on change');
    assert.equal(again.diagnostics.filter((d) => d.code === 'row-total').length, 1);

    const removed = client.published.length;
    rmSync(report);
    await client.filesChanged([{ uri: uriOf(report), type: 3 }]);
    const cleared = await client.waitFor(() => client.published.slice(removed).find((p) => p.uri === uriOf(report)), 'cleared on delete');
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('Restricted Mode', () => {
  let root: string;
  let folder: string;
  let client: LspClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'gongkai-untrusted-'));
    folder = join(root, 'received');
    mkdirSync(folder);
    client = await LspClient.start({ folders: [folder], initializationOptions: { trusted: false } });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('findings show; a .gongkai.json above the folder and a report named outside it are not read', async () => {
    writeFileSync(join(root, '.gongkai.json'), JSON.stringify({ rules: { 'row-total': 'off' } }));
    const uri = uriOf(join(folder, 'report.txt'));
    await client.open(uri, SEED_003);
    const published = await client.waitForDiagnostics(uri, 1);
    assert.equal(published.diagnostics.filter((d) => d.code === 'row-total').length, 2, 'the file above the folder does not apply');

    writeFileSync(join(root, 'last.txt'), lastYearOf003());
    writeFileSync(join(folder, '.gongkai.json'), JSON.stringify({ previousYear: '../last.txt' }));
    const count = client.published.length;
    await client.filesChanged([{ uri: uriOf(join(folder, '.gongkai.json')), type: 1 }]);
    const problems = await client.waitForDiagnostics(uriOf(join(folder, '.gongkai.json')));
    assert.match(String(problems.diagnostics[0]?.message ?? ''), /受限模式/);
    await client.waitFor(() => client.published.slice(count).find((p) => p.uri === uri), 'a re-check with the folder\'s file');
    await sleep(100);
    const latest = client.published.filter((p) => p.uri === uri).at(-1)!;
    assert.deepEqual(latest.diagnostics.filter((d) => d.code === 'carry-over'), [], 'last year outside the folder is not read');
  });
});
