// Delimited rows: where the text itself says where every cell starts and ends (tab rows, pipe rows,
// Markdown tables, and the rows the .docx/.html/.pdf readers render as tab rows), a line is one row
// and its fields are its cells, blank fields included. Nothing is inferred here: a field is a cell.
import type { Layout } from '../model';
import { LineIndex, valueShape } from '../text';
import type { Token } from './tokens';

export interface GridLine {
  line: number;
  fields: Token[];
  layout: Layout;
}

const HEADING = /^\s*#{1,6}\s+/;

function field(text: string, start: number, line: number): Token {
  const leading = text.length - text.trimStart().length;
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    // Where a value would be written: inside the gap, after one space if there is one.
    const at = start + Math.min(text.length, text.length >= 2 ? 1 : 0);
    return { text: '', start: at, end: at, line, shape: 'empty', explicit: true, delimited: true };
  }
  return { text: trimmed, start: start + leading, end: start + leading + trimmed.length, line, shape: valueShape(trimmed), explicit: true, delimited: true };
}

function split(text: string, separator: string, base: number, line: number): Token[] {
  const fields: Token[] = [];
  let at = 0;
  for (const part of text.split(separator)) {
    fields.push(field(part, base + at, line));
    at += part.length + separator.length;
  }
  return fields;
}

/**
 * The line as a row of cells, or undefined when it is not one: a line without tabs or pipes, or a
 * single cell followed by its pipe or filler.
 */
export function gridLine(lines: LineIndex, line: number): GridLine | undefined {
  let text = lines.lineText(line);
  let base = lines.lineStart(line);
  const heading = HEADING.exec(text);
  if (heading) {
    base += heading[0].length;
    text = text.slice(heading[0].length);
  }
  if (text.includes('\t')) {
    // Decided on the raw parts first: most tab lines of a one-cell-per-line table are not rows.
    const parts = text.split('\t');
    let filled = 0;
    let lastFilled = -1;
    for (let i = 0; i < parts.length; i++) {
      if (parts[i].trim().length > 0) {
        filled++;
        lastFilled = i;
      }
    }
    // Tabs that only indent one cell ("⇥19", seed 003's one cell per line) make no row; a label
    // followed by empty fields does ("2.其他法律行政法规禁止公开⇥⇥⇥⇥⇥⇥⇥": every cell blank). Only
    // tabs: a row whose every cell is blank (table 四's numbers, all blank, as a web page copies them).
    const maybeBlankRow = filled === 1 && lastFilled < parts.length - 1;
    const emptyRow = filled === 0 && parts.length >= 3;
    if (filled < 2 && !maybeBlankRow && !emptyRow) return undefined;
    const fields = split(text, '\t', base, line);
    if (maybeBlankRow && fields[lastFilled].shape !== 'text') return undefined;
    return { line, fields, layout: 'tabs' };
  }
  if (!text.includes('|')) return undefined;
  const pieces = split(text, '|', base, line);
  const trimmed = text.trim();
  if (trimmed.startsWith('|') && trimmed.endsWith('|') && pieces.length >= 3) {
    // | a | b |: the pieces outside the outer pipes are not cells.
    const inner = pieces.slice(1, -1);
    return inner.some((p) => p.shape !== 'empty') ? { line, fields: inner, layout: 'markdown' } : undefined;
  }
  // "a | b | c |": what follows the last pipe ends the row; before a leading pipe nothing is a cell.
  const from = trimmed.startsWith('|') ? 1 : 0;
  const to = pieces.length > 1 && pieces[pieces.length - 1].shape === 'empty' ? pieces.length - 1 : pieces.length;
  const inner = pieces.slice(from, to);
  const withText = inner.filter((p) => p.shape !== 'empty').length;
  // One cell and its pipe or filler ("规章 |", "第二十条第(一)项 | |||", "0 | ||") is a cell of its own,
  // the one-cell-per-line layouts: the stream reads those.
  return withText >= 2 ? { line, fields: inner, layout: 'inline-pipes' } : undefined;
}
