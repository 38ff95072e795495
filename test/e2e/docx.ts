// The .docx both e2e runs open: a generated report of an invented body whose one error is a wrong
// row total (numbers split across runs, as Word writes them), made by the documents tests' own .docx
// writer; and a file's text and the cell as the file on disk reads. Bundled into the suite, and for run-ui.mjs into
// out/e2e/docx.js (esbuild.mjs --e2e).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../../server/src/engine';
import { readDocument } from '../../server/src/documents';
import { blocksOf, writeDocx } from '../documents/generate';
import { reportWithWrongTotal } from '../documents/helpers';

export interface WrongTotalDocx {
  path: string;
  name: string;
  bytes: Uint8Array;
  /** Where the wrong total is in the file's text (0-based line, UTF-16 character). */
  line: number;
  character: number;
  written: string;
  /** What the preferred fix writes there. */
  fixed: string;
}

export async function writeWrongTotalDocx(dir: string, name = '年报-合计有误.docx'): Promise<WrongTotalDocx> {
  const bytes = writeDocx(blocksOf(reportWithWrongTotal()), { splitNumbers: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const { text } = await readDocument(bytes, name);
  const finding = checkText(text).findings.find((f) => f.rule === 'row-total');
  const fix = finding?.fixes.find((f) => f.preferred);
  if (!finding || !fix) throw new Error('the generated report has no fixable wrong total');
  const before = text.slice(0, finding.span.start).split('\n');
  return {
    path,
    name,
    bytes,
    line: before.length - 1,
    character: before[before.length - 1].length,
    written: text.slice(finding.span.start, finding.span.end),
    fixed: fix.edits[0].newText,
  };
}

/** A report file's text as its reader gives it (the view's text). */
export async function textOf(path: string): Promise<string> {
  return (await readDocument(new Uint8Array(readFileSync(path)), path)).text;
}

/** The cell of the file's text that starts at (line, character), as the file on disk reads now. */
export async function cellOnDisk(path: string, line: number, character: number): Promise<string> {
  return ((await textOf(path)).split('\n')[line] ?? '').slice(character).split('\t')[0];
}
