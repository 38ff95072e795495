// Old Word 97–2003 (.doc) and WPS (.wps) files: word-extractor reads their text. The binary format
// marks the end of a cell and the end of a row with the same character, so a blank cell and a row
// end look alike: where the rows end, and which cells are blank, cannot be read. Each written cell
// goes to the engine on a line of its own, so that it rebuilds the rows from their labels (inferred)
// and says which rows it could not read, rather than read a guessed grid as exact. Never writable.
import WordExtractor from 'word-extractor';
import type { Span } from '../engine';
import { quoteAt, render, unitAt, unreadable, type Block, type DocumentLocation, type DocumentRead } from './model';

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
    for (const field of line.split('\t')) if (field.trim() !== '') blocks.push({ kind: 'paragraph', pieces: [{ text: field }] });
  }
  const rendered = render(blocks, { collapseProse: false });
  return {
    kind: 'doc',
    text: rendered.text,
    warnings: [
      {
        'zh-cn': '.doc/.wps 文件不区分空白单元格与行尾，表格按行标签推断读取，含空白格的行无法确定；请另存为 .docx 后检查以获得准确结果并自动修正',
        en: 'A .doc/.wps file does not tell a blank cell from a row end, so table rows are inferred from their labels and rows with blank cells cannot be read: save it as .docx for an exact reading and fixes',
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
