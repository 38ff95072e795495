// Every text fixture with TAB-separated tables (and generated reports of invented bodies) written
// as .docx (with Word's quirks and without), as HTML (plain, and GBK inside a site's chrome with a
// layout table, scripts and struck-out values), and through LibreOffice as PDF and .doc: each read
// back gives the engine the same grid and the same findings as the text it was made from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { generateReport } from '../../bench/reports';
import { fixtureTexts, generate, type Fixture } from './generate';
import { findings, grid, read, root } from './helpers';

const outDir = join(root, 'out', 'documents-fixtures');

/** Our own reports (invented bodies and figures), tab layout, some with planted errors. */
const generated: Fixture[] = [1, 2, 3, 4].map((seed) => ({ name: `generated-${seed}`, text: generateReport(seed, { layout: 'tabs', errors: seed % 3, proseBytes: 1500 }).text }));
const fixtures = [...fixtureTexts(root), ...generated];

const FORMATS: { suffix: string; label: string; exactFindings: boolean }[] = [
  { suffix: '.docx', label: '.docx with Word quirks', exactFindings: true },
  { suffix: '.plain.docx', label: '.docx', exactFindings: true },
  { suffix: '.html', label: '.html', exactFindings: true },
  { suffix: '.site.html', label: '.html in site chrome (GBK)', exactFindings: true },
  { suffix: join('pdf', '.plain.pdf'), label: '.pdf made by LibreOffice', exactFindings: true },
  { suffix: join('doc', '.plain.doc'), label: '.doc made by LibreOffice', exactFindings: true },
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
        assert.deepEqual(grid(document.text), grid(text));
        if (format.exactFindings) assert.deepEqual(findings(document.text), findings(text));
      });
    }
  });
}
