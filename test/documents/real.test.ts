// The two real files of the corpus: the PDF a city government published (every cell against the
// hand-written truth of its text version) and the 2021 tables as a WPS template (every table and
// row of the format present, every value blank).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseReport, type Cell } from '../../server/src/engine';
import { TABLES, requestDataRows, type RowDef, type TableKind } from '../../server/src/engine/format';
import { matchKey } from '../../server/src/engine/text';
import { grid, read, root } from './helpers';

const files = join(root, '..', 'shared', 'corpus', 'files');

interface Truth {
  tables: Record<string, Record<string, (number | null)[]>>;
}

const sameCell = (expected: number | null, cell: Cell | undefined) =>
  cell !== undefined && (expected === null ? cell.kind === 'blank' : cell.kind === 'number' && cell.value === expected);

test('001_huaian_szf_2024.pdf reads to every cell of the hand-written truth', async () => {
  const document = await read(join(files, '001_huaian_szf_2024.pdf'));
  const truth: Truth = JSON.parse(readFileSync(join(root, 'test', 'corpus', 'truth', '001_huaian_szf_2024.json'), 'utf8'));
  const report = parseReport(document.text);
  const wrong: string[] = [];
  let cells = 0;
  let right = 0;
  for (const [kind, rows] of Object.entries(truth.tables)) {
    for (const [rowId, values] of Object.entries(rows)) {
      const row = report.tables.filter((t) => t.kind === kind).flatMap((t) => t.rows).find((r) => r.def.id === rowId);
      values.forEach((expected, i) => {
        cells++;
        if (sameCell(expected, row?.cells[i])) right++;
        else wrong.push(`${kind} ${rowId}[${i}]: truth ${expected}, read ${row?.cells[i]?.raw ?? 'nothing'}`);
      });
    }
  }
  console.log(`001_huaian_szf_2024.pdf: cells read right: ${right} of ${cells}`);
  assert.deepEqual(wrong, []);
  assert.deepEqual(document.warnings, []);
  // And the same grid as the text that was extracted from it by hand.
  assert.deepEqual(grid(document.text), grid(readFileSync(join(root, '..', 'shared', 'corpus', '001_huaian_szf_2024.txt'), 'utf8')));
});

/** The 2021 format's tables and the rows that carry values. */
const TABLES_2021: TableKind[] = ['active-1', 'active-5', 'active-6', 'active-8', 'requests', 'review'];
const rowsOf2021 = (kind: TableKind): RowDef[] =>
  kind === 'requests' ? requestDataRows('2021') : TABLES.find((t) => t.kind === kind)!.rows.filter((r) => r.versions.includes('2021') && !r.group);

test('template_2021_wps.docx reads as the 2021 format: every table and row present, every value blank', async () => {
  const document = await read(join(files, 'template_2021_wps.docx'));
  assert.equal(document.kind, 'docx');
  const lines = document.text.split('\n').map((line) => line.split('\t'));
  const missing: string[] = [];
  let rows = 0;
  for (const kind of TABLES_2021) {
    const table = TABLES.find((t) => t.kind === kind)!;
    const width = table.columns['2021'].length;
    for (const row of rowsOf2021(kind)) {
      rows++;
      if (kind === 'review') {
        // The review table's one row of values has no label: fifteen blank cells under the headers.
        if (!lines.some((fields) => fields.length === width && fields.every((f) => f === ''))) missing.push(`${kind}: a row of ${width} blank cells`);
        continue;
      }
      const label = matchKey(row.labels?.['2021'] ?? row.label);
      const found = lines.some((fields) => {
        const at = fields.findIndex((f) => matchKey(f) === label);
        return at >= 0 && fields.length - at - 1 === width && fields.slice(at + 1).every((f) => f === '');
      });
      if (!found) missing.push(`${kind}: ${row.label} with ${width} blank cells`);
    }
  }
  console.log(`template_2021_wps.docx: ${rows - missing.length} of ${rows} rows of the 2021 tables present with every value blank`);
  assert.deepEqual(missing, []);
});

test('template_2021_wps.docx: the engine reads every row of the blank template, every cell blank', async () => {
  const document = await read(join(files, 'template_2021_wps.docx'));
  const report = parseReport(document.text);
  const read2021 = report.tables.flatMap((t) => t.rows.map((r) => `${t.kind}/${r.def.id}`));
  const expected = TABLES_2021.flatMap((kind) => rowsOf2021(kind).map((r) => `${kind}/${r.id}`));
  assert.deepEqual(expected.filter((id) => !read2021.includes(id)), []);
  assert.deepEqual(report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c) => c.kind !== 'blank').map((c) => `${t.kind}/${r.def.id} ${c.raw}`))), []);
});
