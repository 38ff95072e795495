// .pdf: pdf.js gives the text items with their positions and the operator list with the lines the
// page draws. A table's grid is rebuilt from its drawn border lines (position clustering alone loses
// rows), items that pdf.js merged across a border are split at it, and each item goes to the cell it
// sits in. Text outside tables is put back into paragraphs from its line positions. A table drawn
// without lines falls back to columns found by the gaps between words, and says so.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Localized, Span } from '../engine';
import { provideDomMatrix } from './domMatrix';
import { render, unitAt, unreadable, type Block, type CellBlock, type DocumentLimits, type DocumentLocation, type DocumentRead, type ParagraphBlock, type RowBlock, type TableBlock } from './model';

// pdf.js's own types are not bundled; these are the few shapes read here.
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}
interface PdfPage {
  getTextContent(): Promise<{ items: (TextItem | { type: string })[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  view: number[];
  cleanup(): void;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface Pdfjs {
  getDocument(options: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
  OPS: Record<string, number>;
  GlobalWorkerOptions: { workerSrc: string };
}

/** Where pdf.js is: copied next to the bundle (dist/pdfjs/) or, in a checkout, in node_modules. */
function pdfjsFolder(): { module: string; worker: string; cmaps: string; fonts: string } {
  const bundled = join(__dirname, 'pdfjs');
  if (existsSync(join(bundled, 'pdf.mjs'))) {
    return { module: join(bundled, 'pdf.mjs'), worker: join(bundled, 'pdf.worker.mjs'), cmaps: join(bundled, 'cmaps') + '/', fonts: join(bundled, 'standard_fonts') + '/' };
  }
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', 'pdfjs-dist');
    if (!existsSync(join(root, 'package.json'))) continue;
    return {
      module: join(root, 'legacy', 'build', 'pdf.mjs'),
      worker: join(root, 'legacy', 'build', 'pdf.worker.mjs'),
      cmaps: join(root, 'cmaps') + '/',
      fonts: join(root, 'standard_fonts') + '/',
    };
  }
  throw unreadable('找不到读取 PDF 的组件（pdf.js），请重新安装 Gongkai', 'The PDF reader (pdf.js) is missing: reinstall Gongkai');
}

/**
 * pdf.js, loaded where there is no canvas package (an installed copy), says so on the console ("Warning:
 * Cannot polyfill `Path2D`…") before any option can quiet it: rendering, which we never do, is what
 * it warns about, and a clerk reading the CLI's output would take it for a fault.
 */
async function quietly<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^Warning: Cannot (load "@napi-rs\/canvas"|polyfill)/.test(args[0])) return;
    warn(...args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

let loaded: Promise<{ pdfjs: Pdfjs; folder: ReturnType<typeof pdfjsFolder> }> | undefined;
function loadPdfjs() {
  loaded ??= (async () => {
    const folder = pdfjsFolder();
    // Before pdf.js loads: an installed CLI or extension has no canvas package to lend it one.
    provideDomMatrix();
    // A computed specifier: the bundler leaves pdf.js out, and only a PDF loads it.
    const pdfjs = await quietly(async () => (await import(pathToFileURL(folder.module).href)) as Pdfjs);
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(folder.worker).href;
    return { pdfjs, folder };
  })();
  return loaded;
}

// ---------------------------------------------------------------------------------------------
// Geometry

interface Segment {
  /** Horizontal: y fixed, from x1 to x2; vertical: x fixed, from y1 to y2 (PDF space, y up). */
  horizontal: boolean;
  at: number;
  from: number;
  to: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Straight horizontal and vertical lines a page draws: stroked paths and thin filled rectangles. */
function borderSegments(ops: { fnArray: number[]; argsArray: unknown[][] }, OPS: Record<string, number>): Segment[] {
  const segments: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const strokes = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set([OPS.fill, OPS.eoFill]);
  const add = (x1: number, y1: number, x2: number, y2: number) => {
    const [ax, ay] = apply(ctm, x1, y1);
    const [bx, by] = apply(ctm, x2, y2);
    if (Math.abs(ay - by) < 0.8 && Math.abs(ax - bx) > 2) segments.push({ horizontal: true, at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    else if (Math.abs(ax - bx) < 0.8 && Math.abs(ay - by) > 2) segments.push({ horizontal: false, at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const stroked = strokes.has(paint);
      if (!stroked && !fills.has(paint)) continue;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      const points: [number, number][][] = [];
      let current: [number, number][] = [];
      for (let k = 0; k < data.length; ) {
        const command = data[k];
        if (command === 0) {
          if (current.length) points.push(current);
          current = [[data[k + 1], data[k + 2]]];
          k += 3;
        } else if (command === 1) {
          current.push([data[k + 1], data[k + 2]]);
          k += 3;
        } else if (command === 2) {
          current.push([data[k + 5], data[k + 6]]);
          k += 7;
        } else if (command === 3) {
          current.push([data[k + 3], data[k + 4]]);
          k += 5;
        } else if (command === 4) {
          if (current.length) current.push(current[0]);
          k += 1;
        } else break;
      }
      if (current.length) points.push(current);
      for (const path of points) {
        if (stroked) {
          for (let k = 1; k < path.length; k++) add(path[k - 1][0], path[k - 1][1], path[k][0], path[k][1]);
          continue;
        }
        // A filled rectangle thinner than 2.5 points is a drawn line.
        const xs = path.map((p) => apply(ctm, p[0], p[1])[0]);
        const ys = path.map((p) => apply(ctm, p[0], p[1])[1]);
        const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        if (path.length > 6) continue;
        const saved = ctm;
        ctm = IDENTITY;
        if (y2 - y1 < 2.5 && x2 - x1 > 2) add(x1, (y1 + y2) / 2, x2, (y1 + y2) / 2);
        else if (x2 - x1 < 2.5 && y2 - y1 > 2) add((x1 + x2) / 2, y1, (x1 + x2) / 2, y2);
        ctm = saved;
      }
    }
  }
  return segments;
}

/** Values closer than `tolerance` become one (their mean), sorted ascending. */
function cluster(values: number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tolerance) last.push(v);
    else out.push([v]);
  }
  return out.map((group) => group.reduce((a, b) => a + b, 0) / group.length);
}

interface Grid {
  /** Column borders, left to right. */
  xs: number[];
  /** Row borders, top to bottom (descending y). */
  ys: number[];
  segments: Segment[];
}

const TOLERANCE = 2;

/** Groups of lines that touch each other, each with at least two of each direction: the tables. */
function grids(segments: Segment[]): Grid[] {
  const parent = segments.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const touches = (h: Segment, v: Segment) => v.at >= h.from - TOLERANCE && v.at <= h.to + TOLERANCE && h.at >= v.from - TOLERANCE && h.at <= v.to + TOLERANCE;
  const horizontals = segments.map((s, i) => ({ s, i })).filter((x) => x.s.horizontal);
  const verticals = segments.map((s, i) => ({ s, i })).filter((x) => !x.s.horizontal);
  for (const h of horizontals) for (const v of verticals) if (touches(h.s, v.s)) parent[find(h.i)] = find(v.i);
  const groups = new Map<number, Segment[]>();
  segments.forEach((s, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), s]));
  const out: Grid[] = [];
  for (const group of groups.values()) {
    const xs = cluster(group.filter((s) => !s.horizontal).map((s) => s.at), TOLERANCE);
    const ys = cluster(group.filter((s) => s.horizontal).map((s) => s.at), TOLERANCE).reverse();
    if (xs.length >= 2 && ys.length >= 2) out.push({ xs, ys, segments: group });
  }
  return out;
}

/** Is there a border line at `at` (x for vertical, y for horizontal) across the point `across`? */
function hasBorder(grid: Grid, horizontal: boolean, at: number, across: number): boolean {
  return grid.segments.some((s) => s.horizontal === horizontal && Math.abs(s.at - at) <= TOLERANCE && s.from - TOLERANCE <= across && across <= s.to + TOLERANCE);
}

// ---------------------------------------------------------------------------------------------
// Text

interface Word {
  text: string;
  x: number;
  /** Right end. */
  x2: number;
  /** Baseline. */
  y: number;
  size: number;
}

const wide = (ch: string) => ch.charCodeAt(0) >= 0x2e80;
const weight = (ch: string) => (wide(ch) ? 1 : 0.55);

function words(items: TextItem[]): Word[] {
  const out: Word[] = [];
  for (const item of items) {
    if (!item.str || item.str.trim() === '') continue;
    const size = Math.hypot(item.transform[2], item.transform[3]) || item.height || 10;
    const width = item.width > 0 ? item.width : [...item.str].reduce((sum, ch) => sum + weight(ch) * size, 0);
    out.push({ text: item.str, x: item.transform[4], x2: item.transform[4] + width, y: item.transform[5], size });
  }
  return out;
}

/** Splits a word that pdf.js merged across column borders, by the estimated widths of its characters. */
function splitAt(word: Word, borders: number[]): Word[] {
  const inside = borders.filter((b) => b > word.x + 1 && b < word.x2 - 1);
  if (inside.length === 0) return [word];
  const chars = [...word.text];
  const total = chars.reduce((sum, ch) => sum + weight(ch), 0);
  const pieces: Word[] = [];
  let position = word.x;
  let current: Word | undefined;
  let border = 0;
  for (const ch of chars) {
    const width = ((word.x2 - word.x) * weight(ch)) / total;
    const centre = position + width / 2;
    while (border < inside.length && centre > inside[border]) {
      if (current) pieces.push(current);
      current = undefined;
      border++;
    }
    current ??= { text: '', x: position, x2: position, y: word.y, size: word.size };
    current.text += ch;
    position += width;
    current.x2 = position;
  }
  if (current) pieces.push(current);
  return pieces.filter((p) => p.text.trim() !== '');
}

/** Words → lines (top to bottom), each line's words left to right. */
function lines(list: Word[]): Word[][] {
  const sorted = [...list].sort((a, b) => b.y - a.y || a.x - b.x);
  const out: Word[][] = [];
  for (const word of sorted) {
    const line = out[out.length - 1];
    if (line && Math.abs(line[0].y - word.y) < Math.max(2, 0.45 * Math.min(line[0].size, word.size))) line.push(word);
    else out.push([word]);
  }
  for (const line of out) line.sort((a, b) => a.x - b.x);
  return out;
}

const joinLine = (line: Word[]) =>
  line.reduce((text, word, i) => {
    if (i === 0) return word.text;
    const gap = word.x - line[i - 1].x2;
    return text + (gap > 0.3 * word.size ? ' ' : '') + word.text;
  }, '');

/** Wrapped lines of one paragraph or cell: Chinese text runs on without a space, other text gets one. */
const joinWrapped = (parts: string[]) =>
  parts.reduce((text, part) => (text === '' ? part : wide(text[text.length - 1]) && wide(part[0]) ? text + part : `${text} ${part}`), '');

// ---------------------------------------------------------------------------------------------
// Pages → blocks

interface PlacedCell {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  /** Left and right borders (x). */
  left: number;
  right: number;
  block: CellBlock;
  /** Its text's last line reaches the cell's right border: text that went on would wrap. */
  full: boolean;
}

interface PageTable {
  grid: Grid;
  rows: RowBlock[];
  cells: PlacedCell[];
  top: number;
}

const cellText = (cell: CellBlock) => (cell.blocks[0] as ParagraphBlock).pieces[0].text;

function tableOf(grid: Grid, pageWords: Word[], page: number, used: Set<Word>): PageTable {
  const { xs, ys } = grid;
  const rowsCount = ys.length - 1;
  const colsCount = xs.length - 1;
  // Elementary cells joined where no border separates them.
  const id = (r: number, c: number) => r * colsCount + c;
  const parent = Array.from({ length: rowsCount * colsCount }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let r = 0; r < rowsCount; r++) {
    for (let c = 0; c < colsCount; c++) {
      const midY = (ys[r] + ys[r + 1]) / 2;
      const midX = (xs[c] + xs[c + 1]) / 2;
      if (c + 1 < colsCount && !hasBorder(grid, false, xs[c + 1], midY)) parent[find(id(r, c + 1))] = find(id(r, c));
      if (r + 1 < rowsCount && !hasBorder(grid, true, ys[r + 1], midX)) parent[find(id(r + 1, c))] = find(id(r, c));
    }
  }
  const cells = new Map<number, { r0: number; r1: number; c0: number; c1: number; words: Word[] }>();
  for (let r = 0; r < rowsCount; r++) {
    for (let c = 0; c < colsCount; c++) {
      const root = find(id(r, c));
      const cell = cells.get(root);
      if (!cell) cells.set(root, { r0: r, r1: r, c0: c, c1: c, words: [] });
      else {
        cell.r0 = Math.min(cell.r0, r);
        cell.c0 = Math.min(cell.c0, c);
        cell.r1 = Math.max(cell.r1, r);
        cell.c1 = Math.max(cell.c1, c);
      }
    }
  }
  const top = ys[0];
  const bottom = ys[ys.length - 1];
  for (const word of pageWords) {
    const centreY = word.y + word.size * 0.3;
    if (centreY > top + 1 || centreY < bottom - 1 || word.x2 < xs[0] - 1 || word.x > xs[colsCount] + 1) continue;
    for (const piece of splitAt(word, xs)) {
      const centreX = (piece.x + piece.x2) / 2;
      const c = xs.findIndex((x, i) => i < colsCount && centreX >= x && centreX < xs[i + 1]);
      const r = ys.findIndex((y, i) => i < rowsCount && centreY <= y && centreY > ys[i + 1]);
      if (c < 0 || r < 0) continue;
      cells.get(find(id(r, c)))!.words.push(piece);
    }
    used.add(word);
  }
  const rows: RowBlock[] = [];
  const placed: PlacedCell[] = [];
  for (let r = 0; r < rowsCount; r++) {
    const starting = [...cells.values()].filter((cell) => cell.r0 === r).sort((a, b) => a.c0 - b.c0);
    if (starting.length === 0) continue;
    const row: RowBlock = { number: r + 1, page, cells: [] };
    for (const cell of starting) {
      const cellLines = lines(cell.words);
      const block: CellBlock = { number: cell.c0 + 1, blocks: [{ kind: 'paragraph', pieces: [{ text: joinWrapped(cellLines.map(joinLine)) }] }] };
      const last = cellLines[cellLines.length - 1];
      // Allow for the cell's padding and a line broken early before a closing bracket.
      const full = last !== undefined && last[last.length - 1].x2 >= xs[cell.c1 + 1] - 4 * last[0].size;
      row.cells.push(block);
      placed.push({ ...cell, left: xs[cell.c0], right: xs[cell.c1 + 1], block, full });
    }
    // A band with no text at all (the gap LibreOffice draws between two touching tables) is no row.
    if (row.cells.every((c) => cellText(c) === '')) continue;
    rows.push(row);
  }
  return { grid, rows, cells: placed, top };
}

/** A cell holding only a value: never the wrapped rest of the text above it. */
const VALUE = /^[\d０-９.,，．%％/／\-—–－\s]+$/;
// No two \s* may meet around an optional piece ("\s*[，,]?\s*"): on a long run of spaces that is quadratic.
const PAGE_NUMBER = /^(?:[-—–－]\s*)?\d{1,4}(?:\s*[-—–－])?$|^第\s*\d{1,4}\s*页(?:\s*(?:[，,]\s*)?共\s*\d{1,4}\s*页)?$|^\d{1,4}\s*\/\s*\d{1,4}$/;
/** A sub-table's caption (第二十条第（五）项): never the wrapped rest of a cell. */
const CAPTION = /^第\s*[一二三四五六七八九十]+\s*条/;
const HEADING_START = /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.．、](?!\d))/;

type Flow = { kind: 'prose'; lines: ProseLine[] } | { kind: 'table'; table: TableBlock };

interface ProseLine {
  text: string;
  x: number;
  x2: number;
  y: number;
  size: number;
  page: number;
}

export async function readPdf(bytes: Uint8Array, limits: DocumentLimits): Promise<DocumentRead> {
  const { pdfjs, folder } = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given.
    data: new Uint8Array(bytes),
    cMapUrl: folder.cmaps,
    cMapPacked: true,
    standardFontDataUrl: folder.fonts,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // Images are never looked at: a limit of one pixel skips decoding them.
    maxImageSize: 1,
    verbosity: 0,
  });
  let document: PdfDocument;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw unreadable('PDF 文件已加密（设有打开密码），无法检查', 'The PDF is encrypted (it has an open password): it cannot be checked');
    throw unreadable('PDF 文件已损坏或不是 PDF，无法读取', 'The PDF is corrupt or not a PDF: it cannot be read');
  }
  try {
    const warnings: Localized[] = [];
    const pages = Math.min(document.numPages, limits.maxPages);
    if (document.numPages > limits.maxPages) {
      warnings.push({
        'zh-cn': `PDF 共 ${document.numPages} 页，只读取了前 ${limits.maxPages} 页`,
        en: `The PDF has ${document.numPages} pages; only the first ${limits.maxPages} were read`,
      });
    }
    /** The document in reading order: runs of prose lines (put into paragraphs at the end) and tables. */
    const flow: Flow[] = [];
    let characters = 0;
    const emptyPages: number[] = [];
    const unruledPages: number[] = [];
    let previousTable: { table: TableBlock; part: PageTable } | undefined;
    for (let number = 1; number <= pages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const ops = await page.getOperatorList();
      page.cleanup();
      const pageHeight = page.view[3] - page.view[1];
      const pageWords = words(content.items.filter((item): item is TextItem => 'str' in item));
      const count = pageWords.reduce((sum, w) => sum + w.text.trim().length, 0);
      characters += count;
      if (count === 0) emptyPages.push(number);
      const used = new Set<Word>();
      const tables = grids(borderSegments(ops, pdfjs.OPS))
        .map((grid) => tableOf(grid, pageWords, number, used))
        .filter((t) => t.rows.some((row) => row.cells.some((cell) => (cell.blocks[0] as ParagraphBlock).pieces[0].text !== '')))
        .sort((a, b) => b.top - a.top);
      const free = pageWords.filter((w) => !used.has(w));
      const pageLines = lines(free)
        .map((line) => ({ text: joinLine(line), x: line[0].x, x2: line[line.length - 1].x2, y: line[0].y, size: Math.max(...line.map((w) => w.size)), page: number, words: line }))
        .filter((line) => !(PAGE_NUMBER.test(line.text.trim()) && (line.y < page.view[1] + pageHeight * 0.12 || line.y > page.view[1] + pageHeight * 0.88)));

      // Lines and tables in reading order; a table that goes on from the last page continues it.
      const items: ({ kind: 'line'; y: number; line: (typeof pageLines)[number] } | { kind: 'table'; y: number; table: PageTable })[] = [
        ...pageLines.map((line) => ({ kind: 'line' as const, y: line.y, line })),
        ...tables.map((table) => ({ kind: 'table' as const, y: table.top, table })),
      ].sort((a, b) => b.y - a.y);
      let run: ProseLine[] = [];
      /** Rows of a table drawn without lines: a line with column gaps, and the wrapped lines below it. */
      const unruled: { words: Word[]; lastY: number }[] = [];
      const flushRun = () => {
        if (run.length) flow.push({ kind: 'prose', lines: run });
        run = [];
      };
      const flushUnruled = () => {
        if (unruled.length >= 2) {
          unruledPages.push(number);
          flow.push({ kind: 'table', table: { kind: 'table', rows: unruled.map((row, i) => gapRow(row.words, i + 1, number)) } });
        } else {
          for (const row of unruled) for (const line of lines(row.words)) run.push({ text: joinLine(line), x: line[0].x, x2: line[line.length - 1].x2, y: line[0].y, size: line[0].size, page: number });
        }
        unruled.length = 0;
      };
      items.forEach((item, index) => {
        if (item.kind === 'table') {
          flushUnruled();
          flushRun();
          const continues = index === 0 && previousTable && flow[flow.length - 1]?.kind === 'table' && sameWidth(previousTable.part.grid.xs, item.table.grid.xs);
          if (continues) {
            joinAcrossPages(previousTable!.part, item.table);
            previousTable!.table.rows.push(...item.table.rows);
            previousTable!.part = item.table;
          } else {
            const table: TableBlock = { kind: 'table', rows: item.table.rows };
            flow.push({ kind: 'table', table });
            previousTable = { table, part: item.table };
          }
          return;
        }
        if (gaps(item.line.words) >= 2) {
          flushRun();
          unruled.push({ words: [...item.line.words], lastY: item.line.y });
          return;
        }
        // A line just below a row of such a table and inside one of its columns: a cell's text
        // wrapping, or (when it starts like a label) a group label on a row of its own.
        const row = unruled[unruled.length - 1];
        if (row && row.lastY - item.line.y < 1.6 * item.line.size && withinColumn(row.words, item.line.words)) {
          if (HEADING_START.test(item.line.text.trim()) || CAPTION.test(item.line.text.trim())) unruled.push({ words: [...item.line.words], lastY: item.line.y });
          else {
            row.words.push(...item.line.words);
            row.lastY = item.line.y;
          }
          return;
        }
        flushUnruled();
        run.push(item.line);
      });
      flushUnruled();
      flushRun();
      if (items.length > 0 && items[items.length - 1].kind !== 'table') previousTable = undefined;
    }
    if (characters === 0) throw unreadable('扫描件，无文字层，无法检查', 'A scanned document with no text layer: it cannot be checked');
    if (emptyPages.length > 0) {
      warnings.push({ 'zh-cn': `第 ${emptyPages.join('、')} 页没有文字层（扫描件？），未能检查`, en: `Page(s) ${emptyPages.join(', ')} have no text layer (scanned?) and were not checked` });
    }
    if (unruledPages.length > 0) {
      const list = [...new Set(unruledPages)];
      warnings.push({
        'zh-cn': `第 ${list.join('、')} 页的表格没有边框线，按文字间距分列读取，空白单元格无法识别`,
        en: `The table(s) on page(s) ${list.join(', ')} have no border lines: columns were read from the gaps between words, and blank cells cannot be seen`,
      });
    }
    const rendered = render(paragraphs(flow), { collapseProse: false });
    return {
      kind: 'pdf',
      text: rendered.text,
      warnings,
      writable: false,
      locate(span: Span): DocumentLocation | undefined {
        const unit = unitAt(rendered.units, span.start);
        if (!unit?.page) return undefined;
        return unit.kind === 'cell' ? { kind: 'pdf', page: unit.page, tableRow: unit.row, tableColumn: unit.cell } : { kind: 'pdf', page: unit.page };
      },
    };
  } finally {
    await document.destroy().catch(() => undefined);
  }
}

/**
 * A merged cell cut by a page break shows up again at the top of the next page (with the rest of
 * its text, or empty): it is the same cell, so its text joins the part above and it gives no field.
 * A cell there that starts like a label of its own ("（五）…") is a new cell.
 */
function joinAcrossPages(above: PageTable, below: PageTable): void {
  const lastRow = Math.max(...above.cells.map((c) => c.r1));
  const first = below.cells.filter((c) => c.r0 === 0);
  const near = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE * 2;
  const upperOf = (cell: PlacedCell) => above.cells.find((c) => near(c.left, cell.left) && near(c.right, cell.right) && c.r1 === lastRow);
  const join = (upper: PlacedCell, cell: PlacedCell) => {
    (upper.block.blocks[0] as ParagraphBlock).pieces[0].text = joinWrapped([cellText(upper.block), cellText(cell.block)].filter((t) => t !== ''));
    cell.block.covered = true;
  };
  // A row cut by the page break: its wrapped text goes on in the same columns, under cells whose
  // text filled them to the right border, and none of it starts like a new label.
  const texts = first.filter((c) => cellText(c.block) !== '');
  const splitRow =
    texts.length > 0 &&
    first.every((c) => upperOf(c)) &&
    texts.every((c) => upperOf(c)!.full && !HEADING_START.test(cellText(c.block)) && !VALUE.test(cellText(c.block)));
  if (splitRow) {
    for (const cell of first) join(upperOf(cell)!, cell);
    below.rows = below.rows.filter((row) => row.cells.some((c) => !c.covered));
    return;
  }
  for (const cell of first) {
    const text = cellText(cell.block);
    const spansRows = cell.r1 > cell.r0;
    if (!spansRows && text !== '') continue;
    if (HEADING_START.test(text)) continue;
    const upper = upperOf(cell);
    if (!upper) continue;
    // Only a cell that is merged somewhere (above or here) can continue; a plain row starts anew.
    if (!spansRows && upper.r1 === upper.r0) continue;
    join(upper, cell);
  }
  for (const row of below.rows) if (row.cells.every((c) => c.covered)) row.cells = [];
}

/** The same table's next part has the same outer borders (its inner columns may be drawn differently). */
const sameWidth = (a: number[], b: number[]) => Math.abs(a[0] - b[0]) <= TOLERANCE * 2 && Math.abs(a[a.length - 1] - b[b.length - 1]) <= TOLERANCE * 2;

/** Gaps wider than two characters between the words of a line: the columns of a table drawn without lines. */
const gaps = (line: Word[]) => line.reduce((count, word, i) => count + (i > 0 && word.x - line[i - 1].x2 > 2 * word.size ? 1 : 0), 0);

/** Where the columns of a row of a table without lines start: its first line's words after a wide gap. */
function columnStarts(words: Word[]): number[] {
  const first = words.filter((w) => w.y === words[0].y).sort((a, b) => a.x - b.x);
  return first.filter((word, i) => i === 0 || word.x - first[i - 1].x2 > 2 * word.size).map((w) => w.x);
}

/** The line lies inside one column of the row: it starts at or after the column and ends before the next. */
function withinColumn(row: Word[], line: Word[]): boolean {
  const starts = columnStarts(row);
  const left = line[0].x;
  const right = line[line.length - 1].x2;
  return starts.some((start, i) => left >= start - 2 && (i + 1 === starts.length || right <= starts[i + 1] + 2));
}

/** A row of a table without lines: columns from the gaps of its first line, wrapped lines under them. */
function gapRow(words: Word[], number: number, page: number): RowBlock {
  const starts = columnStarts(words);
  const fields: Word[][] = starts.map(() => []);
  for (const word of words) {
    let column = 0;
    while (column + 1 < starts.length && starts[column + 1] <= word.x + word.size) column++;
    fields[column].push(word);
  }
  return { number, page, cells: fields.map((f, c) => ({ number: c + 1, blocks: [{ kind: 'paragraph', pieces: [{ text: joinWrapped(lines(f).map(joinLine)) }] }] })) };
}

/**
 * Runs of prose lines → paragraphs: a line starts a new paragraph when it is indented, follows a
 * line that stopped short of the right margin, starts like a heading, or is far below the last one.
 * A paragraph cut by a page break goes on when the next page's first line is not indented.
 */
function paragraphs(flow: Flow[]): Block[] {
  // Margins of the whole document: a page with one short line must not make that line look full.
  const all = flow.flatMap((f) => (f.kind === 'prose' ? f.lines : []));
  const left = Math.min(...all.map((line) => line.x));
  const right = Math.max(...all.map((line) => line.x2));
  const out: Block[] = [];
  let open: { block: ParagraphBlock; parts: string[]; last: ProseLine } | undefined;
  const close = () => {
    if (open) open.block.pieces = [{ text: joinWrapped(open.parts) }];
    open = undefined;
  };
  for (const item of flow) {
    if (item.kind === 'table') {
      close();
      out.push(item.table);
      continue;
    }
    for (const line of item.lines) {
      const indented = line.x > left + line.size * 0.9;
      if (open) {
        const last = open.last;
        // Ragged right (CJK wraps a character or two early, Latin digits vary): three characters of slack.
        const short = last.x2 < right - last.size * 3;
        const far = last.page === line.page && last.y - line.y > Math.max(last.size, line.size) * 2.2;
        const resized = Math.abs(last.size - line.size) > 1;
        if (indented || short || far || resized || HEADING_START.test(line.text.trim())) close();
      }
      if (!open) {
        open = { block: { kind: 'paragraph', pieces: [], page: line.page }, parts: [], last: line };
        out.push(open.block);
      }
      open.parts.push(line.text.trim());
      open.last = line;
    }
  }
  close();
  return out;
}
