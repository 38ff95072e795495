// Bad input: each case gives one DocumentError with a reason in both languages (or, where the file
// can still be read, a warning), never a crash, a hang or a silent answer.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { generateReport } from '../../bench/reports';
import { applyDocxEdits, DocumentError, readDocument, sniff, type DocumentLimits } from '../../server/src/documents';
import { blocksOf, convert, documentXml, setupLibreOffice, writeDocx, writeHtml, zip } from './generate';
import { grid, root } from './helpers';

const outDir = join(root, 'out', 'documents-bad');
const realPdf = join(root, '..', 'shared', 'corpus', 'files', '001_huaian_szf_2024.pdf');
const sample = () => blocksOf(generateReport(7, { layout: 'tabs', proseBytes: 600 }).text);

/** Reading fails with a DocumentError whose Chinese reason contains `zh`; the error is returned. */
async function refused(bytes: Uint8Array, name: string, zh: string, limits?: Partial<DocumentLimits>): Promise<DocumentError> {
  try {
    await readDocument(bytes, name, limits);
  } catch (error) {
    assert.ok(error instanceof DocumentError, `a DocumentError, not ${String(error)}`);
    assert.ok(error.reason['zh-cn'].includes(zh), `“${error.reason['zh-cn']}” names “${zh}”`);
    assert.ok(error.reason.en.length > 0);
    return error;
  }
  assert.fail(`${name} was read`);
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A one-page PDF written by hand: its page draws a filled rectangle (a scan) and has no text. */
function pdfWithoutText(): Uint8Array {
  const content = 'q 0.5 g 50 50 400 600 re f Q';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

before(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
});

describe('.docx', () => {
  test('corrupt: a truncated .docx', async () => {
    const docx = writeDocx(sample());
    await refused(docx.subarray(0, Math.floor(docx.length / 2)), 'report.docx', '损坏');
  });

  test('corrupt: zip entries whose data is not deflate', async () => {
    const docx = Buffer.from(writeDocx(sample()));
    const xmlAt = docx.indexOf('word/document.xml') + 'word/document.xml'.length;
    for (let i = xmlAt; i < xmlAt + 200; i++) docx[i] ^= 0x5a;
    await refused(new Uint8Array(docx), 'report.docx', '损坏');
  });

  test('password-protected: an encrypted .docx (an OLE container holding EncryptedPackage)', async () => {
    const ole = Buffer.alloc(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.write('EncryptionInfo', 1024, 'utf16le');
    ole.write('EncryptedPackage', 1152, 'utf16le');
    assert.equal(sniff(new Uint8Array(ole), 'report.docx'), 'doc');
    await refused(new Uint8Array(ole), 'report.docx', '密码');
  });

  test('password-protected: a zip entry with the encryption flag', async () => {
    const docx = Buffer.from(zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', documentXml(sample())]]));
    // Set bit 0 (encrypted) of the general-purpose flags in every local and central header.
    for (let at = docx.indexOf('PK\x03\x04'); at >= 0; at = docx.indexOf('PK\x03\x04', at + 4)) docx[at + 6] |= 1;
    for (let at = docx.indexOf('PK\x01\x02'); at >= 0; at = docx.indexOf('PK\x01\x02', at + 4)) docx[at + 8] |= 1;
    await refused(new Uint8Array(docx), 'report.docx', '密码');
  });

  test('zip bomb: document.xml inflating far beyond its size', async () => {
    const xml = documentXml(sample()).replace('<w:body>', `<w:body><!--${' '.repeat(40 * 1024 * 1024)}-->`);
    const bytes = zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', xml]]);
    assert.ok(bytes.length < 200 * 1024);
    await refused(bytes, 'bomb.docx', '压缩炸弹');
  });

  test('zip bomb: a header that understates the inflated size', async () => {
    const xml = documentXml(sample()).replace('<w:body>', `<w:body><!--${' '.repeat(4 * 1024 * 1024)}-->`);
    const bytes = Buffer.from(zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', xml]]));
    // Declare 1000 bytes in both headers of document.xml: the inflater must stop at the limit anyway.
    const local = bytes.indexOf('PK\x03\x04', bytes.indexOf('PK\x03\x04') + 4);
    bytes.writeUInt32LE(1000, local + 22);
    const central = bytes.lastIndexOf('PK\x01\x02');
    bytes.writeUInt32LE(1000, central + 24);
    await refused(new Uint8Array(bytes), 'bomb.docx', '压缩炸弹', { maxEntryBytes: 1024 * 1024 });
  });

  test('XML with a DTD and entities: refused, never expanded', async () => {
    const laughs = '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    const xml = documentXml(sample()).replace('<w:document', `${laughs}<w:document`).replace('一、总体情况', '&c;');
    await refused(zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', xml]]), 'laughs.docx', 'DTD');
  });

  test('an embedded object (a table pasted from Excel): said, and the file is not written', async () => {
    const object = '<w:p><w:r><w:object><v:shape style="width:400pt;height:200pt"/><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="rId9"/></w:object></w:r></w:p>';
    const xml = documentXml(sample()).replace('<w:body>', `<w:body>${object}`).replace('xmlns:v=', 'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v=');
    const bytes = zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', xml]]);
    const read = await readDocument(bytes, 'pasted.docx');
    assert.equal(read.writable, false);
    assert.ok(read.warnings.some((w) => w['zh-cn'].includes('嵌入对象')));
    await assert.rejects(applyDocxEdits(bytes, read, []), DocumentError);
  });

  test('not a Word document: a zip without a Word main part', async () => {
    const bytes = zip([['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'], ['content.xml', '<x/>']]);
    await refused(bytes, 'report.docx', '不是 Word 文档');
  });
});

describe('.pdf', () => {
  before(() => setupLibreOffice(root));

  test('encrypted PDF: an open password', async () => {
    const docx = join(outDir, 'encrypted.docx');
    writeFileSync(docx, writeDocx(sample()));
    const options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}';
    const [pdf] = convert([docx], `pdf:writer_pdf_Export:${options}`, join(outDir, 'encrypted'));
    await refused(new Uint8Array(readFileSync(pdf)), pdf, '已加密');
  });

  test('scanned PDF without text: 扫描件，无文字层，无法检查', async () => {
    const error = await refused(pdfWithoutText(), 'scan.pdf', '扫描件，无文字层，无法检查');
    assert.match(error.reason.en, /scanned/);
  });

  test('corrupt PDF: a truncated file', async () => {
    const pdf = readFileSync(realPdf);
    await refused(new Uint8Array(pdf.subarray(0, 2000)), 'cut.pdf', '损坏');
  });

  test('a PDF table without border lines: read from the gaps between words, and said so', async () => {
    const report = generateReport(11, { layout: 'tabs', proseBytes: 600 }).text;
    const docx = join(outDir, 'unruled.docx');
    writeFileSync(docx, writeDocx(blocksOf(report), { noBorders: true }));
    const [pdf] = convert([docx], 'pdf', join(outDir, 'unruled'));
    const read = await readDocument(new Uint8Array(readFileSync(pdf)), pdf);
    assert.ok(read.warnings.some((w) => w['zh-cn'].includes('没有边框线')), JSON.stringify(read.warnings));
    // Every row it reads has the text's values: a row it cannot read is left out and reported, never guessed.
    const truth = new Map(grid(report).map((r) => [`${r.table}/${r.row}`, r.cells.join()]));
    const rows = grid(read.text);
    const wrong = rows.filter((r) => r.cells.every((c) => c !== 'blank' && c !== 'invalid') && truth.get(`${r.table}/${r.row}`) !== r.cells.join());
    console.log(`PDF without border lines: ${rows.filter((r) => truth.get(`${r.table}/${r.row}`) === r.cells.join()).length} of ${truth.size} rows read as the text has them`);
    assert.deepEqual(wrong, []);
  });

  test('huge PDF: pages past the limit are left out, and said so', async () => {
    const read = await readDocument(new Uint8Array(readFileSync(realPdf)), realPdf, { maxPages: 2 });
    assert.ok(read.warnings.some((w) => w['zh-cn'].includes('只读取了前 2 页')), JSON.stringify(read.warnings));
    assert.ok(!read.text.includes('六、其他需要报告的事项'));
  });
});

describe('.html and any file', () => {
  test('HTML with scripts: never run, their text never read', async () => {
    const page = Buffer.from(writeHtml(sample())).toString('utf8').replace('<body>', '<body><script>while (true) {} </script><script>document.write("四、虚假的章节")</script>');
    const read = await readDocument(new Uint8Array(Buffer.from(page)), 'page.html');
    assert.ok(!read.text.includes('while') && !read.text.includes('虚假'));
  });

  test('HTML nested deeper than any page: refused at once, never a crash or a quadratic parse', async () => {
    const depth = 200_000;
    const page = `<html><body>${'<div>'.repeat(depth)}一、总体情况${'</div>'.repeat(depth)}</body></html>`;
    await refused(new Uint8Array(Buffer.from(page)), 'deep.html', '嵌套');
    // A real page's sloppy markup (unclosed p, li, td, font; void elements written <br/>) is not refused.
    const markup = '<p>段落<br/><img src="x.png"/><ul><li>项<li>项</ul><table><tr><td>格<td>格<tr><td>格</table>';
    const sloppy = `<html><body>${markup.repeat(5000)}${'<font size="3">'.repeat(300)}<p>一、总体情况</body></html>`;
    const read = await readDocument(new Uint8Array(Buffer.from(sloppy)), 'sloppy.html');
    assert.ok(read.text.includes('一、总体情况'));
  });

  test('not a report format: random bytes with a zip signature', async () => {
    const bytes = new Uint8Array(2048).map((_, i) => (i * 7919) % 251);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    await refused(bytes, 'mystery.bin', '不是可检查的年报格式');
  });

  test('too large: past the file size limit', async () => {
    await refused(new Uint8Array(2 * 1024 * 1024), 'big.pdf', '文件过大', { maxFileBytes: 1024 * 1024 });
  });

  test('sniff: the first bytes decide, the extension only breaks a tie', () => {
    const docx = writeDocx(sample());
    assert.equal(sniff(docx, 'report.txt'), 'docx');
    assert.equal(sniff(new Uint8Array(readFileSync(realPdf)), 'report.docx'), 'pdf');
    assert.equal(sniff(new Uint8Array(Buffer.from('\ufeff  <!DOCTYPE html><html></html>')), 'report.txt'), 'html');
    assert.equal(sniff(new Uint8Array(Buffer.from('<meta charset="gbk"><p>一、总体情况</p>')), 'page'), 'html');
    assert.equal(sniff(new Uint8Array(Buffer.from('一、总体情况\n<p>不是网页</p>')), 'report.html'), 'text');
    assert.equal(sniff(new Uint8Array(Buffer.from('<p>一、总体情况</p>')), 'report.html'), 'html');
    assert.equal(sniff(new Uint8Array(Buffer.from('一、总体情况')), 'report.txt'), 'text');
    assert.equal(sniff(new Uint8Array(deflateRawSync(new TextEncoder().encode('x'))), 'x.bin'), 'text');
  });
});
