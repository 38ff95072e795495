// .docx: the stored XML of the main document part, read with a streaming XML parser that never
// expands entities (a DTD is refused outright), and fixes written back into the same `w:t` texts.
// Tracked changes are read as accepted (w:del and w:moveFrom left out, w:ins read), a text box once
// (mc:AlternateContent: the Choice, not the Fallback), a field by its result, not its instruction.
import { Parser } from 'htmlparser2';
import type { Localized, OffsetEdit, Span } from '../engine';
import {
  render,
  unitAt,
  quoteAt,
  unreadable,
  type Block,
  type CellBlock,
  type DocumentLimits,
  type DocumentLocation,
  type DocumentRead,
  type ParagraphBlock,
  type Rendered,
  type RowBlock,
  type TableBlock,
} from './model';
import { inflateEntry, readZip, replaceEntry, type Zip } from './zip';

const WORD_NAMESPACES = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];
const COMPATIBILITY_NAMESPACE = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** A `w:t` element that was read: where its content is in the XML and what it says. */
interface TextNode {
  tagStart: number;
  contentStart: number;
  contentEnd: number;
  /** End of the element (after `</w:t>` or `/>`). */
  end: number;
  text: string;
  selfClosing: boolean;
  /** Position of its first character in the reader's source numbering. */
  base: number;
}

/** Where a run can be added to a paragraph that has none (a blank cell), and in which style. */
interface ParagraphAnchor {
  /** Offset of `</w:p>`, or of the whole `<w:p …/>` when it is self-closing. */
  closeAt: number;
  selfClosingEnd?: number;
  /** The paragraph mark's run properties (`w:pPr/w:rPr`), to give the new run the paragraph's style. */
  runProperties: string;
}

export interface DocxRead extends DocumentRead {
  kind: 'docx';
  /** Internal: what the writer needs. */
  readonly source: { zip: Zip; partName: string; xml: string; nodes: TextNode[]; anchors: ParagraphAnchor[]; rendered: Rendered };
}

const decoder = new TextDecoder('utf-8');

function mainPartName(zip: Zip, limits: DocumentLimits): string {
  const types = zip.entries.find((e) => e.name === '[Content_Types].xml');
  if (!types) throw unreadable('不是 Word 文档（.docx）：压缩包中没有 [Content_Types].xml', 'Not a Word document (.docx): the zip has no [Content_Types].xml');
  const xml = decoder.decode(inflateEntry(zip, types, limits));
  let part: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const type = attributes.ContentType ?? '';
        if (!part && name === 'Override' && /wordprocessingml\.(?:document|template)\.main\+xml|ms-word\.(?:document|template)\.macroEnabled(?:\.main)?\+xml/.test(type)) {
          part = (attributes.PartName ?? '').replace(/^\//, '');
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  if (!part) throw unreadable('不是 Word 文档（.docx）：没有 Word 正文部分', 'Not a Word document (.docx): it has no Word main document part');
  return part;
}

interface ParseResult {
  blocks: Block[];
  nodes: TextNode[];
  anchors: ParagraphAnchor[];
  /** Embedded objects (a pasted Excel table, another document) whose content is not in this XML. */
  embedded: number;
}

/** document.xml → blocks. Every `w:t` read becomes a piece whose `at` numbers its characters. */
function parseDocument(xml: string): ParseResult {
  if (/<!(?:DOCTYPE|ENTITY)/i.test(xml)) {
    throw unreadable('文档的 XML 含有 DTD 或实体声明，Word 不会这样保存，出于安全不予读取', 'The document XML holds a DTD or entity declarations, which Word never writes: not read, for safety');
  }
  const nodes: TextNode[] = [];
  const anchors: ParagraphAnchor[] = [];
  const body: Block[] = [];
  // Element names with the prefixes the document declares (w: and mc: almost always).
  let w = 'w:';
  let alternateContent = 'mc:AlternateContent';
  let choice = 'mc:Choice';
  let fallback = 'mc:Fallback';
  let sourceChars = 0;
  let embedded = 0;

  // Containers receiving blocks: the body, a table cell, a text box.
  const containers: Block[][] = [body];
  const tables: { table: TableBlock; row?: RowBlock; rowCount: number; cellCount: number }[] = [];
  /** Open paragraphs (a text box's paragraphs open inside another), with blocks to place after each. */
  const paragraphs: { block: ParagraphBlock; after: Block[]; anchor: number }[] = [];
  /** Depth inside an element whose content is not read (deleted text, a Fallback, an instruction…). */
  let skipping = 0;
  /** Per open mc:AlternateContent: whether a Choice was already read. */
  const alternates: boolean[] = [];
  /** Per open complex field: true while its instruction is being read (before w:fldChar separate). */
  const fields: boolean[] = [];
  let text: { node: TextNode; parts: string[] } | undefined;
  let pendingRunProperties: { start: number } | undefined;
  let inParagraphProperties = 0;

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (skipping > 0) {
          skipping++;
          return;
        }
        if (name.endsWith(':document')) {
          for (const [attribute, value] of Object.entries(attributes)) {
            if (!attribute.startsWith('xmlns:')) continue;
            const prefix = attribute.slice(6);
            if (WORD_NAMESPACES.includes(value)) w = `${prefix}:`;
            if (value === COMPATIBILITY_NAMESPACE) [alternateContent, choice, fallback] = [`${prefix}:AlternateContent`, `${prefix}:Choice`, `${prefix}:Fallback`];
          }
          return;
        }
        const local = name.startsWith(w) ? name.slice(w.length) : undefined;
        if (name === alternateContent) {
          alternates.push(false);
          return;
        }
        if (name === choice) {
          if (alternates.length === 0 || alternates[alternates.length - 1]) skipping = 1;
          else alternates[alternates.length - 1] = true;
          return;
        }
        if (name === fallback) {
          skipping = 1;
          return;
        }
        if (local === undefined) return;
        const inInstruction = fields.length > 0 && fields.some((instruction) => instruction);
        switch (local) {
          case 'del':
          case 'moveFrom':
          case 'instrText':
          case 'delText':
          case 'delInstrText':
          case 'sdtPr':
          case 'tblPr':
          case 'tblGrid':
          case 'trPr':
          case 'sectPr':
          case 'footnoteReference':
            skipping = 1;
            return;
          case 'pPr':
            inParagraphProperties++;
            return;
          case 'rPr':
            if (inParagraphProperties > 0 && paragraphs.length > 0) pendingRunProperties = { start: parser.startIndex };
            return;
          case 'fldChar': {
            const type = attributes[`${w}fldCharType`];
            if (type === 'begin') fields.push(true);
            else if (type === 'separate' && fields.length > 0) fields[fields.length - 1] = false;
            else if (type === 'end') fields.pop();
            return;
          }
          case 'tbl': {
            const table: TableBlock = { kind: 'table', rows: [] };
            containers[containers.length - 1].push(table);
            tables.push({ table, rowCount: 0, cellCount: 0 });
            return;
          }
          case 'tr': {
            const open = tables[tables.length - 1];
            if (!open) return;
            open.row = { cells: [], number: ++open.rowCount };
            open.cellCount = 0;
            open.table.rows.push(open.row);
            return;
          }
          case 'tc': {
            const open = tables[tables.length - 1];
            if (!open?.row) return;
            const cell: CellBlock = { blocks: [], number: ++open.cellCount };
            open.row.cells.push(cell);
            containers.push(cell.blocks);
            return;
          }
          case 'vMerge':
          case 'hMerge': {
            const cell = tables[tables.length - 1]?.row?.cells.at(-1);
            const value = attributes[`${w}val`];
            if (cell && value !== 'restart') cell.covered = true;
            return;
          }
          case 'txbxContent':
            containers.push([]);
            return;
          case 'object':
          case 'altChunk':
            embedded++;
            return;
          case 'p': {
            const block: ParagraphBlock = { kind: 'paragraph', pieces: [] };
            const anchor = anchors.length;
            anchors.push({ closeAt: -1, runProperties: '' });
            paragraphs.push({ block, after: [], anchor });
            if (xml.charCodeAt(parser.endIndex - 1) === 47 /* "/" */) {
              anchors[anchor].closeAt = parser.startIndex;
              anchors[anchor].selfClosingEnd = parser.endIndex + 1;
            }
            return;
          }
          case 't': {
            if (inInstruction || paragraphs.length === 0) {
              skipping = 1;
              return;
            }
            const selfClosing = xml.charCodeAt(parser.endIndex - 1) === 47;
            const node: TextNode = { tagStart: parser.startIndex, contentStart: parser.endIndex + 1, contentEnd: parser.endIndex + 1, end: parser.endIndex + 1, text: '', selfClosing, base: sourceChars };
            text = { node, parts: [] };
            return;
          }
          case 'tab':
          case 'noBreakHyphen':
            if (!inInstruction && paragraphs.length > 0 && inParagraphProperties === 0) {
              paragraphs[paragraphs.length - 1].block.pieces.push({ text: local === 'tab' ? '\t' : '-' });
            }
            return;
          case 'br':
          case 'cr':
            if (!inInstruction && paragraphs.length > 0) paragraphs[paragraphs.length - 1].block.pieces.push({ text: '', lineBreak: true });
            return;
        }
      },
      ontext(data) {
        if (skipping === 0 && text) text.parts.push(data);
      },
      onclosetag(name) {
        if (skipping > 0) {
          skipping--;
          return;
        }
        if (name === alternateContent) {
          alternates.pop();
          return;
        }
        const local = name.startsWith(w) ? name.slice(w.length) : undefined;
        switch (local) {
          case 'pPr':
            inParagraphProperties--;
            return;
          case 'rPr':
            if (pendingRunProperties && paragraphs.length > 0) {
              anchors[paragraphs[paragraphs.length - 1].anchor].runProperties = runPropertiesForNewRun(xml.slice(pendingRunProperties.start, parser.endIndex + 1));
            }
            pendingRunProperties = undefined;
            return;
          case 't': {
            if (!text) return;
            const { node, parts } = text;
            node.text = parts.join('');
            if (!node.selfClosing) {
              node.contentEnd = parser.startIndex;
              node.end = parser.endIndex + 1;
            }
            nodes.push(node);
            sourceChars += node.text.length;
            paragraphs[paragraphs.length - 1].block.pieces.push({ text: node.text, at: node.base });
            text = undefined;
            return;
          }
          case 'p': {
            const open = paragraphs.pop();
            if (!open) return;
            if (anchors[open.anchor].closeAt < 0) anchors[open.anchor].closeAt = parser.startIndex;
            open.block.anchor = open.anchor;
            const container = paragraphs.length > 0 ? paragraphs[paragraphs.length - 1].after : containers[containers.length - 1];
            container.push(open.block, ...open.after);
            return;
          }
          case 'txbxContent': {
            const blocks = containers.pop() ?? [];
            if (paragraphs.length > 0) paragraphs[paragraphs.length - 1].after.push(...blocks);
            else containers[containers.length - 1].push(...blocks);
            return;
          }
          case 'tc':
            containers.pop();
            return;
          case 'tr': {
            const open = tables[tables.length - 1];
            if (open) open.row = undefined;
            return;
          }
          case 'tbl':
            tables.pop();
            return;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return { blocks: body, nodes, anchors, embedded };
}

/** The paragraph mark's properties, minus the revision marks that belong to the mark alone. */
function runPropertiesForNewRun(properties: string): string {
  if (properties.includes('rPrChange')) return '';
  return properties.replace(/<w:(?:ins|del|moveFrom|moveTo)\b[^>]*\/>/g, '');
}

export function readDocx(bytes: Uint8Array, limits: DocumentLimits): DocxRead {
  const zip = readZip(bytes);
  const partName = mainPartName(zip, limits);
  const entry = zip.entries.find((e) => e.name === partName);
  if (!entry) throw unreadable('Word 文档不完整：缺少正文部分', `The Word document is incomplete: its main part ${partName} is missing`);
  const xml = decoder.decode(inflateEntry(zip, entry, limits));
  const { blocks, nodes, anchors, embedded } = parseDocument(xml);
  const rendered = render(blocks, { collapseProse: false });
  // What an embedded object holds (often a table pasted from Excel) is not read: the file is not
  // read in full, so no fix is written into it.
  const warnings: Localized[] = embedded
    ? [{ 'zh-cn': `文档中有 ${embedded} 个嵌入对象（如从 Excel 粘贴的表格），其内容未能检查；因此不会把修正写入此文件`, en: `The document holds ${embedded} embedded object(s) (such as a table pasted from Excel) whose content was not checked; no fix is written into it` }]
    : [];
  return {
    kind: 'docx',
    text: rendered.text,
    warnings,
    writable: embedded === 0,
    source: { zip, partName, xml, nodes, anchors, rendered },
    locate(span: Span): DocumentLocation | undefined {
      const unit = unitAt(rendered.units, span.start);
      if (!unit) return undefined;
      if (unit.kind === 'cell') return { kind: 'docx', table: unit.table!, row: unit.row!, cell: unit.cell! };
      return { kind: 'docx', paragraph: unit.paragraph!, quote: quoteAt(rendered.text, unit, span) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Write-back

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Writes each edit that stays inside one paragraph's or one cell's text into the `w:t` texts it
 * covers (a number split across runs keeps its first run, the others lose their part); a blank
 * cell without a run gets one in the paragraph's style. Everything else is returned as `manual`.
 */
export function applyDocxEdits(read: DocxRead, edits: OffsetEdit[]): { bytes: Uint8Array; applied: OffsetEdit[]; manual: OffsetEdit[] } {
  const { zip, partName, xml, nodes, anchors, rendered } = read.source;
  const applied: OffsetEdit[] = [];
  const manual: OffsetEdit[] = [];
  /** New text per node index, built from its characters with their replacements. */
  const changed = new Map<number, string[]>();
  const inserted = new Map<number, string>();
  const nodeOf = (at: number) => {
    let low = 0;
    let high = nodes.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (nodes[mid].base <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  // Per UTF-16 unit of the node's text (so offsets stay exact), what it becomes.
  const charsOf = (index: number) => {
    let chars = changed.get(index);
    if (!chars) changed.set(index, (chars = nodes[index].text.split('')));
    return chars;
  };
  const taken: Span[] = [];

  for (const edit of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    const { start, end } = edit.span;
    const unit = unitAt(rendered.units, start);
    const inside = unit && unit.start <= start && end <= unit.end;
    const crossesSeparator = inside && Array.from({ length: end - start }, (_, i) => rendered.origins[start + i]).some((at) => at < 0);
    const overlaps = taken.some((t) => t.start < end && start < t.end);
    if (!unit || !inside || crossesSeparator || overlaps || /[\t\n\r]/.test(edit.newText)) {
      manual.push(edit);
      continue;
    }
    taken.push(edit.span);
    const kept = unit.sources.map((s, i) => ({ ...s, i })).filter((s) => s.rendered >= 0);
    const firstKept = kept.find((s) => s.rendered >= start);
    const afterKept = kept.find((s) => s.rendered >= end);
    const from = start === unit.start ? 0 : firstKept?.i ?? unit.sources.length;
    const to = end === unit.end ? unit.sources.length : afterKept?.i ?? unit.sources.length;
    const affected = unit.sources.slice(from, to).filter((s) => s.at >= 0);
    if (affected.length > 0) {
      affected.forEach((source, i) => {
        const index = nodeOf(source.at);
        const chars = charsOf(index);
        chars[source.at - nodes[index].base] = i === 0 ? edit.newText : '';
      });
    } else {
      const next = unit.sources.slice(from).find((s) => s.at >= 0);
      const previous = unit.sources.slice(0, from).reverse().find((s) => s.at >= 0);
      if (next) {
        const index = nodeOf(next.at);
        const chars = charsOf(index);
        const offset = next.at - nodes[index].base;
        chars[offset] = edit.newText + chars[offset];
      } else if (previous) {
        const index = nodeOf(previous.at);
        const chars = charsOf(index);
        const offset = previous.at - nodes[index].base;
        chars[offset] = chars[offset] + edit.newText;
      } else if (unit.anchor !== undefined) {
        inserted.set(unit.anchor, (inserted.get(unit.anchor) ?? '') + edit.newText);
      } else {
        manual.push(edit);
        taken.pop();
        continue;
      }
    }
    applied.push(edit);
  }

  const splices: Splice[] = [];
  for (const [index, chars] of changed) {
    const node = nodes[index];
    const raw = chars.join('');
    const content = escapeXml(raw);
    const needsPreserve = /^\s|\s$/.test(raw) && !/xml:space\s*=\s*["']preserve["']/.test(xml.slice(node.tagStart, node.contentStart));
    if (node.selfClosing || needsPreserve) {
      const name = xml.slice(node.tagStart + 1).match(/^[^\s/>]+/)![0];
      const attributes = xml.slice(node.tagStart + 1 + name.length, node.selfClosing ? node.end - 2 : node.contentStart - 1);
      splices.push({ start: node.tagStart, end: node.end, text: `<${name}${attributes}${needsPreserve ? ' xml:space="preserve"' : ''}>${content}</${name}>` });
    } else splices.push({ start: node.contentStart, end: node.contentEnd, text: content });
  }
  for (const [anchorIndex, newText] of inserted) {
    const anchor = anchors[anchorIndex];
    const run = `<w:r>${anchor.runProperties}<w:t xml:space="preserve">${escapeXml(newText)}</w:t></w:r>`;
    if (anchor.selfClosingEnd !== undefined) {
      const tag = xml.slice(anchor.closeAt, anchor.selfClosingEnd);
      splices.push({ start: anchor.closeAt, end: anchor.selfClosingEnd, text: `${tag.slice(0, -2).trimEnd()}>${run}</w:p>` });
    } else splices.push({ start: anchor.closeAt, end: anchor.closeAt, text: run });
  }
  splices.sort((a, b) => b.start - a.start);
  let out = xml;
  for (const splice of splices) out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
  const bytes = splices.length === 0 ? zip.bytes : replaceEntry(zip, partName, new TextEncoder().encode(out));
  return { bytes, applied, manual };
}
