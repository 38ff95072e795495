// Every finding of every rule on the corpus reports that have an expectation file in
// test/corpus/expected/ (written by reading each report and the corpus README, never from the
// checker): exactly those findings, by line, rule and severity. Reports of one body in consecutive
// years are checked with last year's report, as the CLI pairs them, so carry-over is checked too.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText, parseReport, type Report } from '../../server/src/engine';

const root = join(__dirname, '..', '..', '..');
const expectedDir = join(root, 'test', 'corpus', 'expected');
const corpusDir = join(root, '..', 'shared', 'corpus');

interface Expected {
  line: number;
  rule: string;
  severity: string;
  why: string;
}

const reports = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => ({ name, text: readFileSync(join(corpusDir, name), 'utf8') }))
  .map((r) => ({ ...r, report: parseReport(r.text) }));

/** Last year's report of the same body, when the corpus has it. */
function previousYearOf(report: Report): Report | undefined {
  if (!report.body || report.year === undefined) return undefined;
  return reports.find((r) => r.report.body === report.body && r.report.year === report.year! - 1)?.report;
}

const files = existsSync(expectedDir) ? readdirSync(expectedDir).filter((f) => f.endsWith('.json')).sort() : [];

for (const file of files) {
  const name = file.replace(/\.json$/, '.txt');
  test(`corpus/${name}: exactly the findings a careful reader makes`, () => {
    const entry = reports.find((r) => r.name === name);
    assert.ok(entry, `${name} is not in ../shared/corpus`);
    const expected: Expected[] = JSON.parse(readFileSync(join(expectedDir, file), 'utf8'));
    const previousYear = previousYearOf(entry.report);
    const lineOf = (offset: number) => entry.report.lines.positionAt(offset).line + 1;
    const found = checkText(entry.text, previousYear ? { previousYear } : {}).findings.map((f) => `${lineOf(f.span.start)} ${f.rule} ${f.severity}`);
    const wanted = expected.map((e) => `${e.line} ${e.rule} ${e.severity}`);
    const byLine = (a: string, b: string) => parseInt(a) - parseInt(b) || a.localeCompare(b);
    assert.deepEqual(found.sort(byLine), wanted.sort(byLine));
  });
}

test('the five years of one body (101–105) are paired and carry over cleanly', () => {
  const body = reports.filter((r) => r.name.startsWith('10') && /^10[1-5]_/.test(r.name));
  assert.equal(body.length, 5);
  const paired = body.filter((r) => previousYearOf(r.report));
  assert.equal(paired.length, 4, 'four of the five years have last year beside them');
  for (const r of paired) {
    const findings = checkText(r.text, { previousYear: previousYearOf(r.report) }).findings;
    assert.deepEqual(findings.filter((f) => f.rule === 'carry-over').map((f) => f.message.en), [], r.name);
  }
});
