// Every text fixture with TAB-separated tables (and generated reports of invented bodies) written
// as .docx (with Word's quirks and without), as HTML (plain, and GBK inside a site's chrome with a
// layout table, scripts and struck-out values), and through LibreOffice as PDF and .doc: each read
// back gives the engine the same grid and the same findings as the text it was made from (.doc: no
// row read with other cells, no error the text does not have, since .doc cannot tell blank cells).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { generateReport } from '../../bench/reports';
import { errorKeys } from '../layouts/errors';
import { fixtureTexts, generate, type Fixture } from './generate';
import { findings, grid, read, root } from './helpers';

const outDir = join(root, 'out', 'documents-fixtures');

/** Our own reports (invented bodies and figures), tab layout, some with planted errors. */
const generated: Fixture[] = [1, 2, 3, 4].map((seed) => ({ name: `generated-${seed}`, text: generateReport(seed, { layout: 'tabs', errors: seed % 3, proseBytes: 1500 }).text }));
const fixtures = [...fixtureTexts(root), ...generated];

/** `exact`: the same grid and findings; `inferred` (.doc, which cannot tell a blank cell from a row end): no row read with other cells, no error the text does not have. */
const FORMATS: { suffix: string; label: string; reading: 'exact' | 'inferred' }[] = [
  { suffix: '.docx', label: '.docx with Word quirks', reading: 'exact' },
  { suffix: '.plain.docx', label: '.docx', reading: 'exact' },
  { suffix: '.html', label: '.html', reading: 'exact' },
  { suffix: '.site.html', label: '.html in site chrome (GBK)', reading: 'exact' },
  { suffix: join('pdf', '.plain.pdf'), label: '.pdf made by LibreOffice', reading: 'exact' },
  { suffix: join('doc', '.plain.doc'), label: '.doc made by LibreOffice', reading: 'inferred' },
];

const pathOf = (name: string, suffix: string) => (suffix.includes('/') ? join(outDir, suffix.replace('/', `/${name}`)) : join(outDir, `${name}${suffix}`));

before(() => {
  const started = Date.now();
  generate(root, fixtures, outDir);
  console.log(`fixtures in ${fixtures.length} texts × ${FORMATS.length} formats generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

for (const format of FORMATS) {
  describe(`${format.label}: the same grid and findings as the text`, () => {
    for (const fixture of fixtures) {
      test(fixture.name, async () => {
        const text = readFileSync(join(outDir, `${fixture.name}.txt`), 'utf8');
        const document = await read(pathOf(fixture.name, format.suffix));
        if (format.reading === 'exact') {
          assert.deepEqual(grid(document.text), grid(text));
          assert.deepEqual(findings(document.text), findings(text));
          return;
        }
        // Every row read has the cells the text has; rows it could not read are left out and said.
        const truth = new Map(grid(text).map((row) => [`${row.table}/${row.row}`, row.cells.join(' ')]));
        for (const row of grid(document.text)) {
          if (row.cells.length === 0) continue;
          assert.equal(row.cells.join(' '), truth.get(`${row.table}/${row.row}`), `${row.table}/${row.row}`);
        }
        // An arithmetic error is the same error whichever relation names it (a row left unread takes
        // the column's relation away, the balance still shows the cell): compare the cell and its values.
        const cellOf = (f: string) => (/^(row-total|column-total|balance|review-total) /.test(f) ? `arithmetic ${f.slice(f.indexOf('“'), f.indexOf('：'))}` : f);
        const errors = (list: string[]) => list.filter((f) => f.split(' ')[1] === 'error' && !f.startsWith('table-shape') && !f.startsWith('blank-cell')).map(cellOf);
        const extra = errors(findings(document.text)).filter((f) => !errors(findings(text)).includes(f));
        assert.deepEqual(extra, [], 'an error the text does not have');
      });
    }
  });
}

// The same PDFs as a clerk pastes their text, or an office extracts it with pdftotext: narrow
// columns wrap labels over many lines, tables come out row by row (-layout, -raw) or column by
// column (default). Less may be read; no error may appear that the report does not have, except
// digits the extracted text itself glues to a label.
describe('the PDFs through pdftotext: no error the text does not have', () => {
  for (const fixture of fixtures) {
    for (const mode of ['', '-layout', '-raw']) {
      test(`${fixture.name} ${mode || 'default'}`, () => {
        const text = readFileSync(join(outDir, `${fixture.name}.txt`), 'utf8');
        const extracted = execFileSync('pdftotext', [...(mode ? [mode] : []), pathOf(fixture.name, join('pdf', '.plain.pdf')), '-'], { encoding: 'utf8' });
        const report = errorKeys(text);
        const added = errorKeys(extracted).own.filter((e) => !report.covered.has(e) && !e.includes('紧贴'));
        assert.deepEqual(added, []);
      });
    }
  }
});
