// Table text → a flat stream of cell tokens, whatever the layout: one cell per line, cells ending
// in " |", inline pipes, Markdown pipe rows, tab-separated rows, or PDF text with space-separated
// numbers after a label. Rows are rebuilt later from the labels, not from line breaks, because
// real layouts break rows anywhere.
import { LineIndex, valueShape, type ValueShape } from '../text';
import type { Layout } from '../model';

export interface Token {
  text: string;
  start: number;
  end: number;
  line: number;
  shape: ValueShape;
  /** An empty cell that a separator makes explicit (between tabs or pipes); blank lines are not cells. */
  explicit: boolean;
  /** The token is a whole cell of a delimited layout (tab, pipe, or a line of its own). */
  delimited: boolean;
  /** An empty cell after the last text of a pipe row: usually filler, a blank cell only in a row with no values. */
  trailing?: boolean;
  /** A blank cell the row has no field for (its trailing tabs were lost): it sits at the row's end. */
  synthetic?: boolean;
  /** An empty cell written as an extra blank line (one cell per line, a blank line after each). */
  blankLine?: boolean;
}

// Every line is tested against these, so no two adjacent \s* may be able to split one run of spaces
// between them ("\s*\|?\s*"): that makes a long blank line quadratic. An optional separator takes
// its own spaces with it instead.
const PAGE_FOOTER = /^\s*(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*(?:[,，/]\s*)?共\s*\d{1,4}\s*页)?)\s*$/;
const MARKDOWN_RULE = /^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$/;
const ONLY_PIPES = /^[\s|]*$/;

/** A page number a PDF converter left in the text ("- 2 -", "第 3 页"). */
export function isPageFooter(text: string): boolean {
  return PAGE_FOOTER.test(text);
}

export function isSkippedLine(text: string): boolean {
  return PAGE_FOOTER.test(text) || MARKDOWN_RULE.test(text);
}

function token(text: string, start: number, line: number, explicit: boolean, delimited: boolean): Token {
  const leading = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const shape = valueShape(trimmed);
  if (trimmed.length === 0) {
    // Where a value would be written: inside the gap, after one space if there is one.
    const at = start + Math.min(text.length, text.length >= 2 ? 1 : 0);
    return { text: '', start: at, end: at, line, shape, explicit, delimited };
  }
  return { text: trimmed, start: start + leading, end: start + leading + trimmed.length, line, shape, explicit, delimited };
}

/** Cells of a line split on a separator, with the original offset of each piece. */
function pieces(text: string, separator: string, base: number): { text: string; start: number }[] {
  const result: { text: string; start: number }[] = [];
  let at = 0;
  for (const part of text.split(separator)) {
    result.push({ text: part, start: base + at });
    at += part.length + separator.length;
  }
  return result;
}

export function tokenizeLine(lines: LineIndex, line: number, out: Token[]): Layout | undefined {
  const start = lines.lineStart(line);
  let text = lines.lineText(line);
  if (text.trim().length === 0 || isSkippedLine(text)) return undefined;
  let base = start;
  const heading = /^\s*#{1,6}\s+/.exec(text);
  if (heading) {
    base += heading[0].length;
    text = text.slice(heading[0].length);
  }

  if (text.includes('\t')) {
    const fields = pieces(text, '\t', base);
    const first = fields.findIndex((f) => f.text.trim().length > 0);
    let last = -1;
    for (let i = fields.length - 1; i >= 0; i--) if (fields[i].text.trim().length > 0) { last = i; break; }
    // Leading and trailing empty fields are indentation of merged cells; inner ones are blank cells.
    for (let i = first; i <= last; i++) out.push(token(fields[i].text, fields[i].start, line, true, true));
    return 'tabs';
  }

  if (text.includes('|')) {
    if (ONLY_PIPES.test(text)) {
      // A lone "|" is an empty cell ("… |" layouts); runs of pipes are filler for merged cells.
      const pipes = text.split('|').length - 1;
      if (pipes === 1) out.push(token('', start + text.indexOf('|'), line, true, true));
      return 'pipe-cells';
    }
    const parts = pieces(text, '|', base);
    const trimmed = text.trim();
    const markdown = trimmed.startsWith('|') && trimmed.endsWith('|') && parts.length >= 3;
    let first = parts.findIndex((p) => p.text.trim().length > 0);
    let last = -1;
    for (let i = parts.length - 1; i >= 0; i--) if (parts[i].text.trim().length > 0) { last = i; break; }
    if (markdown) {
      first = 1;
      last = parts.length - 2;
    }
    const emptyCell = (piece: { text: string; start: number }, explicit: boolean): Token => {
      const at = piece.start + (piece.text.length >= 2 ? 1 : 0);
      return { text: '', start: at, end: at, line, shape: 'empty', explicit, delimited: true, ...(explicit ? {} : { trailing: true }) };
    };
    for (let i = first; i <= last; i++) {
      const piece = parts[i];
      out.push(piece.text.trim().length === 0 ? emptyCell(piece, true) : token(piece.text, piece.start, line, true, true));
    }
    // "行政事業性收費 | |||||": the pieces after the label are the row's blank cells, or filler.
    if (!markdown) for (let i = last + 1; i < parts.length - 1; i++) out.push(emptyCell(parts[i], false));
    // Several cells with text on one line make a row; one cell and filler ("第二十条第(一)项 | |||") does not.
    const cellsWithText = parts.filter((p) => p.text.trim().length > 0).length;
    return markdown ? 'markdown' : cellsWithText > 1 ? 'inline-pipes' : 'pipe-cells';
  }

  // Plain line: a whole cell, or PDF text "label 12 0 3" whose trailing numbers are cells.
  const words: { text: string; start: number }[] = [];
  const wordPattern = /\S+/g;
  let match: RegExpExecArray | null;
  while ((match = wordPattern.exec(text)) !== null) words.push({ text: match[0], start: base + match.index });
  let firstValue = words.length;
  while (firstValue > 0 && isValueWord(words[firstValue - 1].text)) firstValue--;
  if (firstValue === words.length) {
    // No trailing numbers: the line is one text cell (labels may contain spaces: "商业 企业").
    out.push(token(text, base, line, false, true));
    return 'cell-per-line';
  }
  for (let i = 0; i < firstValue; i++) out.push(token(words[i].text, words[i].start, line, false, false));
  for (let i = firstValue; i < words.length; i++) out.push(token(words[i].text, words[i].start, line, false, words.length === 1));
  return words.length === 1 ? 'cell-per-line' : 'pdf-text';
}

function isValueWord(word: string): boolean {
  const shape = valueShape(word);
  return shape === 'number' || shape === 'dash';
}
