// Fixtures in every format, made from report texts whose tables are TAB-separated rows: a .docx
// written here (split runs, tracked changes, merged cells both ways, several paragraphs in a cell,
// blank cells with and without a run, a text box, a field), HTML pages (rowspan/colspan, a layout
// table, GBK with a meta charset, site chrome, scripts, del), and, through LibreOffice, PDF and
// .doc made from the .docx. Same text in, same files out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../server/src/documents/zip';

// ---------------------------------------------------------------------------------------------
// A report text as paragraphs and tables

export interface TestCell {
  text: string;
  /** Grid columns the cell spans (w:gridSpan / colspan). */
  span: number;
  /** Vertical merge: the first cell of a merge, or a cell covered by the one above. */
  merge?: 'restart' | 'continue';
  /** Rows a restarting cell spans (rowspan). */
  rows?: number;
}

export type TestBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: TestCell[][]; width: number };

/**
 * Lines with a TAB are table rows (consecutive ones one table), other non-empty lines paragraphs.
 * A row's leading empty fields under a filled cell are that cell's vertical merge; a row with fewer
 * fields than the table's widest lets its last cell span the rest.
 */
export function blocksOf(text: string): TestBlock[] {
  const blocks: TestBlock[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (table.length === 0) return;
    const width = Math.max(...table.map((r) => r.length));
    const rows: TestCell[][] = [];
    table.forEach((fields, r) => {
      const cells: TestCell[] = fields.map((text, c) => ({ text, span: c === fields.length - 1 ? width - fields.length + 1 : 1 }));
      if (r > 0) {
        for (let c = 0; c < cells.length - 1 && cells[c].text === '' && c < rows[r - 1].length && rows[r - 1][c].span === 1; c++) {
          let top = r - 1;
          while (rows[top][c].merge === 'continue') top--;
          if (rows[top][c].text === '') break;
          rows[top][c].merge = 'restart';
          rows[top][c].rows = (rows[top][c].rows ?? 1) + 1;
          cells[c].merge = 'continue';
        }
      }
      rows.push(cells);
    });
    blocks.push({ kind: 'table', rows, width });
    table = [];
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    // A line between two table rows (a sub-table caption, a group label) is a row of one merged cell.
    const inside = table.length > 0 && line.trim() !== '' && lines[i + 1]?.includes('\t');
    if (line.includes('\t') || inside) {
      table.push(line.split('\t'));
      return;
    }
    flush();
    if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: line.trim() });
  });
  flush();
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// A small zip writer (test code only; the product never writes a zip from scratch)

const view = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);

export function zip(files: [name: string, content: string | Uint8Array][]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const compressed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    // The fields a local header (from byte 4) and a central record (from byte 6) share.
    const shared = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(compressed.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(nameBytes.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    shared(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    shared(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(view(local), view(nameBytes), view(compressed));
    centrals.push(view(central), view(nameBytes));
    offset += 30 + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return view(Buffer.concat([...locals, view(directory), view(end)]));
}

// ---------------------------------------------------------------------------------------------
// .docx

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const FONT = '<w:rFonts w:ascii="WenQuanYi Micro Hei" w:hAnsi="WenQuanYi Micro Hei" w:eastAsia="WenQuanYi Micro Hei"/>';
const run = (text: string, size = 21) => `<w:r><w:rPr>${FONT}<w:sz w:val="${size}"/></w:rPr><w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;
const paragraph = (content: string, size = 21) => `<w:p><w:pPr><w:rPr>${FONT}<w:sz w:val="${size}"/></w:rPr></w:pPr>${content}</w:p>`;
const isNumber = (s: string) => /^\d+(?:\.\d+)?$/.test(s);

export interface DocxOptions {
  /** Put the title into a text box (mc:AlternateContent, the Fallback holding a copy). */
  textBox?: boolean;
  /** Word's quirks: split runs, tracked changes, several paragraphs in a cell, w:br, fields, blank cells two ways. */
  quirks?: boolean;
  /** Every number of two digits or more split across two runs (and no other quirk in the tables). */
  splitNumbers?: boolean;
  /** Tables drawn without border lines. */
  noBorders?: boolean;
  /** An embedded object at the end (what a table pasted from Excel leaves), whose content is not read. */
  embeddedObject?: boolean;
}

/** What each table cell becomes, with the quirks spread over the cells so that every table has some. */
function cellContent(text: string, index: number, quirks: boolean, size: number, splitNumbers = false): string {
  if (splitNumbers && isNumber(text) && text.length >= 2) {
    const cut = Math.ceil(text.length / 2);
    return paragraph(`${run(text.slice(0, cut), size)}<w:proofErr w:type="gramStart"/>${run(text.slice(cut), size)}<w:proofErr w:type="gramEnd"/>`, size);
  }
  if (text === '') {
    // A blank cell: no run at all, or (as WPS templates do) a run of full-width spaces.
    return quirks && index % 2 === 1 ? paragraph(run('\u3000\u3000', size), size) : `<w:p><w:pPr><w:rPr>${FONT}<w:sz w:val="${size}"/></w:rPr></w:pPr></w:p>`;
  }
  if (!quirks) return paragraph(run(text, size), size);
  if (isNumber(text) && text.length >= 2 && index % 3 === 0) {
    // A number split across runs with a proofing mark between them ("31" + proofErr + "18").
    const cut = Math.ceil(text.length / 2);
    return paragraph(`${run(text.slice(0, cut), size)}<w:proofErr w:type="gramStart"/>${run(text.slice(cut), size)}<w:proofErr w:type="gramEnd"/>`, size);
  }
  if (isNumber(text) && index % 3 === 1) {
    // A tracked change: the old value deleted, the new one inserted.
    const old = String(Number(text) + 7);
    return paragraph(`<w:del w:id="${900 + index}" w:author="t" w:date="2025-01-01T00:00:00Z"><w:r><w:rPr>${FONT}</w:rPr><w:delText>${old}</w:delText></w:r></w:del><w:ins w:id="${1900 + index}" w:author="t" w:date="2025-01-01T00:00:00Z">${run(text, size)}</w:ins>`, size);
  }
  const characters = [...text];
  if (!isNumber(text) && characters.length >= 10 && index % 2 === 0) {
    // Several paragraphs in one cell.
    const cut = Math.floor(characters.length / 2);
    return paragraph(run(characters.slice(0, cut).join(''), size), size) + paragraph(run(characters.slice(cut).join(''), size), size);
  }
  if (!isNumber(text) && characters.length === 4 && /^[\u4e00-\u9fff]+$/.test(text)) {
    // A line break inside a cell ("结果⏎维持").
    return paragraph(`${run(characters.slice(0, 2).join(''), size)}<w:r><w:br/></w:r>${run(characters.slice(2).join(''), size)}`, size);
  }
  return paragraph(run(text, size), size);
}

const TEXT_WIDTH = 9000;

function docxTable(table: Extract<TestBlock, { kind: 'table' }>, quirks: boolean, splitNumbers = false, noBorders = false): string {
  const column = Math.floor(TEXT_WIDTH / table.width);
  const size = table.width > 10 ? 12 : 16;
  let index = 0;
  const rows = table.rows.map((cells) => {
    const tcs = cells.map((cell) => {
      const properties = [`<w:tcW w:w="${column * cell.span}" w:type="dxa"/>`];
      if (cell.span > 1) properties.push(`<w:gridSpan w:val="${cell.span}"/>`);
      if (cell.merge === 'restart') properties.push('<w:vMerge w:val="restart"/>');
      if (cell.merge === 'continue') properties.push('<w:vMerge/>');
      const content = cell.merge === 'continue' ? `<w:p><w:pPr><w:rPr>${FONT}</w:rPr></w:pPr></w:p>` : cellContent(cell.text, index++, quirks, size, splitNumbers);
      return `<w:tc><w:tcPr>${properties.join('')}</w:tcPr>${content}</w:tc>`;
    });
    return `<w:tr>${tcs.join('')}</w:tr>`;
  });
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="${noBorders ? 'nil' : 'single'}" w:sz="4" w:space="0" w:color="000000"/>`).join('');
  const grid = Array.from({ length: table.width }, () => `<w:gridCol w:w="${column}"/>`).join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="${column * table.width}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

function textBox(text: string): string {
  const box = (inner: string) => `<w:txbxContent>${paragraph(run(text))}</w:txbxContent>${inner}`;
  return paragraph(
    `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5400000" cy="500000"/><wp:docPr id="1" name="标题框"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>${box('')}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape style="width:425pt;height:40pt"><v:textbox>${box('')}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`,
  );
}

/** A prose paragraph, with Word's quirks: a deleted run, a moved-away run, and a field shown by its result. */
function prose(text: string, index: number, quirks: boolean): string {
  if (!quirks || text.length < 8) return paragraph(run(text));
  const cut = Math.floor(text.length / 2);
  const head = text.slice(0, cut);
  const tail = text.slice(cut);
  if (index % 2 === 0) {
    return paragraph(`${run(head)}<w:del w:id="${5000 + index}" w:author="t"><w:r><w:delText>（已删除的文字99件）</w:delText></w:r></w:del><w:moveFrom w:id="${6000 + index}" w:author="t"><w:r><w:t>挪走的文字</w:t></w:r></w:moveFrom>${run(tail)}`);
  }
  return paragraph(`${run(head)}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> QUOTE "域代码123件" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(tail)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`);
}

const NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" mc:Ignorable=""';

export function documentXml(blocks: TestBlock[], options: DocxOptions = {}): string {
  const body = blocks.map((block, i) => {
    if (block.kind === 'table') return docxTable(block, options.quirks ?? false, options.splitNumbers, options.noBorders);
    if (i === 0 && options.textBox) return textBox(block.text);
    return prose(block.text, i, options.quirks ?? false);
  });
  // Word needs a paragraph between two tables, or it joins them into one.
  const separated = body.map((xml, i) => (i > 0 && xml.startsWith('<w:tbl>') && body[i - 1].startsWith('<w:tbl>') ? `<w:p/>${xml}` : xml));
  const section = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>';
  const embedded = options.embeddedObject ? '<w:p><w:r><w:object/></w:r></w:p>' : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NAMESPACES}><w:body>${separated.join('')}${embedded}${section}</w:body></w:document>`;
}

export function writeDocx(blocks: TestBlock[], options: DocxOptions = {}): Uint8Array {
  return zip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    ['word/document.xml', documentXml(blocks, options)],
  ]);
}

// ---------------------------------------------------------------------------------------------
// HTML

export interface HtmlOptions {
  /** Navigation, breadcrumbs, share buttons, attachments and a footer around the report, and scripts. */
  chrome?: boolean;
  /** The report inside a layout table. */
  layoutTable?: boolean;
  /** Encoded in GBK with a <meta charset="gbk">. */
  gbk?: boolean;
  /** Struck-out wrong values beside the right ones (del, s) and hidden text. */
  strikes?: boolean;
}

function htmlTable(table: Extract<TestBlock, { kind: 'table' }>, strikes: boolean): string {
  let index = 0;
  const rows = table.rows.map((cells) => {
    const tds = cells
      .filter((cell) => cell.merge !== 'continue')
      .map((cell) => {
        const attributes = `${cell.span > 1 ? ` colspan="${cell.span}"` : ''}${cell.rows ? ` rowspan="${cell.rows}"` : ''}`;
        let content = escape(cell.text);
        if (strikes && isNumber(cell.text) && index++ % 4 === 0) content = `<del>${Number(cell.text) + 3}</del>${content}<s>0</s>`;
        if (cell.text === '') content = '&nbsp;';
        return `<td${attributes}><p style="text-align:center">${content}</p></td>`;
      });
    return `  <tr>${tds.join('')}</tr>`;
  });
  return `<table border="1" cellspacing="0">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

export function writeHtml(blocks: TestBlock[], options: HtmlOptions = {}): Uint8Array {
  const charset = options.gbk ? 'gbk' : 'utf-8';
  const article = blocks
    .map((block, i) => {
      if (block.kind === 'table') return htmlTable(block, options.strikes ?? false);
      if (i === 0) return `<h1 class="title">${escape(block.text)}</h1>`;
      return `<p style="text-indent:2em">${escape(block.text)}${options.strikes && i % 5 === 0 ? '<span style="display:none">隐藏的文字88件</span>' : ''}</p>`;
    })
    .join('\n');
  const content = options.layoutTable ? `<table width="100%"><tr><td class="article">\n${article}\n</td><td class="side"><p>本栏目</p></td></tr></table>` : `<div class="article">\n${article}\n</div>`;
  const page = options.chrome
    ? `<div class="nav"><ul><li><a href="/">首页</a></li><li>政务公开</li><li>政府信息公开年报</li></ul></div>
<div class="crumbs">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年度报告</div>
<div class="info">发布时间：2025-01-20 来源：本网 浏览次数：<script>document.write('1024');</script></div>
<div class="share">分享到：微信 微博</div>
<script>var title = "一、总体情况"; document.write('<p>' + title + '</p>');</script>
${content}
<div class="attachments"><p>附件下载：</p><ul><li><a href="report.pdf">年度报告.pdf</a></li></ul></div>
<div class="tools">【打印本页】【关闭窗口】</div>
<div class="footer"><p>版权所有：示例市人民政府办公室</p><p>网站标识码：0000000000 备案号：某ICP备00000000号</p></div>`
    : content;
  const html = `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="${charset}">\n<title>年度报告</title>\n<style>td { border: 1px solid #000 }</style>\n</head>\n<body>\n${page}\n</body>\n</html>\n`;
  return options.gbk ? encodeGbk(html) : new Uint8Array(Buffer.from(html, 'utf8'));
}

let gbkTable: Map<string, number[]> | undefined;

/** GBK encoding built from the platform's GBK decoder (Node has no GBK encoder). */
function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = gbkTable.get(ch);
      if (!code) throw new Error(`not in GBK: ${ch}`);
      bytes.push(...code);
    }
  }
  return new Uint8Array(bytes);
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

export function setupLibreOffice(root: string): void {
  const result = spawnSync('bash', [join(root, 'test', 'documents', 'setup.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('test/documents/setup.sh failed');
}

/** Converts every file given to `format` (pdf, doc …) with LibreOffice in one run; returns the output paths. */
export function convert(files: string[], format: string, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const profile = join(outDir, '.profile');
  const result = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...files], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const outputs = files.map((file) => join(outDir, file.replace(/^.*\//, '').replace(/\.[^.]+$/, `.${format.split(':')[0]}`)));
  const missing = outputs.filter((o) => !existsSync(o));
  if (missing.length > 0) throw new Error(`LibreOffice did not write ${missing.join(', ')}: ${result.stderr}`);
  return outputs;
}

// ---------------------------------------------------------------------------------------------
// The fixture set

export interface Fixture {
  name: string;
  /** The text version the other formats are made from. */
  text: string;
}

export function fixtureTexts(root: string): Fixture[] {
  const dir = join(root, 'test', 'fixtures', 'tables');
  const tabbed = readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && !f.includes('.fixed.') && f !== 'layout-tab-indented-cells.txt')
    .map((f) => ({ name: f.replace(/\.txt$/, ''), text: readFileSync(join(dir, f), 'utf8') }))
    // Table 三 as tab rows: a file's tables come out as tab rows, so only such a text has a twin in every format.
    .filter((f) => /^.*本年新收政府信息公开申请数量\t/m.test(f.text));
  return tabbed;
}

/** Writes every format of every fixture under `outDir` (cleared first); PDF and .doc through LibreOffice. */
export function generate(root: string, fixtures: Fixture[], outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const docxFiles: string[] = [];
  for (const { name, text } of fixtures) {
    const blocks = blocksOf(text);
    writeFileSync(join(outDir, `${name}.txt`), text);
    writeFileSync(join(outDir, `${name}.docx`), writeDocx(blocks, { quirks: true, textBox: true }));
    writeFileSync(join(outDir, `${name}.plain.docx`), writeDocx(blocks));
    writeFileSync(join(outDir, `${name}.html`), writeHtml(blocks));
    writeFileSync(join(outDir, `${name}.site.html`), writeHtml(blocks, { chrome: true, layoutTable: true, gbk: true, strikes: true }));
    docxFiles.push(join(outDir, `${name}.plain.docx`));
  }
  setupLibreOffice(root);
  convert(docxFiles, 'pdf', join(outDir, 'pdf'));
  convert(docxFiles, 'doc', join(outDir, 'doc'));
}
