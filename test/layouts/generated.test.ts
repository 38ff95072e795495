// Layout invariance on reports nobody has seen: generated reports (invented bodies, years and
// figures, consistent or with planted errors) re-rendered into every layout read to the same cells
// and give the same findings (blank-cell aside), and a consistent one gives no error in any layout.
// Two layouts lose information, and there only what the reader may not know is let go: a web page
// that shows zeros blank leaves a blank total to its own relation (so an arithmetic finding may name
// fewer relations, or another rule of the same cell), and a converter's scrambled table has rows
// placed by their order (a label with a typo among detached labels may be placed, not reported).
// In those two no error may appear that the report itself does not have.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { generateReport } from '../../bench/reports';
import { checkText, fixAll, parseReport, type Report } from '../../server/src/engine';
import { LAYOUTS, type Layout } from './render';
import { rerender } from './rerender';

const LOSSY: Layout[] = ['tabs-web', 'scrambled-markdown'];
const RUNS = Number(process.env.FUZZ_RUNS) || 0;
const REPORTS = RUNS ? Math.ceil(RUNS / 100) : 24;

const cells = (report: Report) => report.tables.flatMap((t) => t.rows.map((r) => `${t.kind}/${r.def.id}: ${r.cells.map((c) => (c.kind === 'invalid' ? 'invalid' : String(c.value ?? 0))).join(' ')}`));
const findings = (text: string) =>
  checkText(text)
    .findings.filter((f) => f.rule !== 'blank-cell')
    .map((f) => `${f.rule} ${f.severity} ${f.message['zh-cn']}`)
    .sort();
const ARITHMETIC = new Set(['row-total', 'column-total', 'balance', 'review-total']);
/**
 * What an error is about: an arithmetic one its cell (row, column, written value), whatever relations
 * it names, or, when no cell could be blamed, the relation; any other its message. The report's
 * errors also stand for every relation they name.
 */
function errorKeys(text: string): { own: string[]; covered: Set<string> } {
  const own: string[] = [];
  const covered = new Set<string>();
  for (const f of checkText(text).findings) {
    if (f.severity !== 'error') continue;
    const message = f.message['zh-cn'];
    if (!ARITHMETIC.has(f.rule)) {
      own.push(`${f.rule} ${message}`);
      covered.add(own[own.length - 1]);
      continue;
    }
    const relations = [...message.matchAll(/“([^”]+)”(?=、|不成立)/g)].map((m) => `relation ${m[1]}`);
    const cell = /“([^”]+)”行“([^”]+)”列填报 ?([^，,]+)，(应为)?/.exec(message);
    const cellKey = cell && `arithmetic ${cell[1]}/${cell[2]}: ${cell[3]}`;
    own.push(cell?.[4] ? cellKey! : relations[0]);
    // A relation the report breaks covers a correction of the cell it names, found once rows are placed.
    for (const key of [cellKey, ...relations]) if (key) covered.add(key);
  }
  return { own, covered };
}

test(`${REPORTS} generated reports × ${LAYOUTS.length} layouts: the same cells and findings; no error where the report is right`, () => {
  let renderings = 0;
  let lost = 0;
  // Every rendering is tried, and all that differ are listed, with the first one's difference in full.
  const failures: string[] = [];
  let first: (() => void) | undefined;
  const expect = (actual: string[], expected: string[], what: string) => {
    if (isDeepStrictEqual(actual, expected)) return true;
    failures.push(what);
    first ??= () => assert.deepEqual(actual, expected, what);
    return false;
  };
  for (let seed = 1; seed <= REPORTS; seed++) {
    const errors = seed % 3 === 0 ? 0 : seed % 3;
    const text = generateReport(seed * 7919, { layout: 'tabs', errors, proseBytes: 1200 }).text;
    const report = parseReport(text);
    const expectedCells = cells(report);
    const expectedFindings = findings(text);
    const fixedCells = cells(parseReport(fixAll(text).text));
    if (errors === 0) expect(expectedFindings.filter((f) => f.split(' ')[1] === 'error'), [], `seed ${seed}: a consistent report has errors`);
    const reportErrors = errorKeys(text);
    for (const layout of LAYOUTS) {
      const rendered = rerender(text, report, layout);
      renderings++;
      if (LOSSY.includes(layout)) {
        const renderedErrors = errorKeys(rendered);
        expect(renderedErrors.own.filter((e) => !reportErrors.covered.has(e)), [], `seed ${seed} as ${layout}: errors the report does not have`);
        lost += reportErrors.own.filter((e) => !renderedErrors.covered.has(e)).length;
        continue;
      }
      if (!expect(cells(parseReport(rendered)), expectedCells, `seed ${seed} as ${layout}: cells`)) continue;
      if (!expect(findings(rendered), expectedFindings, `seed ${seed} as ${layout}: findings`)) continue;
      // Fixing the rendering fixes what fixing the report does: no fix reaches a cell it does not name.
      expect(cells(parseReport(fixAll(rendered).text)), fixedCells, `seed ${seed} as ${layout}: cells after fix-all`);
    }
  }
  if (first) {
    console.log(`${failures.length} of ${renderings} renderings differ:\n${failures.join('\n')}`);
    first();
  }
  console.log(`generated layout invariance: ${REPORTS} reports × ${LAYOUTS.length} layouts = ${renderings} renderings, all equal (${LOSSY.join(', ')}: no error added, ${lost} not found)`);
});
