// The structure rules against their fixtures (test/fixtures/structure/): each <case>.txt|.md beside
// <case>.expected.json lists exactly the findings of these rules, by rule, 1-based line and severity;
// <case>.fixed.txt|.md is the text after fix-all of these rules. Fix-all must reach that text, leave
// nothing fixable behind, and only ever touch heading lines or insert whole lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { applyEdits, checkText, fixAllEdits, RULE_IDS, type CheckOptions, type Finding, type OffsetEdit, type RuleId } from '../../server/src/engine';

// A check that throws must fail the test, not vanish into the engine's safety net.
process.env.GONGKAI_STRICT = '1';

const RULES: RuleId[] = ['missing-section', 'section-number', 'section-title', 'heading-number', 'heading-level'];
// This file runs bundled from out/test/engine/.
const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'structure');
const onlyOurs: CheckOptions = { rules: Object.fromEntries(RULE_IDS.filter((id) => !RULES.includes(id)).map((id) => [id, 'off'])) };

interface Expected {
  rule: RuleId;
  line: number;
  severity: string;
}

function findings(text: string): Finding[] {
  return checkText(text, onlyOurs).findings;
}

function summary(text: string, list: Finding[]): Expected[] {
  const lineOf = (offset: number) => text.slice(0, offset).split(/\r\n|\r|\n/).length;
  return list
    .map((f) => ({ rule: f.rule, line: lineOf(f.span.start), severity: f.severity }))
    .sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

const isLineStart = (text: string, offset: number) => offset === 0 || text[offset - 1] === '\n' || offset === text.length;
const HEADING_LINE = /^[\s\u3000]*(?:#{1,6}\s*)?(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}\s*[.．、])/;

/** An edit either inserts whole lines at a line boundary, or rewrites part of one heading line. */
function assertLocal(text: string, edit: OffsetEdit, name: string): void {
  const { start, end } = edit.span;
  if (/[\r\n]/.test(edit.newText)) {
    assert.equal(start, end, `${name}: an edit that adds lines replaces text`);
    assert.ok(isLineStart(text, start), `${name}: insertion at ${start} is not at a line boundary`);
    if (start < text.length) assert.match(edit.newText, /\n$/, `${name}: an insertion before a line must end with a line break`);
    return;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndAt = text.indexOf('\n', start);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  assert.ok(end <= lineEnd, `${name}: an edit spans several lines`);
  const line = text.slice(lineStart, lineEnd);
  assert.match(line, HEADING_LINE, `${name}: edited line is not a heading: ${line}`);
}

/** Every line of `before` outside the edited ones is still there, in order, in `after`. */
function assertLinesKept(before: string, after: string, edited: Set<number>, name: string): void {
  const kept = before.split(/\r?\n/).filter((_, i) => !edited.has(i));
  const lines = after.split(/\r?\n/);
  let at = 0;
  for (const line of kept) {
    while (at < lines.length && lines[at] !== line) at++;
    assert.ok(at < lines.length, `${name}: line lost or changed: ${line}`);
    at++;
  }
}

/** Fix-all of these rules, round by round, checking every edit on the text it applies to. */
function fixAll(text: string, name: string): string {
  let current = text;
  for (let round = 0; round < 5; round++) {
    const edits = fixAllEdits(findings(current));
    if (edits.length === 0) return current;
    for (const edit of edits) assertLocal(current, edit, name);
    const edited = new Set(
      edits.filter((e) => !/[\r\n]/.test(e.newText)).map((e) => current.slice(0, e.span.start).split('\n').length - 1),
    );
    const next = applyEdits(current, edits);
    assertLinesKept(current, next, edited, name);
    current = next;
  }
  return current;
}

const cases = readdirSync(dir)
  .filter((f) => /\.(txt|md)$/.test(f) && !/\.(fixed|inserted)\.(txt|md)$/.test(f))
  .sort();

test('there are fixtures for every structure rule, positive and negative', () => {
  const expectedRules = new Set(cases.flatMap((f) => (JSON.parse(readFileSync(join(dir, f.replace(/\.(txt|md)$/, '.expected.json')), 'utf8')) as Expected[]).map((e) => e.rule)));
  assert.deepEqual([...expectedRules].sort(), [...RULES].sort());
  assert.ok(cases.some((f) => readFileSync(join(dir, f.replace(/\.(txt|md)$/, '.expected.json')), 'utf8').trim() === '[]'));
});

for (const file of cases) {
  const base = file.slice(0, -extname(file).length);
  const text = readFileSync(join(dir, file), 'utf8');
  const expected = JSON.parse(readFileSync(join(dir, `${base}.expected.json`), 'utf8')) as Expected[];

  test(`${file}: findings`, () => {
    const sorted = [...expected].sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
    assert.deepEqual(summary(text, findings(text)), sorted);
  });

  const fixedPath = join(dir, `${base}.fixed${extname(file)}`);
  const fixable = findings(text).some((f) => f.fixes.some((fix) => fix.preferred));
  test(`${file}: fix-all`, () => {
    assert.equal(existsSync(fixedPath), fixable, fixable ? 'fixable findings but no .fixed file' : 'a .fixed file but nothing fixable');
    if (!fixable) return;
    const fixed = fixAll(text, file);
    assert.equal(fixed, readFileSync(fixedPath, 'utf8'));
    const left = findings(fixed).filter((f) => f.fixes.some((fix) => fix.preferred));
    assert.deepEqual(summary(fixed, left), [], 'a fixable finding survived fix-all');
  });
}

// <case>.inserted.txt|.md: the text after the clerk picks the quick fix of every missing-section
// finding. Inserting a section is never done by fix-all (it is not the clerk's text, and its tables
// hold no numbers), so these are applied here one by one, as the editor offers them.
for (const file of cases) {
  const base = file.slice(0, -extname(file).length);
  const insertedPath = join(dir, `${base}.inserted${extname(file)}`);
  if (!existsSync(insertedPath)) continue;
  test(`${file}: the missing sections' quick fixes insert them, with blank tables`, () => {
    const text = readFileSync(join(dir, file), 'utf8');
    const offered = findings(text).filter((f) => f.rule === 'missing-section' && f.fixes.length > 0);
    assert.ok(offered.length > 0 && offered.every((f) => !f.fixes.some((fix) => fix.preferred && /\n.*\n/s.test(fix.edits[0].newText))), 'an insertion is applied by fix-all');
    const edits = fixAllEdits(offered.map((f) => ({ ...f, fixes: [{ ...f.fixes[0], preferred: true }] })));
    for (const edit of edits) assertLocal(text, edit, file);
    assert.equal(applyEdits(text, edits), readFileSync(insertedPath, 'utf8'));
  });
}

test('no structure rule throws on any prefix of any fixture', () => {
  for (const file of cases) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    for (let n = 0; n <= lines.length; n += 3) checkText(lines.slice(0, n).join('\n'), onlyOurs);
  }
  for (const odd of ['', '\n', '一、', '## 一、', '（一）', '1.', '四、收到和处理政府信息公开申请情况\n四、收到和处理政府信息公开申请情况', '十、总体情况\n\r\n']) {
    checkText(odd, onlyOurs);
  }
});

// The six parts numbered as reports number them besides "一、": each style reads as the six sections
// (no part is missing), and the findings are those of the standard style.
test('the six parts numbered 第一部分, 1., （一）, in bold or as Markdown headings are the six sections', () => {
  const text = readFileSync(join(dir, 'clean-plain.txt'), 'utf8');
  const numerals = '一二三四五六';
  const titles = ['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'];
  const headings = [...text.matchAll(/^([一二三四五六])、(.+)$/gm)].filter((m) => titles.includes(m[2]));
  assert.equal(headings.length, 6);
  const styles: Record<string, (n: number, title: string) => string> = {
    bold: (n, title) => `**${numerals[n]}、${title}**`,
    part: (n, title) => `第${numerals[n]}部分 ${title}`,
    arabic: (n, title) => `${n + 1}. ${title}`,
    bracket: (n, title) => `（${numerals[n]}）${title}`,
    markdown: (n, title) => `## ${numerals[n]}、${title}`,
  };
  const standard = findings(text).map((f) => f.rule);
  for (const [style, write] of Object.entries(styles)) {
    let rewritten = text;
    headings.forEach((m, n) => (rewritten = rewritten.replace(m[0], write(n, m[2]))));
    assert.deepEqual(checkText(rewritten).report.sections.map((s) => s.titleId), ['overview', 'active', 'requests', 'review', 'problems', 'other'], style);
    assert.deepEqual(findings(rewritten).map((f) => f.rule), standard, style);
  }
});
