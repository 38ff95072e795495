// Reading reports as files: readDocument per format (median, p95), interleaved in one process with
// a baseline that does less: mammoth's raw text for .docx, pdf.js's text extraction alone for .pdf,
// htmlparser2's parse alone for .html, word-extractor alone for .doc. Figures are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import mammoth from 'mammoth';
import { parseDocument } from 'htmlparser2';
import WordExtractor from 'word-extractor';
import { readDocument } from '../server/src/documents';
import { blocksOf, writeDocx, writeHtml } from '../test/documents/generate';
import { typicalReport } from './reports';

const repoRoot = resolve(__dirname, '..', '..');

export interface DocumentFigures {
  input: string;
  kb: number;
  oursMs: number;
  oursP95Ms: number;
  baseline: string;
  baselineMs: number;
  baselineP95Ms: number;
}

async function timed(contenders: Record<string, () => Promise<unknown>>, minRuns: number, budgetMs: number): Promise<Record<string, { medianMs: number; p95Ms: number }>> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) for (let i = 0; i < 3; i++) await contenders[name]();
  const started = performance.now();
  while (names.some((n) => samples[n].length < minRuns) || (performance.now() - started < budgetMs && names.every((n) => samples[n].length < 500))) {
    for (const name of names) {
      const t0 = performance.now();
      await contenders[name]();
      samples[name].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = samples[name].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      return [name, { medianMs: at(0.5), p95Ms: at(0.95) }];
    }),
  );
}

/** pdf.js's own text extraction of every page, with the same options as the reader, and nothing else. */
async function pdfjsText(bytes: Uint8Array): Promise<number> {
  const root = join(repoRoot, 'node_modules', 'pdfjs-dist');
  interface Pdfjs {
    getDocument(options: object): { promise: Promise<{ numPages: number; getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }>; cleanup(): void }>; destroy(): Promise<void> }> };
  }
  const pdfjs = (await import(pathToFileURL(join(root, 'legacy', 'build', 'pdf.mjs')).href)) as Pdfjs;
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), cMapUrl: join(root, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: join(root, 'standard_fonts') + '/', isEvalSupported: false, maxImageSize: 1, verbosity: 0 });
  const document = await task.promise;
  let characters = 0;
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    characters += content.items.length;
    page.cleanup();
  }
  await document.destroy();
  return characters;
}

export async function documentsBench(quick: boolean, progress: (message: string) => void): Promise<DocumentFigures[]> {
  const minRuns = quick ? 3 : 20;
  const budgetMs = quick ? 300 : 4000;
  const typical = blocksOf(typicalReport());
  const docx = writeDocx(typical, { quirks: true, textBox: true });
  const template = new Uint8Array(readFileSync(join(repoRoot, '..', 'shared', 'corpus', 'files', 'template_2021_wps.docx')));
  const html = writeHtml(typical, { chrome: true, layoutTable: true, gbk: true, strikes: true });
  const pdf = new Uint8Array(readFileSync(join(repoRoot, '..', 'shared', 'corpus', 'files', '001_huaian_szf_2024.pdf')));
  const rows: DocumentFigures[] = [];
  const add = async (input: string, bytes: Uint8Array, name: string, baseline: string, run: () => Promise<unknown>) => {
    progress(`reading ${input}`);
    const t = await timed({ ours: () => readDocument(bytes, name), baseline: run }, minRuns, budgetMs);
    rows.push({ input, kb: Math.round(bytes.length / 102.4) / 10, oursMs: t.ours.medianMs, oursP95Ms: t.ours.p95Ms, baseline, baselineMs: t.baseline.medianMs, baselineP95Ms: t.baseline.p95Ms });
  };
  const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await add('typical .docx (Word quirks)', docx, 'typical.docx', 'mammoth raw text', () => mammoth.extractRawText({ buffer: asBuffer(docx) }));
  await add('WPS template .docx', template, 'template.docx', 'mammoth raw text', () => mammoth.extractRawText({ buffer: asBuffer(template) }));
  await add('typical .html (GBK, site chrome)', html, 'typical.html', 'htmlparser2 parse', async () => parseDocument(new TextDecoder('gb18030').decode(html)));
  await add('001 huaian .pdf (real, 6 pages)', pdf, '001.pdf', 'pdf.js text only', () => pdfjsText(pdf));
  // A .doc needs LibreOffice to be made; without it the row is left out.
  if (spawnSync('soffice', ['--version']).status === 0) {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
    writeFileSync(join(dir, 'typical.docx'), writeDocx(typical));
    spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'doc', '--outdir', dir, join(dir, 'typical.docx')]);
    try {
      const doc = new Uint8Array(readFileSync(join(dir, 'typical.doc')));
      await add('typical .doc (LibreOffice)', doc, 'typical.doc', 'word-extractor alone', async () => (await new WordExtractor().extract(asBuffer(doc))).getBody());
    } catch {
      progress('no .doc: LibreOffice did not convert');
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function printDocuments(rows: DocumentFigures[], out: (line?: string) => void): void {
  const ms = (v: number, p95: number) => `${v.toFixed(2)} / ${p95.toFixed(2)}`.padStart(17);
  out();
  out('Reading files, ms median / p95       KB              ours   baseline                         baseline   ours ÷ baseline');
  for (const r of rows) {
    out(`${r.input.padEnd(33)} ${r.kb.toFixed(1).padStart(6)} ${ms(r.oursMs, r.oursP95Ms)}   ${r.baseline.padEnd(22)} ${ms(r.baselineMs, r.baselineP95Ms)}   ${(r.oursMs / r.baselineMs).toFixed(2).padStart(8)}`);
  }
}
