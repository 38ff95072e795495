// What the document tests compare: the engine's grid (every table's rows and cells) and its
// findings, so that a file read from .docx/.html/.pdf is held to exactly what its text version gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { generateReport } from '../../bench/reports';
import { checkText, parseReport } from '../../server/src/engine';
import { readDocument, type DocumentRead } from '../../server/src/documents';
import { readZip } from '../../server/src/documents/zip';

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

/** A generated report of an invented body whose one planted error is a wrong row total of two digits or more. */
export function reportWithWrongTotal(): string {
  for (let seed = 1; seed < 200; seed++) {
    const report = generateReport(seed, { layout: 'tabs', errors: 1, proseBytes: 800 });
    if (report.planted.join() !== 'row-total') continue;
    const wrong = checkText(report.text).findings.find((f) => f.rule === 'row-total');
    if (wrong && report.text.slice(wrong.span.start, wrong.span.end).length >= 2) return report.text;
  }
  throw new Error('no generated report with a two-digit wrong row total');
}

// What a write into a .docx may change, seen from outside: the zip's entries as stored, and the
// main part's XML with its w:t texts apart from everything else.

/** Every zip entry's stored bytes (local header, data) by name, in hex. */
export function records(bytes: Uint8Array): Map<string, string> {
  const zip = readZip(bytes);
  const view = Buffer.from(bytes);
  const out = new Map<string, string>();
  for (const entry of zip.entries) {
    const start = entry.localOffset + 30 + view.readUInt16LE(entry.localOffset + 26) + view.readUInt16LE(entry.localOffset + 28);
    out.set(entry.name, view.subarray(entry.localOffset, start + entry.compressedSize).toString('hex'));
  }
  return out;
}

export function mainPartXml(bytes: Uint8Array): string {
  const zip = readZip(bytes);
  const entry = zip.entries.find((e) => e.name === 'word/document.xml')!;
  const view = Buffer.from(bytes);
  const start = entry.localOffset + 30 + view.readUInt16LE(entry.localOffset + 26) + view.readUInt16LE(entry.localOffset + 28);
  return inflateRawSync(new Uint8Array(bytes.buffer, bytes.byteOffset + start, entry.compressedSize)).toString('utf8');
}

const TEXT = /(<w:t(?:\s[^>]*)?>)([^<]*)(<\/w:t>)/g;
/** The XML with every w:t text emptied, and the texts in order. */
export const skeleton = (xml: string) => xml.replace(TEXT, '$1$3');
export const texts = (xml: string) => [...xml.matchAll(TEXT)].map((m) => m[2]);
