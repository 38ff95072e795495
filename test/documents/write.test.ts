// Fixes written back into a .docx: a wrong total whose number is split across runs, blank cells
// without a run, and fixes that insert rows or tables (left for the user). The file re-reads to
// the fixed text and re-checks clean, only word/document.xml changes, only in its w:t texts, and
// LibreOffice still opens it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { applyEdits, checkText, fixAllEdits } from '../../server/src/engine';
import { applyDocxEdits, readDocument, DocumentError } from '../../server/src/documents';
import { blocksOf, convert, setupLibreOffice, writeDocx, writeHtml } from './generate';
import { findings, grid, mainPartXml, records, reportWithWrongTotal, root, skeleton, texts } from './helpers';

const outDir = join(root, 'out', 'documents-write');

before(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  setupLibreOffice(root);
});

test('applyDocxEdits: a wrong total split across runs is fixed in place; only its w:t texts change', async () => {
  const text = reportWithWrongTotal();
  const before = writeDocx(blocksOf(text), { splitNumbers: true });
  const read = await readDocument(before, 'report.docx');
  const first = checkText(read.text).findings;
  assert.ok(first.some((f) => f.rule === 'row-total'), 'the wrong total is found in the .docx');
  const edits = fixAllEdits(first);
  const { bytes: after, applied, manual } = await applyDocxEdits(before, read, edits);
  assert.deepEqual(manual, []);
  assert.equal(applied.length, edits.length);

  // Re-reads to the fixed text, and re-checks clean.
  const again = await readDocument(after, 'report.docx');
  assert.equal(again.text, applyEdits(read.text, applied));
  assert.deepEqual(findings(again.text), []);

  // Exactly one zip entry changed: word/document.xml.
  const old = records(before);
  const now = records(after);
  assert.deepEqual([...now.keys()], [...old.keys()]);
  const changed = [...old.keys()].filter((name) => old.get(name) !== now.get(name));
  assert.deepEqual(changed, ['word/document.xml']);

  // In document.xml only w:t texts changed: the split number's two runs (its new value in the first).
  const xmlBefore = mainPartXml(before);
  const xmlAfter = mainPartXml(after);
  assert.equal(skeleton(xmlAfter), skeleton(xmlBefore));
  const differing = texts(xmlBefore).map((t, i) => [t, texts(xmlAfter)[i]]).filter(([a, b]) => a !== b);
  assert.equal(differing.length, 2, `changed w:t texts: ${JSON.stringify(differing)}`);
  assert.equal(differing[1][1], '', 'the second run of the split number is emptied');

  // LibreOffice opens the written file: converted to PDF, it reads to the fixed grid.
  const file = join(outDir, 'fixed-total.docx');
  writeFileSync(file, after);
  const [pdf] = convert([file], 'pdf', join(outDir, 'pdf'));
  const fromPdf = await readDocument(new Uint8Array(readFileSync(pdf)), pdf);
  assert.deepEqual(grid(fromPdf.text), grid(again.text));
});

test('applyDocxEdits: a blank cell without a run gets one in the paragraph style', async () => {
  const text = readFileSync(join(root, 'test', 'fixtures', 'tables', 'blank-cell.txt'), 'utf8');
  const before = writeDocx(blocksOf(text));
  const read = await readDocument(before, 'blank.docx');
  const edits = fixAllEdits(checkText(read.text).findings);
  assert.ok(edits.some((e) => e.span.start === e.span.end), 'fills a cell that has no text');
  const { bytes: after, applied, manual } = await applyDocxEdits(before, read, edits);
  assert.deepEqual(manual, []);
  const again = await readDocument(after, 'blank.docx');
  assert.equal(again.text, applyEdits(read.text, applied));
  assert.deepEqual(findings(again.text), findings(applyEdits(read.text, applied)));
  // The new runs carry the paragraph mark's run properties (font and size) and nothing else changed.
  const xmlAfter = mainPartXml(after);
  const added = xmlAfter.length - mainPartXml(before).length;
  assert.ok(added > 0);
  assert.match(xmlAfter, /<\/w:pPr><w:r><w:rPr><w:rFonts w:ascii="WenQuanYi Micro Hei"[^>]*\/><w:sz w:val="\d+"\/><\/w:rPr><w:t xml:space="preserve">0<\/w:t><\/w:r><\/w:p>/);
  assert.equal(skeleton(xmlAfter).replace(/<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t xml:space="preserve"><\/w:t><\/w:r>/g, ''), skeleton(mainPartXml(before)).replace(/<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t xml:space="preserve"><\/w:t><\/w:r>/g, ''));
});

test('applyDocxEdits: a fix that inserts a table is left for the user (请手工修改)', async () => {
  const text = readFileSync(join(root, 'test', 'fixtures', 'tables', 'missing-table.txt'), 'utf8');
  const before = writeDocx(blocksOf(text));
  const read = await readDocument(before, 'missing.docx');
  const edits = checkText(read.text).findings.flatMap((f) => f.fixes[0]?.edits ?? []);
  const inserting = edits.filter((e) => e.newText.includes('\n'));
  assert.ok(inserting.length > 0, 'the missing table is offered as inserted lines');
  const { bytes, manual, applied } = await applyDocxEdits(before, read, edits);
  assert.deepEqual(manual, inserting);
  assert.equal(applied.length, edits.length - inserting.length);
  if (applied.length === 0) assert.equal(bytes, before);
});

test('applyDocxEdits: a file that was not read as a .docx in full is never written', async () => {
  const html = writeHtml(blocksOf(readFileSync(join(root, 'test', 'fixtures', 'tables', 'blank-cell.txt'), 'utf8')));
  const read = await readDocument(html, 'report.html');
  await assert.rejects(applyDocxEdits(html, read, []), DocumentError);
  const docx = writeDocx(blocksOf('一、总体情况\n本年度未收到申请。'));
  const docxRead = await readDocument(docx, 'a.docx');
  const changed = Uint8Array.from(docx);
  changed[changed.length - 30] ^= 1;
  await assert.rejects(applyDocxEdits(changed, docxRead, []), DocumentError);
});

test('unzip finds the written .docx intact', { skip: spawnSync('unzip', ['-v']).status !== 0 && 'no unzip' }, async () => {
  const text = reportWithWrongTotal();
  const before = writeDocx(blocksOf(text), { quirks: true, textBox: true });
  const read = await readDocument(before, 'report.docx');
  const { bytes } = await applyDocxEdits(before, read, fixAllEdits(checkText(read.text).findings));
  const file = join(outDir, 'intact.docx');
  writeFileSync(file, bytes);
  const result = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout);
});
