// Layout invariance on reports nobody has seen: generated reports (invented bodies, years and
// figures, consistent or with planted errors) re-rendered into every layout read to the same cells
// and give the same findings (blank-cell aside), and a consistent one gives no error in any layout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateReport } from '../../bench/reports';
import { checkText, parseReport, type Report } from '../../server/src/engine';
import { LAYOUTS } from './render';
import { rerender } from './rerender';

const RUNS = Number(process.env.FUZZ_RUNS) || 0;
const REPORTS = RUNS ? Math.ceil(RUNS / 100) : 24;

const cells = (report: Report) => report.tables.flatMap((t) => t.rows.map((r) => `${t.kind}/${r.def.id}: ${r.cells.map((c) => (c.kind === 'invalid' ? 'invalid' : String(c.value ?? 0))).join(' ')}`));
const findings = (text: string) =>
  checkText(text)
    .findings.filter((f) => f.rule !== 'blank-cell')
    .map((f) => `${f.rule} ${f.severity} ${f.message['zh-cn']}`)
    .sort();

test(`${REPORTS} generated reports × ${LAYOUTS.length} layouts: the same cells and findings; no error where the report is right`, () => {
  let renderings = 0;
  for (let seed = 1; seed <= REPORTS; seed++) {
    const errors = seed % 3 === 0 ? 0 : seed % 3;
    const text = generateReport(seed * 7919, { layout: 'tabs', errors, proseBytes: 1200 }).text;
    const report = parseReport(text);
    const expectedCells = cells(report);
    const expectedFindings = findings(text);
    if (errors === 0) assert.deepEqual(expectedFindings.filter((f) => f.split(' ')[1] === 'error'), [], `seed ${seed}: a consistent report has errors`);
    for (const layout of LAYOUTS) {
      const rendered = rerender(text, report, layout);
      assert.deepEqual(cells(parseReport(rendered)), expectedCells, `seed ${seed} as ${layout}: cells`);
      assert.deepEqual(findings(rendered), expectedFindings, `seed ${seed} as ${layout}: findings`);
      renderings++;
    }
  }
  console.log(`generated layout invariance: ${REPORTS} reports × ${LAYOUTS.length} layouts = ${renderings} renderings, all equal`);
});
