// Issue 12, output and usage: what the CLI prints is safe on a terminal, SARIF is valid SARIF, and
// help and version answer as every command-line tool does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { generateReport } from '../../bench/reports';
import { toJson } from '../../server/src/cli/output/json';
import { toSarif } from '../../server/src/cli/output/sarif';
import { locationText, type FileResult } from '../../server/src/cli/results';
import { cliPath, repoRoot, runCli, shared, tempFolder } from './run';

/** A report with a cell (and a file name) that carry terminal control sequences. */
function hostileReport(): { dir: string; file: string } {
  const dir = tempFolder('hostile');
  const text = generateReport(5, { layout: 'tabs', errors: 0 }).text;
  const at = text.indexOf('（一）予以公开\t') + '（一）予以公开\t'.length;
  // Clear the screen and move home; a right-to-left override that reorders what follows.
  const hostile = text.slice(0, at) + '\u001b[2J\u001b[H伪造\u202e' + text.slice(text.indexOf('\t', at));
  // A colour change and a carriage return that would overwrite the line.
  const file = join(dir, 'evil\u001b[31m\r.txt');
  writeFileSync(file, hostile);
  return { dir, file };
}

describe('terminal escape injection (issue 12.18)', () => {
  test('control characters in a cell and in a file name are printed escaped in the text output', () => {
    const { file } = hostileReport();
    const run = runCli(['check', file]);
    assert.doesNotMatch(run.stdout + run.stderr, /[\u0000-\u0009\u000b-\u001f\u007f\u202e]/, 'no raw control character reaches the terminal');
    assert.match(run.stdout, /\\x1b\[2J\\x1b\[H伪造\\u202e/, 'the quoted cell is shown with its escapes visible');
    assert.match(run.stdout, /evil\\x1b\[31m\\x0d\.txt:\d+:\d+/, 'and so is the file name');
  });

  test('JSON keeps the text exact (JSON escapes it itself)', () => {
    const { file } = hostileReport();
    const results = JSON.parse(runCli(['check', '--format', 'json', file]).stdout) as { file: string; diagnostics: { message: string }[] }[];
    assert.equal(results[0].file, file);
    assert.ok(results[0].diagnostics.some((d) => d.message.includes('\u001b[2J')));
  });
});

describe('SARIF (issue 12.19)', () => {
  // The schema of SARIF 2.1.0 as Microsoft's @microsoft/jest-sarif 1.0.0-beta.0 ships it (lib/schemas/), draft-04;
  // one of its patterns is not valid as a Unicode regular expression, hence unicodeRegExp: false.
  const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'cli', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

  test('the output is valid SARIF 2.1.0 with absolute, percent-encoded URIs', () => {
    const dir = tempFolder('sarif');
    const folder = join(dir, '报告 #1 100%');
    mkdirSync(folder);
    const file = join(folder, '青禾县 年报.txt');
    writeFileSync(file, generateReport(9, { layout: 'tabs', errors: 3 }).text);
    const run = runCli(['check', '--format', 'sarif', file]);
    const log = JSON.parse(run.stdout) as { runs: any[] };
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const [sarifRun] = log.runs;
    for (const rule of sarifRun.tool.driver.rules) {
      const uri = new URL(rule.helpUri);
      assert.equal(uri.protocol, 'file:', `${rule.id}: an absolute URI`);
      assert.equal(readFileSync(fileURLToPath(uri), 'utf8').split('\n')[0].startsWith(`# ${rule.id}`), true, `${rule.id}: names its own page`);
    }
    assert.ok(sarifRun.results.length > 0);
    for (const result of sarifRun.results) {
      const uri: string = result.locations[0].physicalLocation.artifactLocation.uri;
      assert.doesNotMatch(uri, /[ #%](?![0-9A-F]{2})|[^\x21-\x7e]/, `percent-encoded: ${uri}`);
      assert.equal(fileURLToPath(uri), file, 'names the file');
    }
  });
});

describe('findings located in a file’s own terms (for the .docx/.pdf readers)', () => {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'cli', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } };
  const result: FileResult = {
    file: '/data/报告.docx',
    status: 'checked',
    kind: 'docx',
    warnings: [{ 'zh-cn': '文档中有 1 个嵌入对象', en: 'The document holds 1 embedded object' }],
    diagnostics: [
      {
        rule: 'row-total',
        severity: 'error',
        message: { 'zh-cn': '总计不符', en: 'total differs' },
        range,
        location: { kind: 'docx', table: 3, row: 4, cell: 8, rowLabel: '（二）部分公开', columnLabel: '总计' },
        fixes: [{ title: { 'zh-cn': '改为 12', en: 'Change to 12' }, preferred: true, edits: [{ range, newText: '12' }] }],
      },
    ],
  };

  test('JSON carries the location; SARIF names it as a logical location, valid SARIF, without text regions', () => {
    const [json] = toJson([result], 'en') as { diagnostics: { location: unknown }[] }[];
    assert.deepEqual(json.diagnostics[0].location, { kind: 'docx', table: 3, row: 4, cell: 8, rowLabel: '（二）部分公开', columnLabel: '总计' });
    const log = toSarif([result], 'en') as { runs: any[] };
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const [finding] = log.runs[0].results;
    assert.deepEqual(finding.locations[0].logicalLocations, [{ fullyQualifiedName: 'table 3, row 4, cell 8 (row “（二）部分公开”, column “总计”)', kind: 'element' }]);
    assert.equal(finding.locations[0].physicalLocation.region, undefined);
    assert.equal(finding.fixes, undefined);
    assert.deepEqual(log.runs[0].invocations[0].toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => `${n.level} ${n.message.text}`), ['note The document holds 1 embedded object'], 'the reading note, as a note');
    assert.equal(locationText(result.diagnostics[0], 'zh-cn'), '第3个表格 第4行 第8格（“（二）部分公开”行“总计”列）');
  });
});

describe('help and version (issue 12.20)', () => {
  for (const args of [['--help'], ['-h'], ['check', '--help'], ['check', '-h'], ['merge', '--help']]) {
    test(`${args.join(' ')} prints the usage and exits 0`, () => {
      const run = runCli(args);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /gongkai check/);
      assert.equal(run.stderr, '');
    });
  }

  test('--version prints the package version', () => {
    const run = runCli(['--version']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout.trim(), `gongkai ${JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version}`);
  });
});

test('output piped into a reader that stops early (`gongkai dump x | head -1`) ends quietly, without a stack trace', () => {
  const file = join(shared, 'seeds', readdirSync(join(shared, 'seeds')).find((name) => name.startsWith('001'))!);
  const run = spawnSync('sh', ['-c', `"${process.execPath}" "${cliPath}" dump "${file}" | head -1`], { encoding: 'utf8' });
  assert.equal(run.stdout, '{\n');
  assert.equal(run.stderr, '');
});
