// Issue 13.4 on the command line: the nearest `.gongkai.json` up the folder tree of each file applies
// to it (contract): its rules (the command line's --rule on top), its ignored findings (never shown,
// never fixed), the body's level, last year's report; a broken file is said once, with its place, and
// the rest of it still applies. Run on worker threads as well, which get the file with each task.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateReport } from '../../bench/reports';
import { applyEdits, checkText } from '../../server/src/engine';
import { ignoreEntry, PROJECT_FILE, type ProjectFile } from '../../server/src/config/project';
import { runCli, shared, tempFolder } from './run';

interface JsonResult {
  file: string;
  comparedWith?: string;
  diagnostics: { rule: string; severity: string; message: string }[];
}

function check(args: string[]): { code: number | null; stderr: string; results: JsonResult[] } {
  const run = runCli(['check', '--format', 'json', ...args]);
  return { code: run.code, stderr: run.stderr, results: run.stdout ? (JSON.parse(run.stdout) as JsonResult[]) : [] };
}

const rulesOf = (result: JsonResult) => result.diagnostics.map((d) => `${d.rule}:${d.severity}`).sort();

/** A generated report (an invented body) whose only findings are a wrong row total (error) and a blank cell (warning). */
const draft = (() => {
  for (let seed = 1; seed < 400; seed++) {
    const { text, planted } = generateReport(seed, { layout: 'tabs', errors: 2, proseBytes: 800 });
    const rules = checkText(text).findings.map((f) => `${f.rule}:${f.severity}`).sort();
    if (planted.includes('row-total') && rules.join() === 'blank-cell:warning,row-total:error') return text;
  }
  throw new Error('no generated report with just a wrong row total and a blank cell');
})();

function folderWith(files: Record<string, string>): string {
  const dir = tempFolder('project');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('.gongkai.json in the CLI (issue 13.4)', () => {
  test('its rules apply; --rule on the command line wins over them', () => {
    const dir = folderWith({ 'a.txt': draft, [PROJECT_FILE]: JSON.stringify({ rules: { 'blank-cell': 'off', 'row-total': 'warning' } }) });
    const fromFile = check([dir]);
    assert.deepEqual(rulesOf(fromFile.results[0]), ['row-total:warning']);
    assert.equal(fromFile.code, 0, 'no error left: the file made the total a warning');
    const overridden = check(['--rule', 'row-total=error', dir]);
    assert.deepEqual(rulesOf(overridden.results[0]), ['row-total:error'], 'the command line wins; the file still silences blank-cell');
    assert.equal(overridden.code, 1);
  });

  test('the nearest file up the folder tree applies, not a merge of all of them', () => {
    const dir = folderWith({
      [PROJECT_FILE]: JSON.stringify({ rules: { 'blank-cell': 'off' } }),
      'county/a.txt': draft,
      'county/towns/b.txt': draft,
      'county/towns/own/.gongkai.json': '{}',
      'county/towns/own/c.txt': draft,
    });
    const { results } = check(['--jobs', '2', dir]);
    const byName = Object.fromEntries(results.map((r) => [r.file.slice(dir.length + 1), rulesOf(r)]));
    assert.deepEqual(byName, {
      'county/a.txt': ['row-total:error'],
      'county/towns/b.txt': ['row-total:error'],
      'county/towns/own/c.txt': ['blank-cell:warning', 'row-total:error'],
    });
  });

  test('an ignored finding is not shown, and --fix leaves its cell alone (on worker threads too)', () => {
    const dir = folderWith({ 'a.txt': draft, 'b.txt': draft });
    const { report, findings } = checkText(draft);
    const total = findings.find((f) => f.rule === 'row-total')!;
    const project: ProjectFile = { path: join(dir, PROJECT_FILE), text: '', config: { rules: {}, ignore: [] }, problems: [] };
    writeFileSync(project.path, JSON.stringify({ ignore: [ignoreEntry(project, join(dir, 'a.txt'), report, total)] }, null, 2));

    const checked = check(['--jobs', '2', dir]);
    assert.deepEqual(checked.results.map(rulesOf), [['blank-cell:warning'], ['blank-cell:warning', 'row-total:error']], 'ignored in a.txt only: entries name their file');

    const fixed = check(['--fix', '--jobs', '2', dir]);
    assert.equal(fixed.code, 0, 'every finding shown was fixed');
    const a = readFileSync(join(dir, 'a.txt'), 'utf8');
    const b = readFileSync(join(dir, 'b.txt'), 'utf8');
    const blank = findings.find((f) => f.rule === 'blank-cell')!.fixes.find((f) => f.preferred)!;
    assert.equal(a, applyEdits(draft, blank.edits), 'a.txt: the blank cell filled, the ignored total as written');
    assert.deepEqual(rulesOf(check([join(dir, 'a.txt')]).results[0]), [], 'a.txt: the ignored finding stays away after --fix');
    assert.deepEqual(rulesOf(check([join(dir, 'b.txt')]).results[0]), [], 'b.txt: everything fixed');
    assert.notEqual(b, a);
  });

  test('the level of the body is used by implausible', () => {
    // A city government may make 规章; a county-level body may not.
    const city = (() => {
      for (let seed = 1; seed < 200; seed++) {
        const { text } = generateReport(seed, { layout: 'tabs', errors: 0, proseBytes: 800 });
        if (text.includes('南湖市人民政府') && checkText(text).findings.length === 0) return text;
      }
      throw new Error('no generated report of 南湖市人民政府');
    })();
    const dir = folderWith({ 'city/a.txt': city, 'county/a.txt': city, 'county/.gongkai.json': JSON.stringify({ level: '县级' }) });
    const { results } = check([dir]);
    assert.deepEqual(results.map(rulesOf), [[], ['implausible:warning']]);
    assert.match(results[1].diagnostics[0].message, /县级机关/);
  });

  test('a broken file: its problems said once with file:line:column, the rest of it applied, no crash', () => {
    const broken = '{\n  "rules": { "blank-cell": "off", "row-total": "loud" },\n  "level": "区级",\n  "colour": 1,\n  "ignore": [\n';
    const dir = folderWith({ 'a.txt': draft, 'b.txt': draft, [PROJECT_FILE]: broken });
    const run = check(['--jobs', '2', dir]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.results.map(rulesOf), [['row-total:error'], ['row-total:error']], 'blank-cell is still off');
    const problems = run.stderr.split('\n').filter((line) => line.includes(PROJECT_FILE));
    assert.ok(problems.some((line) => /\.gongkai\.json:2:48: 错误：级别应为/.test(line)), problems.join('\n'));
    assert.ok(problems.some((line) => /\.gongkai\.json:3:12: 错误：机关层级应为/.test(line)));
    assert.ok(problems.some((line) => /\.gongkai\.json:4:3: 警告：未知的设置“colour”/.test(line)));
    assert.ok(problems.some((line) => /JSON 语法错误/.test(line)));
    assert.equal(new Set(problems).size, problems.length, 'each problem once, though two files use the project file');
  });

  test('last year’s report named in the file is compared for carry-over', () => {
    // 2022's report carries 1 request over from 2021's, which lies elsewhere and is not in the run.
    const dir = folderWith({
      'this/2022.txt': readFileSync(join(shared, 'corpus', '104_pingtan_gwh_2022.txt'), 'utf8'),
      'archive/2021.txt': readFileSync(join(shared, 'corpus', '105_pingtan_gwh_2021.txt'), 'utf8'),
      'this/.gongkai.json': JSON.stringify({ previousYear: '../archive/2021.txt' }),
    });
    const carryOver = (r: JsonResult) => r.diagnostics.filter((d) => d.rule === 'carry-over');
    const agreeing = check([join(dir, 'this')]).results[0];
    assert.equal(agreeing.comparedWith, join(dir, 'archive', '2021.txt'));
    assert.deepEqual(carryOver(agreeing), []);

    const archive = join(dir, 'archive', '2021.txt');
    writeFileSync(archive, readFileSync(archive, 'utf8').replace('四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1', '四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2'));
    const differing = check([join(dir, 'this')]).results[0];
    assert.equal(carryOver(differing).length, 2, JSON.stringify(differing.diagnostics));
    assert.equal(check(['--rule', 'carry-over=off', join(dir, 'this')]).results[0].comparedWith, undefined, '--rule turns it off');

    copyFileSync(join(dir, 'this', '2022.txt'), join(dir, 'alone.txt'));
    assert.equal(check([join(dir, 'alone.txt')]).results[0].comparedWith, undefined, 'without the file, no report of 2021 to compare with');
  });
});
