// Every cell the parser reads from the seeds and the corpus, against test/corpus/truth: cell values
// written down by reading each file, independently of the parser. Counts are printed per file and
// in total, so a change of parser shows exactly how many cells it gains or loses.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport, type Cell } from '../../server/src/engine';

// This file runs bundled from out/test/engine/.
const root = join(__dirname, '..', '..', '..');
const truthDir = join(root, 'test', 'corpus', 'truth');
const sources = [join(root, '..', 'shared', 'seeds'), join(root, '..', 'shared', 'corpus')];

interface Truth {
  /** Table kind → row id → every cell the text holds, null for a blank, "/" or "-". */
  tables: Record<string, Record<string, (number | null)[]>>;
  /** Tables the text stops inside. */
  cutOff: string[];
}

/** Files whose parse is known to be wrong; their mismatches are reported without failing the suite. */
const KNOWN_BUGS: Record<string, string> = {};

const sourceOf = (name: string) => sources.map((dir) => join(dir, `${name}.txt`)).find((path) => existsSync(path))!;

function sameCell(expected: number | null, cell: Cell | undefined): boolean {
  if (!cell) return false;
  return expected === null ? cell.kind === 'blank' : cell.kind === 'number' && cell.value === expected;
}

const show = (cell: Cell | undefined) => (cell === undefined ? 'nothing' : cell.kind === 'number' ? String(cell.value) : `${cell.kind} “${cell.raw}”`);

let totalRight = 0;
let totalCells = 0;

for (const file of readdirSync(truthDir).filter((f) => f.endsWith('.json')).sort()) {
  const name = file.replace(/\.json$/, '');
  const todo = KNOWN_BUGS[name];
  test(`${name}: every table cell is read as the text holds it`, todo ? { todo } : {}, () => {
    const truth: Truth = JSON.parse(readFileSync(join(truthDir, file), 'utf8'));
    const report = parseReport(readFileSync(sourceOf(name), 'utf8'));
    const wrong: string[] = [];
    let right = 0;
    let cells = 0;
    for (const [kind, rows] of Object.entries(truth.tables)) {
      const tables = report.tables.filter((t) => t.kind === kind);
      for (const [rowId, values] of Object.entries(rows)) {
        const row = tables.flatMap((t) => t.rows).find((r) => r.def.id === rowId);
        values.forEach((expected, index) => {
          cells++;
          const cell = row?.cells[index];
          if (sameCell(expected, cell)) right++;
          else wrong.push(`${kind} ${rowId}[${index}]: text ${expected === null ? 'blank' : expected}, read ${show(cell)}`);
        });
      }
      // Cells read where the text has none (a row the truth does not list, or one cell too many).
      for (const row of tables.flatMap((t) => t.rows)) {
        const expected = rows[row.def.id] ?? [];
        if (row.cells.length > expected.length) wrong.push(`${kind} ${row.def.id}: ${row.cells.length - expected.length} cell(s) read beyond the text's ${expected.length}`);
      }
    }
    for (const table of report.tables) {
      if (!(table.kind in truth.tables) && table.rows.some((r) => r.cells.length > 0)) wrong.push(`${table.kind}: a table the text does not have`);
    }
    const cutOff = report.tables.filter((t) => t.cutOff).map((t) => t.kind).sort();
    if (cutOff.join() !== [...truth.cutOff].sort().join()) wrong.push(`cut off: text ${truth.cutOff.join(', ') || 'none'}, read ${cutOff.join(', ') || 'none'}`);

    totalRight += right;
    totalCells += cells;
    console.log(`${name}: cells read right: ${right} of ${cells}`);
    assert.deepEqual(wrong, []);
  });
}

after(() => console.log(`all files: cells read right: ${totalRight} of ${totalCells}`));
