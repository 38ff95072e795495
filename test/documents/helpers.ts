// What the document tests compare: the engine's grid (every table's rows and cells) and its
// findings, so that a file read from .docx/.html/.pdf is held to exactly what its text version gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateReport } from '../../bench/reports';
import { checkText, parseReport } from '../../server/src/engine';
import { readDocument, type DocumentRead } from '../../server/src/documents';

/** The repository root (tests run bundled from out/test/documents/). */
export const root = join(__dirname, '..', '..', '..');

export interface GridRow {
  table: string;
  row: string;
  cells: string[];
}

/** Every table row the engine reads, with each cell as its value or its kind. */
export function grid(text: string): GridRow[] {
  return parseReport(text).tables.flatMap((table) =>
    table.rows.map((row) => ({ table: table.kind, row: row.def.id, cells: row.cells.map((c) => (c.kind === 'number' ? String(c.value) : c.kind)) })),
  );
}

/**
 * The findings as rule, severity and message: what a user reads, without where (that differs by
 * format) and without the whitespace of the text they quote (a cell's paragraphs joined by a space).
 */
export function findings(text: string): string[] {
  return checkText(text)
    .findings.map((f) => `${f.rule} ${f.severity} ${f.message['zh-cn'].replace(/\s+/g, '')}`)
    .sort();
}

export async function read(path: string): Promise<DocumentRead> {
  return readDocument(new Uint8Array(readFileSync(path)), path);
}

/** A generated report of an invented body whose one planted error is a wrong row total. */
export function reportWithWrongTotal(): string {
  for (let seed = 1; seed < 200; seed++) {
    const report = generateReport(seed, { layout: 'tabs', errors: 1, proseBytes: 800 });
    if (report.planted.join() !== 'row-total') continue;
    const wrong = checkText(report.text).findings.find((f) => f.rule === 'row-total');
    if (wrong && report.text.slice(wrong.span.start, wrong.span.end).length >= 2) return report.text;
  }
  throw new Error('no generated report with a two-digit wrong row total');
}
