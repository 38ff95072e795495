// Old Word 97–2003 (.doc) and WPS (.wps) files: word-extractor reads their text. The binary format
// marks the end of a cell and the end of a row with the same character, so a blank cell and a row
// end look alike: a row is taken to end where the next field starts like a label rather than a
// value. Good enough to read a report, not to write one: never writable, and said in a warning.
import WordExtractor from 'word-extractor';
import type { Span } from '../engine';
import { quoteAt, render, unitAt, unreadable, type Block, type DocumentLocation, type DocumentRead, type RowBlock } from './model';

const VALUE = /^(?:[-+]?[\d０-９][\d０-９,，.．]*%?|[/／\-—－–]|无|0)$/;

/** One line of cells (cell marks as tabs) → rows, ending a row where an empty field precedes a label. */
function rowsOf(fields: string[]): RowBlock[] {
  const rows: RowBlock[] = [];
  let cells: string[] = [];
  const endRow = () => {
    if (cells.length) rows.push({ number: rows.length + 1, cells: cells.map((text, i) => ({ number: i + 1, blocks: [{ kind: 'paragraph', pieces: [{ text }] }] })) });
    cells = [];
  };
  fields.forEach((field, i) => {
    const next = fields[i + 1];
    if (field === '' && next !== undefined && next.trim() !== '' && !VALUE.test(next.trim()) && cells.length > 0) endRow();
    else if (field === '' && next === undefined) endRow();
    else cells.push(field);
  });
  endRow();
  return rows;
}

export async function readDoc(bytes: Uint8Array): Promise<DocumentRead> {
  let body: string;
  try {
    const document = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = document.getBody({ filterUnicode: false });
  } catch {
    throw unreadable('无法读取此 .doc/.wps 文件（已损坏或不是 Word 97–2003 格式）', 'This .doc/.wps file cannot be read (corrupt, or not in the Word 97–2003 format)');
  }
  const blocks: Block[] = [];
  for (const line of body.split('\n')) {
    if (!line.includes('\t')) {
      blocks.push({ kind: 'paragraph', pieces: [{ text: line }] });
      continue;
    }
    const fields = line.split('\t');
    // Text glued after the table's last row end is the paragraph that follows the table.
    const after = fields[fields.length - 1] !== '' ? fields.pop()! : '';
    blocks.push({ kind: 'table', rows: rowsOf(fields) });
    if (after) blocks.push({ kind: 'paragraph', pieces: [{ text: after }] });
  }
  const rendered = render(blocks, { collapseProse: false });
  return {
    kind: 'doc',
    text: rendered.text,
    warnings: [
      {
        'zh-cn': '.doc/.wps 文件不区分空白单元格与行尾，表格的分行是推断的；请另存为 .docx 后检查以获得准确结果并自动修正',
        en: 'A .doc/.wps file does not tell a blank cell from a row end, so table rows are inferred: save it as .docx for an exact reading and fixes',
      },
    ],
    writable: false,
    locate(span: Span): DocumentLocation | undefined {
      const unit = unitAt(rendered.units, span.start);
      if (!unit) return undefined;
      const line = rendered.text.slice(0, unit.start).split('\n').length;
      const lineStart = rendered.text.lastIndexOf('\n', unit.start - 1) + 1;
      const lineEnd = rendered.text.indexOf('\n', unit.start);
      return { kind: 'doc', paragraph: line, quote: quoteAt(rendered.text, { ...unit, start: lineStart, end: lineEnd < 0 ? rendered.text.length : lineEnd }, span) };
    },
  };
}
