// The project file module the server and the CLI share: parsing that never fails, discovery up the
// folder tree (and not above a Restricted Mode folder), rules merged with the file winning, ignored
// findings matched by anchor, and an entry added without disturbing what the user wrote.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import {
  addIgnored,
  findProjectFile,
  ignoreEntry,
  mergeRules,
  namedPreviousYear,
  parseProjectConfig,
  previousYearProblems,
  samePreviousYear,
  withoutIgnored,
  type ProjectFile,
} from '../../server/src/config/project';
import { checkText, parseReport } from '../../server/src/engine';

const REPORT = `青禾县农业农村局2024年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
`;

function project(text: string, file = '/reports/.gongkai.json'): ProjectFile {
  return { path: file, text, ...parseProjectConfig(text) };
}

describe('parseProjectConfig', () => {
  test('reads every setting', () => {
    const { config, problems } = parseProjectConfig(JSON.stringify({
      $schema: './schema.json',
      rules: { 'blank-cell': 'off', 'row-total': 'warning' },
      ignore: [{ file: 'a.txt', rule: 'narrative-number', text: '共受理申请12件。' }, { file: 'a.txt', rule: 'row-total', anchor: 'requests/new/total', text: '3' }],
      level: '县级',
      previousYear: { '2024.txt': 'old/2023.txt' },
    }));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, { 'blank-cell': 'off', 'row-total': 'warning' });
    assert.equal(config.ignore.length, 2);
    assert.equal(config.level, '县级');
    assert.deepEqual(config.previousYear, { '2024.txt': 'old/2023.txt' });
  });

  test('a broken file keeps what could be read, with each problem where it is', () => {
    const text = '{\n  "rules": { "blank-cell": "off", "typo-rule": "off", "row-total": "loud" },\n  "level": "村",\n  "colour": 1,\n  "ignore": [ { "file": "a.txt" } ]\n';
    const { config, problems } = parseProjectConfig(text);
    assert.deepEqual(config.rules, { 'blank-cell': 'off' });
    assert.equal(config.level, undefined);
    const at = (needle: string) => problems.find((p) => text.slice(p.span.start, p.span.end).includes(needle));
    assert.equal(at('typo-rule')?.severity, 'warning');
    assert.match(at('loud')?.message['zh-cn'] ?? '', /级别应为/);
    assert.match(at('村')?.message.en ?? '', /level must be one of/);
    assert.match(at('colour')?.message.en ?? '', /Unknown setting "colour"/);
    assert.match(at('"file"')?.message.en ?? '', /entry is skipped/);
    assert.ok(problems.some((p) => /JSON syntax error/.test(p.message.en)), 'the missing closing brace');
  });

  test('text that is no object, or nothing at all', () => {
    assert.match(parseProjectConfig('[1, 2]').problems[0].message.en, /one JSON object/);
    assert.deepEqual(parseProjectConfig('').problems, []);
    assert.ok(parseProjectConfig('not json').problems.length > 0);
  });
});

describe('findProjectFile', () => {
  const files: Record<string, string> = { [resolve('/a/.gongkai.json')]: '{ "level": "乡镇" }', [resolve('/a/b/c/.gongkai.json')]: '{}' };
  const read = (file: string) => files[file];

  test('the nearest file up the folder tree', () => {
    assert.equal(findProjectFile('/a/b/c/d', read)?.path, resolve('/a/b/c/.gongkai.json'));
    assert.equal(findProjectFile('/a/b', read)?.config.level, '乡镇');
    assert.equal(findProjectFile('/x/y', read), undefined);
  });

  test('never above the folder it is told to stop at', () => {
    assert.equal(findProjectFile('/a/b', read, '/a/b'), undefined);
    assert.equal(findProjectFile('/a/b/c/d', read, '/a/b')?.path, resolve('/a/b/c/.gongkai.json'));
    assert.equal(findProjectFile('/elsewhere', read, '/a'), undefined);
  });
});

describe('rules, last year and ignored findings', () => {
  test('the file wins over the settings where both say something', () => {
    const file = project('{ "rules": { "blank-cell": "error" } }');
    assert.deepEqual(mergeRules({ 'blank-cell': 'off', 'row-total': 'hint' }, file.config), { 'blank-cell': 'error', 'row-total': 'hint' });
    assert.deepEqual(mergeRules({ 'row-total': 'hint' }, undefined), { 'row-total': 'hint' });
  });

  test('last year: one path for all, one per report, never the report itself', () => {
    assert.equal(namedPreviousYear(project('{ "previousYear": "old.txt" }'), resolve('/reports/2024.txt')), resolve('/reports/old.txt'));
    const perReport = project('{ "previousYear": { "x/2024.txt": "x/2023.txt" } }');
    assert.equal(namedPreviousYear(perReport, resolve('/reports/x/2024.txt')), resolve('/reports/x/2023.txt'));
    assert.equal(namedPreviousYear(perReport, resolve('/reports/y.txt')), undefined);
    assert.equal(namedPreviousYear(project('{ "previousYear": "old.txt" }'), resolve('/reports/old.txt')), undefined);
    const problems = previousYearProblems(project('{ "previousYear": { "a.txt": "gone.txt", "b.txt": "../outside.txt" } }'), () => false, (f) => !f.includes('outside'));
    assert.deepEqual(problems.map((p) => p.message.en), ['No such file: gone.txt.', 'Restricted Mode reads nothing outside the workspace folder: carry-over is not compared.']);
  });

  test('found by body and year among candidates', () => {
    const current = parseReport(REPORT);
    const last = { name: 'last', report: parseReport(REPORT.replace('2024年', '2023年')) };
    const other = { name: 'other', report: parseReport(REPORT.replace('青禾县', '白河县').replace('2024年', '2023年')) };
    assert.equal(samePreviousYear(current, [other, last, { name: 'self', report: current }])?.name, 'last');
  });

  test('an ignored finding is matched by rule, anchor and text, and shows again when the text changes', () => {
    const file = join(resolve('/reports'), 'q.txt');
    const broken = REPORT.replace('| 3 |\n', '| 4 |\n');
    const { report, findings } = checkText(broken);
    const rowTotal = findings.find((f) => f.rule === 'row-total')!;
    const base = project('{}');
    const entry = ignoreEntry(base, file, report, rowTotal);
    assert.deepEqual(entry, { file: 'q.txt', rule: 'row-total', anchor: 'requests/new/total', text: '4' });
    const withEntry = project(addIgnored(base.text, entry));
    assert.ok(!withoutIgnored(withEntry, file, report, findings).includes(rowTotal));
    assert.equal(withoutIgnored(withEntry, file, report, findings).length, findings.length - 1);
    assert.equal(withoutIgnored(withEntry, join(resolve('/reports'), 'other.txt'), report, findings).length, findings.length);

    const moved = checkText('前言一段。\n' + broken);
    assert.equal(withoutIgnored(withEntry, file, moved.report, moved.findings).filter((f) => f.rule === 'row-total').length, 0, 'lines moved: still ignored');
    const changed = checkText(broken.replace('| 4 |\n', '| 5 |\n'));
    assert.equal(withoutIgnored(withEntry, file, changed.report, changed.findings).filter((f) => f.rule === 'row-total').length, 1, 'its text changed: shown again');
  });

  test('an entry is added keeping the rest of the file as written', () => {
    const text = '{\n    // our office\n    "rules": { "blank-cell": "off" },\n    "ignore": [\n        { "file": "a.txt", "rule": "period", "text": "x" }\n    ]\n}\n';
    const added = addIgnored(text, { file: 'b.txt', rule: 'row-total', anchor: 'requests/new/total', text: '4' });
    assert.ok(added.startsWith('{\n    // our office\n    "rules": { "blank-cell": "off" },'), added);
    assert.equal(parseProjectConfig(added).config.ignore.length, 2);
    assert.deepEqual(parseProjectConfig(addIgnored('', { file: 'b.txt', rule: 'period', text: 'y' })).config.ignore, [{ file: 'b.txt', rule: 'period', text: 'y' }]);
    assert.ok(addIgnored('{}\r\n', { file: 'b.txt', rule: 'period', text: 'y' }).includes('\r\n'), 'line endings kept');
    assert.throws(() => addIgnored('[1]', { file: 'b.txt', rule: 'period', text: 'y' }), /not a JSON object/);
  });
});
