// Layout invariance on reports nobody has seen: generated reports (invented bodies, years and
// figures, consistent or with planted errors) re-rendered into every layout read to the same cells
// and give the same findings (blank-cell aside), and a consistent one gives no error in any layout.
// Three layouts lose information, and there only what the reader may not know is let go: a web page
// that shows zeros blank leaves a blank total to its own relation (so an arithmetic finding may name
// fewer relations, or another rule of the same cell), a converter's scrambled table has rows placed
// by their order (a label with a typo among detached labels may be placed, not reported), and cells
// set apart by spaces lose their blank cells (such rows are unread). In those no error may appear
// that the report itself does not have.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { generateReport } from '../../bench/reports';
import { checkText, fixAll, parseReport, type Report } from '../../server/src/engine';
import { LAYOUTS, LOSSY_LAYOUTS, type Layout } from './render';
import { errorKeys } from './errors';
import { rerender } from './rerender';

const LOSSY: Layout[] = ['tabs-web', 'scrambled-markdown', ...LOSSY_LAYOUTS];
const ALL_LAYOUTS: Layout[] = [...LAYOUTS, ...LOSSY_LAYOUTS];
const RUNS = Number(process.env.FUZZ_RUNS) || 0;
const REPORTS = RUNS ? Math.ceil(RUNS / 100) : 24;

const cells = (report: Report) => report.tables.flatMap((t) => t.rows.map((r) => `${t.kind}/${r.def.id}: ${r.cells.map((c) => (c.kind === 'invalid' ? 'invalid' : String(c.value ?? 0))).join(' ')}`));
const findings = (text: string) =>
  checkText(text)
    .findings.filter((f) => f.rule !== 'blank-cell')
    .map((f) => `${f.rule} ${f.severity} ${f.message['zh-cn']}`)
    .sort();
test(`${REPORTS} generated reports × ${ALL_LAYOUTS.length} layouts: the same cells and findings; no error where the report is right`, () => {
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
    for (const layout of ALL_LAYOUTS) {
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
  console.log(`generated layout invariance: ${REPORTS} reports × ${ALL_LAYOUTS.length} layouts = ${renderings} renderings, all equal (${LOSSY.join(', ')}: no error added, ${lost} not found)`);
});
