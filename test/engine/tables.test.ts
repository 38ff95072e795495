// Every fixture of test/fixtures/tables through the one helper: its table-rule findings are
// exactly <case>.expected.json, and fix-all turns it into <case>.fixed.txt (or leaves it alone
// when there is none). The expectations were written from what each fixture plants, not from a run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFix, expectFindings, TABLE_RULES, type ExpectedFinding } from '../helpers/check';
import type { RuleId } from '../../server/src/engine';

// This file runs bundled from out/test/engine/.
const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tables');

/** Fixtures that show an engine bug; each test runs and reports, but does not fail the suite until fixed. */
const KNOWN_BUGS: Record<string, string> = {};

/** For every rule, fixtures where it must stay silent although something near it is going on. */
const NEGATIVE_CASES: Record<string, string[]> = {
  'row-total': ['blank-cell', 'balance-consistent-row', 'layout-stray-blank-cells'],
  'column-total': ['layout-2019-format', 'row-total-two-rows', 'layout-broken-labels'],
  balance: ['layout-pdf-text', 'layout-markdown-scrambled', 'column-total-zero-row'],
  'review-total': ['layout-tabs', 'layout-pdf-text'],
  'blank-cell': ['layout-tabs-merged', 'layout-stray-blank-cells', 'layout-cell-per-line-blank-lines'],
  'cell-value': ['layout-2019-format', 'layout-inline-pipes', 'layout-fullwidth-digits'],
  'table-shape': ['layout-pdf-text', 'layout-stray-blank-cells', 'layout-markdown-scrambled'],
  'missing-table': ['layout-tabs', 'table-shape-cut-off'],
  'missing-row': ['layout-2019-format', 'layout-broken-labels', 'table-shape-cut-off'],
  'row-label': ['layout-punctuation', 'layout-traditional', 'layout-broken-labels', 'row-label-ok-traditional'],
  'format-version': ['layout-2019-format', 'layout-tabs'],
};

/** The layouts the parser must read, each with at least one fixture. */
const LAYOUTS = [
  'layout-cell-per-line',
  'layout-cell-per-line-blank-lines',
  'layout-tab-indented-cells',
  'layout-pipe-cells',
  'layout-inline-pipes',
  'layout-tabs',
  'layout-tabs-merged',
  'layout-markdown',
  'layout-markdown-scrambled',
  'layout-pdf-text',
  'layout-pdf-text-wide-row',
  'layout-punctuation',
  'layout-fullwidth-digits',
  'layout-broken-labels',
  'layout-stray-blank-cells',
  'layout-traditional',
  'layout-2019-format',
];

interface Fixture {
  name: string;
  text: string;
  expected: ExpectedFinding[];
  fixed?: string;
}

function loadFixtures(): Fixture[] {
  return readdirSync(dir)
    .filter((file) => /\.(txt|md)$/.test(file) && !/\.fixed\.(txt|md)$/.test(file))
    .sort()
    .map((file) => {
      const name = file.replace(/\.(txt|md)$/, '');
      const fixedFile = join(dir, file.replace(/\.(txt|md)$/, '.fixed.$1'));
      return {
        name,
        text: readFileSync(join(dir, file), 'utf8'),
        expected: JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')),
        fixed: existsSync(fixedFile) ? readFileSync(fixedFile, 'utf8') : undefined,
      };
    });
}

const fixtures = loadFixtures();

for (const fixture of fixtures) {
  const todo = KNOWN_BUGS[fixture.name];
  test(`fixture ${fixture.name}`, todo ? { todo } : {}, () => {
    expectFindings(fixture.text, fixture.expected, { only: TABLE_RULES });
    checkFix(fixture.text, fixture.fixed ?? fixture.text, { only: TABLE_RULES });
  });
}

test('every table rule has a fixture that reports it and fixtures where it stays silent', () => {
  const byName = new Map(fixtures.map((f) => [f.name, f]));
  for (const rule of TABLE_RULES) {
    const positives = fixtures.filter((f) => !KNOWN_BUGS[f.name] && f.expected.some((e) => e.rule === rule));
    assert.ok(positives.length > 0, `${rule}: no fixture reports it`);
    const negatives = NEGATIVE_CASES[rule] ?? [];
    assert.ok(negatives.length > 0, `${rule}: no negative case`);
    for (const name of negatives) {
      const fixture = byName.get(name);
      assert.ok(fixture, `${rule}: negative case ${name} has no fixture`);
      assert.ok(!fixture.expected.some((e) => e.rule === (rule as RuleId)), `${rule}: ${name} expects it`);
    }
  }
});

test('every layout has a fixture, and every fixture has its expectations', () => {
  const names = new Set(fixtures.map((f) => f.name));
  assert.deepEqual(LAYOUTS.filter((layout) => !names.has(layout)), []);
  const orphans = readdirSync(dir).filter((file) => file.endsWith('.expected.json') && !names.has(file.replace('.expected.json', '')));
  assert.deepEqual(orphans, []);
});

test('an ambiguous correction offers every minimal fix and prefers none', () => {
  for (const name of ['review-total-ambiguous', 'balance-consistent-row']) {
    const fixture = fixtures.find((f) => f.name === name)!;
    for (const finding of expectFindings(fixture.text, fixture.expected, { only: TABLE_RULES })) {
      assert.ok(finding.fixes.length >= 2, `${name}: ${finding.fixes.length} fix(es)`);
      assert.ok(finding.fixes.every((fix) => !fix.preferred), `${name}: a fix is preferred`);
    }
  }
});
