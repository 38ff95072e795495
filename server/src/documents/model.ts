// What every reader shares: the error it throws, the limits it keeps, and the renderer that turns
// a document's blocks (paragraphs and tables) into the engine's text, the layout a browser's copy
// of a web page produces, while remembering where each character came from.
import type { Localized, Span } from '../engine';

export type DocumentKind = 'text' | 'docx' | 'html' | 'pdf' | 'doc' | 'unknown';

/** Where a span of the rendered text is in the original file, in the user's terms (1-based). */
export type DocumentLocation =
  | { kind: 'docx'; table: number; row: number; cell: number }
  | { kind: 'docx'; paragraph: number; quote: string }
  | { kind: 'pdf'; page: number; tableRow?: number; tableColumn?: number }
  | { kind: 'html'; line: number; column: number }
  | { kind: 'doc'; paragraph: number; quote: string };

export interface DocumentRead {
  kind: Exclude<DocumentKind, 'text' | 'unknown'>;
  /** The engine's input: prose one paragraph a line, table rows as tab-separated cells. */
  text: string;
  /** What the reader could not read exactly or left out (site chrome, pages past the limit …). */
  warnings: Localized[];
  locate(span: Span): DocumentLocation | undefined;
  /** Only a .docx read in full may have fixes written back into it. */
  writable: boolean;
}

export interface DocumentLimits {
  /** Bytes of the input file. */
  maxFileBytes: number;
  /** Bytes one zip entry may inflate to. */
  maxEntryBytes: number;
  /** Inflated ÷ compressed size above which an entry larger than 1 MB is taken for a zip bomb. */
  maxCompressionRatio: number;
  /** PDF pages read; the rest are left out with a warning. */
  maxPages: number;
}

export const DEFAULT_LIMITS: DocumentLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxEntryBytes: 32 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxPages: 60,
};

/** The one error a reader throws: the file cannot be read, and `reason` says why in both languages. */
export class DocumentError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
    this.name = 'DocumentError';
  }
}

export const unreadable = (zh: string, en: string) => new DocumentError({ 'zh-cn': zh, en });

// ---------------------------------------------------------------------------------------------
// Blocks: what a reader makes of a document before it is rendered.

/** A piece of text; `at` is the reader's source position of its first character (each next one +1). */
export interface Piece {
  text: string;
  at?: number;
  /** A hard line break (HTML br, Word w:br) rather than text. */
  lineBreak?: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  pieces: Piece[];
  /** The PDF page the paragraph starts on. */
  page?: number;
  /** The reader's handle on the paragraph (Word: where a run can be added to it). */
  anchor?: number;
}

export interface CellBlock {
  blocks: Block[];
  /** Covered by a vertical merge from a row above: no field of its own. */
  covered?: boolean;
  /** The cell's number as the user counts it in its row (Word: w:tc; PDF: grid column). */
  number: number;
}

export interface RowBlock {
  cells: CellBlock[];
  /** The row's number as the user counts it (Word: w:tr of the table; PDF: row on its page). */
  number: number;
  page?: number;
}

export interface TableBlock {
  kind: 'table';
  rows: RowBlock[];
}

export type Block = ParagraphBlock | TableBlock;

// ---------------------------------------------------------------------------------------------
// Rendering

/** A paragraph or a table cell of the rendered text, with where its characters came from. */
export interface Unit {
  kind: 'paragraph' | 'cell';
  start: number;
  end: number;
  /** Paragraph number (1-based, counting the paragraphs rendered as prose). */
  paragraph?: number;
  /** Table (1-based, counting tables rendered as tables), row and cell numbers. */
  table?: number;
  row?: number;
  cell?: number;
  page?: number;
  /** The reader's handle on the unit's (first) paragraph. */
  anchor?: number;
  /** Every source character of the unit in order, with its offset in the text or -1 when dropped (whitespace). */
  sources: { at: number; rendered: number }[];
}

export interface Rendered {
  text: string;
  /** Source position of each character of `text`, -1 for characters the renderer made (separators). */
  origins: Int32Array;
  units: Unit[];
}

const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0' || ch === '\u3000' || ch === '\u2002' || ch === '\u2003' || ch === '\u200b';

export interface RenderOptions {
  /** Collapse runs of whitespace in prose to one space (HTML); Word prose keeps its own spacing. */
  collapseProse: boolean;
}

/**
 * Blocks → text. Prose: one paragraph a line (trimmed, empty ones dropped). Tables: a blank line
 * before and after, one row a line, one TAB-separated field per cell not covered by a merge, the
 * cell's paragraphs joined by one space and every whitespace run one space. A table whose cells hold
 * tables is a layout table: its cells are rendered in order as if they were the document.
 */
export function render(blocks: Block[], options: RenderOptions): Rendered {
  let text = '';
  const origins: number[] = [];
  const units: Unit[] = [];
  let paragraphs = 0;
  let tables = 0;

  const emit = (s: string, at = -1) => {
    text += s;
    for (let i = 0; i < s.length; i++) origins.push(at);
  };
  const endLine = () => {
    if (text.length > 0 && !text.endsWith('\n')) emit('\n');
  };
  const blankLine = () => {
    endLine();
    if (text.length > 0 && !text.endsWith('\n\n')) emit('\n');
  };

  /** Writes a unit's characters, trimmed and with its whitespace normalised, recording each one's source. */
  const writeChars = (chars: { ch: string; at: number }[], collapse: boolean, unit: Unit) => {
    // Trim both ends; inside, a whitespace run becomes one space when collapsing, else tabs become spaces.
    let first = 0;
    let last = chars.length - 1;
    while (first <= last && isSpace(chars[first].ch)) unit.sources.push({ at: chars[first++].at, rendered: -1 });
    const trailing: { at: number; rendered: number }[] = [];
    while (last >= first && isSpace(chars[last].ch)) trailing.push({ at: chars[last--].at, rendered: -1 });
    trailing.reverse();
    let previousSpace = false;
    for (let i = first; i <= last; i++) {
      const { ch, at } = chars[i];
      // A tab or line break never stays inside a line's text: it would read as a cell separator.
      if (isSpace(ch) && (collapse || ch < ' ')) {
        if (collapse && previousSpace) {
          unit.sources.push({ at, rendered: -1 });
          continue;
        }
        unit.sources.push({ at, rendered: text.length });
        emit(' ', at);
        previousSpace = true;
        continue;
      }
      previousSpace = false;
      unit.sources.push({ at, rendered: text.length });
      emit(ch, at);
    }
    unit.sources.push(...trailing);
  };

  const charsOf = (pieces: Piece[], breakAs: string) => {
    const chars: { ch: string; at: number }[] = [];
    for (const piece of pieces) {
      if (piece.lineBreak) {
        chars.push({ ch: breakAs, at: -1 });
        continue;
      }
      for (let i = 0; i < piece.text.length; i++) chars.push({ ch: piece.text[i], at: piece.at === undefined ? -1 : piece.at + i });
    }
    return chars;
  };

  const paragraph = (block: ParagraphBlock) => {
    const chars = charsOf(block.pieces, '\n');
    // Lines of a paragraph (hard breaks) are trimmed each; leading/trailing empty lines vanish.
    const lines: { ch: string; at: number }[][] = [[]];
    for (const c of chars) (c.ch === '\n' && c.at === -1 ? lines.push([]) : lines[lines.length - 1].push(c));
    const kept = lines.filter((line) => line.some((c) => !isSpace(c.ch)));
    if (kept.length === 0) return;
    endLine();
    const unit: Unit = { kind: 'paragraph', start: text.length, end: text.length, paragraph: ++paragraphs, page: block.page, anchor: block.anchor, sources: [] };
    kept.forEach((line, i) => {
      if (i > 0) emit('\n');
      writeChars(line, options.collapseProse, unit);
    });
    unit.end = text.length;
    units.push(unit);
    emit('\n');
  };

  const cellText = (blocks: Block[], out: Piece[]) => {
    for (const block of blocks) {
      if (block.kind === 'paragraph') {
        if (out.length > 0) out.push({ text: ' ' });
        out.push(...block.pieces);
      } else for (const row of block.rows) for (const cell of row.cells) cellText(cell.blocks, out);
    }
  };

  const table = (block: TableBlock) => {
    const layout = block.rows.some((row) => row.cells.some((cell) => cell.blocks.some((b) => b.kind === 'table')));
    if (layout) {
      for (const row of block.rows) for (const cell of row.cells) if (!cell.covered) cell.blocks.forEach(top);
      return;
    }
    const number = ++tables;
    blankLine();
    for (const row of block.rows) {
      const fields = row.cells.filter((cell) => !cell.covered);
      if (fields.length === 0) continue;
      fields.forEach((cell, i) => {
        if (i > 0) emit('\t');
        const pieces: Piece[] = [];
        cellText(cell.blocks, pieces);
        const anchor = cell.blocks.find((b): b is ParagraphBlock => b.kind === 'paragraph')?.anchor;
        const unit: Unit = { kind: 'cell', start: text.length, end: text.length, table: number, row: row.number, cell: cell.number, page: row.page, anchor, sources: [] };
        writeChars(charsOf(pieces, ' '), true, unit);
        unit.end = text.length;
        units.push(unit);
      });
      emit('\n');
    }
    blankLine();
  };

  const top = (block: Block) => (block.kind === 'paragraph' ? paragraph(block) : table(block));
  blocks.forEach(top);
  // No trailing blank line after the last table.
  while (text.endsWith('\n\n')) {
    text = text.slice(0, -1);
    origins.pop();
  }
  return { text, origins: Int32Array.from(origins), units };
}

/** The unit a span starts in, else the next one after it, else the last one before it. */
export function unitAt(units: Unit[], offset: number): Unit | undefined {
  let low = 0;
  let high = units.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (units[mid].end < offset) low = mid + 1;
    else high = mid;
  }
  return units[low] ?? units[units.length - 1];
}

/** A short quote of a paragraph at a span, for "第12段：“本年共收到申请…”". */
export function quoteAt(text: string, unit: Unit, span: Span, length = 16): string {
  const from = Math.max(unit.start, Math.min(span.start, unit.end));
  const start = unit.end - from < 4 ? Math.max(unit.start, unit.end - length) : from;
  const end = Math.min(unit.end, start + length);
  // A paragraph's hard line breaks read as spaces in a one-line quote.
  const quote = text.slice(start, end).split('\n').join(' ');
  return (start > unit.start ? '…' : '') + quote + (end < unit.end ? '…' : '');
}
