// Layout invariance: every real report of ../shared (seeds and corpus, excerpts included), its
// tables re-rendered into every layout real reports arrive in, must read to the same cells and give
// the same findings (blank-cell aside: a layout that writes 0 as a blank cell makes blank cells).
// This is the test that catches a reader tuned to the layouts it has seen. A layout that loses what a
// cell is (cells set apart by spaces) may read less, but never an error the report does not have.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText, parseReport, type Finding, type Report } from '../../server/src/engine';
import { sharedTexts } from '../fuzz/properties';
import { errorKeys } from './errors';
import { LAYOUTS, LOSSY_LAYOUTS } from './render';
import { rerender } from './rerender';

/** A cell as the arithmetic sees it: blank and 0 are the same number. */
const cellValue = (kind: string, value: number | null) => (kind === 'invalid' ? 'invalid' : String(value ?? 0));

function cellsOf(report: Report): string[] {
  return report.tables.flatMap((t) => t.rows.map((r) => `${t.kind}/${r.def.id}: ${r.cells.map((c) => cellValue(c.kind, c.value)).join(' ')}`));
}

/** A finding as the user reads it, wherever it sits: rule, severity and message. */
const describe = (f: Finding) => `${f.rule} ${f.severity} ${f.message['zh-cn']}`;

function findingsOf(text: string): string[] {
  return checkText(text)
    .findings.filter((f) => f.rule !== 'blank-cell')
    .map(describe)
    .sort();
}

const reports = [...sharedTexts('seeds').map((r) => ({ ...r, name: `seeds/${r.name}` })), ...sharedTexts('corpus').map((r) => ({ ...r, name: `corpus/${r.name}` }))];
let pairs = 0;
let equalCells = 0;
let equalFindings = 0;

for (const { name, text } of reports) {
  const report = parseReport(text);
  const cells = cellsOf(report);
  const findings = findingsOf(text);
  for (const layout of LAYOUTS) {
    test(`${name} as ${layout}: the same cells and findings`, () => {
      const rendered = rerender(text, report, layout);
      pairs++;
      assert.deepEqual(cellsOf(parseReport(rendered)), cells, `cells differ in ${layout}:\n${rendered}`);
      equalCells++;
      assert.deepEqual(findingsOf(rendered), findings);
      equalFindings++;
    });
  }
}

let lossy = 0;
for (const { name, text } of reports) {
  for (const layout of LOSSY_LAYOUTS) {
    test(`${name} as ${layout}: no error the report does not have`, () => {
      const report = errorKeys(text);
      const rendered = errorKeys(rerender(text, parseReport(text), layout));
      assert.deepEqual(rendered.own.filter((e) => !report.covered.has(e)), []);
      lossy++;
    });
  }
}

test('layout invariance in figures', () => {
  console.log(`layout invariance: ${reports.length} reports × ${LAYOUTS.length} layouts = ${pairs} renderings; cells equal ${equalCells}, findings equal ${equalFindings}; ${lossy} renderings in ${LOSSY_LAYOUTS.join(', ')} without an added error`);
});
