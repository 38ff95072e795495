// The report-level and prose rules against their fixtures (test/fixtures/prose/): each <case>.txt
// beside <case>.expected.json lists exactly the findings of these rules, by rule, 1-based line and
// severity; <case>.fixed.txt is the text after fix-all of these rules; <case>.previous.txt, when
// present, is last year's report of the same body, passed as options.previousYear. Then the real
// reports under ../shared: what these rules find there, and above all what they must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText, parseReport, type CheckOptions, type Finding, type RuleId } from '../../server/src/engine';
import { checkFix, expectFindings, type ExpectedFinding, type HelperOptions } from '../helpers/check';

// A check that throws must fail the test, not vanish into the engine's safety net.
process.env.GONGKAI_STRICT = '1';

const RULES: readonly RuleId[] = [
  'period',
  'basis',
  'intro-parts',
  'narrative-number',
  'narrative-percent',
  'placeholder',
  'implausible',
  'fee-statement',
  'carry-over',
];

// This file runs bundled from out/test/engine/.
const root = join(__dirname, '..', '..', '..');
const dir = join(root, 'test', 'fixtures', 'prose');
const shared = join(root, '..', 'shared');
const read = (path: string) => readFileSync(path, 'utf8');

const cases = readdirSync(dir)
  .filter((name) => name.endsWith('.txt') && !/\.(fixed|previous)\.txt$/.test(name))
  .map((name) => name.slice(0, -'.txt'.length))
  .sort();

function optionsOf(name: string): HelperOptions {
  const previous = join(dir, `${name}.previous.txt`);
  return { only: RULES, ...(existsSync(previous) ? { previousYear: parseReport(read(previous)) } : {}) };
}

test('every fixture has its expectations', () => {
  assert.ok(cases.length > 0);
  for (const name of cases) assert.ok(existsSync(join(dir, `${name}.expected.json`)), `${name}.expected.json missing`);
});

for (const name of cases) {
  test(`fixture ${name}`, () => {
    const text = read(join(dir, `${name}.txt`));
    const expected = JSON.parse(read(join(dir, `${name}.expected.json`))) as ExpectedFinding[];
    const options = optionsOf(name);
    expectFindings(text, expected, options);
    const fixedPath = join(dir, `${name}.fixed.txt`);
    if (existsSync(fixedPath)) checkFix(text, read(fixedPath), options);
    else checkFix(text, text, options);
  });
}

const ours = (text: string, options: CheckOptions = {}): Finding[] =>
  checkText(text, options).findings.filter((f) => (RULES as readonly string[]).includes(f.rule));

function realReport(folder: string, prefix: string): string {
  const name = readdirSync(join(shared, folder)).find((n) => n.startsWith(prefix));
  assert.ok(name, `${folder}/${prefix}* under ${shared}`);
  return read(join(shared, folder, name));
}

test('the corpus reports whose prose agrees with their tables raise no narrative finding', () => {
  // 001: 受理 3119, 答复 3050 含结转 34, 顺延 103, 复议 351 and its parts, 诉讼 46 and its parts.
  // 004: 受理 749 = 713 + 36, 自然人 741, 法人 8, 办理 718, 结转 31.
  for (const prefix of ['001_', '004_']) {
    const findings = ours(realReport('corpus', prefix)).filter((f) => f.rule.startsWith('narrative-'));
    assert.deepEqual(findings.map((f) => f.message['zh-cn']), [], `corpus ${prefix}`);
  }
});

test('the narrative phrases of corpus 001 and 004 are read, not skipped: a changed figure is reported', () => {
  const changes: [string, string, string][] = [
    ['001_', '申请 3119 件', '申请 3118 件'],
    ['001_', '复 3050 件', '复 3051 件'],
    ['001_', '结转申请 34 件', '结转申请 33 件'],
    ['001_', '另有 103 件', '另有 104 件'],
    ['001_', '行政复议 351', '行政复议 350'],
    ['001_', '结果维持 72 件', '结果维持 71 件'],
    ['001_', '行政诉讼 46 件', '行政诉讼 45 件'],
    ['004_', '申请 749 件', '申请 748 件'],
    ['004_', '自然人申请 741 件', '自然人申请 740 件'],
    ['004_', '组织申请 8 件', '组织申请 9 件'],
    ['004_', '共办理 718 件', '共办理 717 件'],
    ['004_', '结转下一年 31 件', '结转下一年 30 件'],
  ];
  for (const [prefix, from, to] of changes) {
    const text = realReport('corpus', prefix);
    assert.ok(text.includes(from), `${prefix}: “${from}”`);
    const changed = text.replace(from, to);
    const findings = ours(changed).filter((f) => f.rule === 'narrative-number');
    const at = changed.indexOf(to);
    assert.equal(findings.length, 1, `${prefix} ${to}: ${findings.map((f) => f.message['zh-cn']).join(' / ')}`);
    assert.ok(findings[0].span.start >= at && findings[0].span.end <= at + to.length, `${prefix} ${to}: finding not on the changed number`);
  }
});

test('seeds and corpus: exactly the findings a careful reader makes', () => {
  const found: string[] = [];
  for (const folder of ['seeds', 'corpus']) {
    for (const name of readdirSync(join(shared, folder)).filter((n) => n.endsWith('.txt')).sort()) {
      const text = read(join(shared, folder, name));
      const lines = text.split('\n');
      for (const finding of ours(text)) {
        const line = text.slice(0, finding.span.start).split('\n').length;
        found.push(`${folder}/${name.slice(0, 3)}:${line} ${finding.rule}`);
        assert.ok(lines[line - 1] !== undefined);
      }
    }
  }
  assert.deepEqual(found, [
    // No title, no intro, no period: the year (2020) is only a guess from the text.
    'seeds/001:1 period',
    // Title and sections, but no statistics period anywhere.
    'seeds/002:3 period',
    // The intro lists 四 as "政府信息公开行政复议和行政诉讼情况", a variant (hint).
    'seeds/004:5 intro-parts',
    // An excerpt that starts at its intro: no title and no period there.
    'corpus/009:1 period',
    // The intro lists 五 as "存在问题及改进情况", a variant (hint).
    'corpus/009:1 intro-parts',
    // 本报告由……等六部分组成 lists five: 行政复议、行政诉讼 is missing.
    'corpus/009:1 intro-parts',
    // The intro lists 四 "…行政复议及行政诉讼情况" and 五 "存在的主要问题和改进措施", both variants (hints).
    'corpus/011:1 intro-parts',
    'corpus/011:1 intro-parts',
    // A 2022 report citing 国办公开办函〔2019〕60号.
    'corpus/015:5 basis',
    // Starts with its intro sentence: no title, no period.
    'corpus/019:1 period',
    // 101: "现行有效行政规范性文件393件" is a library's stock (no year ties it to the table's 470) and
    // "予以公开及部分公开42件" is 22 + 20: neither is a contradiction, so nothing is said.
    // 102 and 103 list 四 as "政府信息公开行政复议和行政诉讼情况" after "共分6个部分：", a variant (hint).
    'corpus/102:2 intro-parts',
    'corpus/103:2 intro-parts',
    // 105 lists 四 in pre-2019 wording and 五 as "政府信息公开工作存在的主要问题及改进情况" (hints).
    'corpus/105:2 intro-parts',
    'corpus/105:2 intro-parts',
    // Excerpts with no statistics period: 110's garbled title on line 5; 114 and 115 have no title year.
    'corpus/110:5 period',
    'corpus/114:1 period',
    'corpus/115:1 period',
    // "现行有效的规范性文件。" ends a list of counts without its count.
    'corpus/120:12 placeholder',
  ]);
});

test('carry-over compares column by column and names both values', () => {
  const text = read(join(dir, 'carry-over.txt'));
  const previousYear = parseReport(read(join(dir, 'carry-over.previous.txt')));
  const findings = ours(text, { previousYear }).filter((f) => f.rule === 'carry-over');
  assert.deepEqual(
    findings.map((f) => f.message['zh-cn']),
    [
      '“二、上年结转政府信息公开申请数量”的自然人为 4，而2023 年度报告“四、结转下年度继续办理”的自然人为 5。',
      '“二、上年结转政府信息公开申请数量”的商业企业为 0，而2023 年度报告“四、结转下年度继续办理”的商业企业为 1。',
      '“二、上年结转政府信息公开申请数量”的总计为 4，而2023 年度报告“四、结转下年度继续办理”的总计为 6。',
    ],
  );
  // Either year may be the wrong one: the fix is offered, never applied by fix-all.
  assert.ok(findings.every((f) => f.fixes.length === 1 && !f.fixes[0].preferred));
  // Without last year's report there is nothing to compare.
  assert.deepEqual(ours(text).filter((f) => f.rule === 'carry-over'), []);
  // A report that is not last year's compares nothing.
  const older = parseReport(read(join(dir, 'carry-over.previous.txt')).replace(/2023年/g, '2022年'));
  assert.deepEqual(ours(text, { previousYear: older }).filter((f) => f.rule === 'carry-over'), []);
});

test('narrative-number names the cell it compared with and offers the table value, never as fix-all', () => {
  const findings = ours(read(join(dir, 'narrative-mismatch.txt'))).filter((f) => f.rule === 'narrative-number');
  const received = findings.find((f) => f.message['zh-cn'].includes('17'))!;
  assert.equal(received.message['zh-cn'], '正文“收到政府信息公开申请17件”中的 17 不等于表三“一、本年新收政府信息公开申请数量” 45，也不等于表三“一、本年新收政府信息公开申请数量”加“二、上年结转政府信息公开申请数量” 49。');
  assert.deepEqual(received.fixes.map((f) => f.edits[0].newText), ['45', '49']);
  assert.ok(findings.every((f) => f.fixes.every((fix) => !fix.preferred)));
});

test('narrative-percent shows the division it made', () => {
  const findings = ours(read(join(dir, 'narrative-percent.txt'))).filter((f) => f.rule === 'narrative-percent');
  assert.equal(findings[0].message['zh-cn'], '正文“22件，占52.4%”：22 ÷ 46 = 47.8%，不是 52.4%（基数为表三“（七）总计”）。');
  assert.deepEqual(findings[0].fixes[0].edits[0].newText, '47.8');
  assert.match(findings[2].message['zh-cn'], /3 ÷ 46 = 6\.5%，不是 8\.5%（基数为句中所述的 46 件）/);
});

test('the prose rules stay linear on megabyte lines', () => {
  // Behind section 一, a real table 三 so that the narrative rules have something to compare with.
  const table = read(join(dir, 'narrative-agree.txt')).split('\n二、主动公开政府信息情况')[1];
  const line = (unit: string) => unit.repeat(200_000);
  const bodies = [
    '受理' + line('政') + '申请1件',
    line('×') + '\n' + line('*') + '\n' + line('_') + '\n' + line('〇'),
    '信息' + line(' ') + 'x',
    line('受理申请，') + '\n' + line('办结1件，') + '\n' + line('1件，占'),
    line('共办结1件，其中予以公开1件，占1%'),
    '本报告包括' + line('总体情况、') + '等六部分。',
    line('行政复议1件，其中结果维持1件'),
  ];
  for (const body of bodies) {
    const text = `青禾县农业农村局2024年政府信息公开工作年度报告\n一、总体情况\n${body}\n二、主动公开政府信息情况${table}`;
    const started = Date.now();
    ours(text);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms on ${JSON.stringify(body.slice(0, 20))}…`);
  }
});
