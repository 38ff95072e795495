// Issue 12, data loss and invented data: what `gongkai check --fix` may and may not do to a file.
// Each test is named after the defect it guards against.
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { generateReport, type PlantedKind, type ReportLayout } from '../../bench/reports';
import { fixAll } from '../../server/src/engine';
import { bytesOf } from '../helpers/bytes';
import { repoRoot, runCli, runCliUnder, tempFolder } from './run';

/** The first generated report (invented bodies and figures) with exactly one planted error of `kind`. */
function reportWith(kind: PlantedKind, layout: ReportLayout): string {
  for (let seed = 1; seed < 500; seed++) {
    const report = generateReport(seed, { errors: 1, layout });
    if (report.planted[0] === kind) return report.text;
  }
  throw new Error(`no generated report with a planted ${kind}`);
}

const rowTotal = reportWith('row-total', 'tabs');
const gluedDigits = reportWith('glued-digits', 'cell-per-line');

describe('--fix writes atomically (issue 12.1)', () => {
  test('a write cut short by a file-size limit leaves the original report whole', () => {
    const dir = tempFolder('atomic');
    const file = join(dir, 'report.txt');
    writeFileSync(file, rowTotal);
    assert.ok(Buffer.byteLength(rowTotal) > 4096, 'the report is larger than the limit');
    // `ulimit -f 4`: no file may grow past 4,096 bytes, as on a full disk or a quota.
    const run = runCliUnder('ulimit -f 4', ['check', '--fix', file]);
    assert.equal(readFileSync(file, 'utf8'), rowTotal, 'the original is intact');
    assert.deepEqual(readdirSync(dir), ['report.txt'], 'no temporary file left beside it');
    assert.equal(run.code, 2, 'the exit code says something failed');
    assert.match(run.stderr, new RegExp(`${file}.*(EFBIG|文件大小)`), 'the message names the file and the real cause');
    assert.doesNotMatch(run.stderr, /读取权限|permission/, 'a write failure is not called a read failure');
  });

  test('a fixed file keeps its mode', () => {
    const dir = tempFolder('mode');
    const file = join(dir, 'report.txt');
    writeFileSync(file, rowTotal);
    chmodSync(file, 0o640);
    const run = runCli(['check', '--fix', file]);
    assert.notEqual(readFileSync(file, 'utf8'), rowTotal, `the fix was written (${run.stderr})`);
    assert.equal(statSync(file).mode & 0o7777, 0o640);
  });

  test('a fix through a symbolic link writes the target and keeps the link', () => {
    const dir = tempFolder('symlink');
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'report.txt');
    writeFileSync(target, rowTotal);
    const link = join(dir, 'link.txt');
    symlinkSync(join('real', 'report.txt'), link);
    runCli(['check', '--fix', link]);
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(readlinkSync(link), join('real', 'report.txt'));
    assert.equal(readFileSync(target, 'utf8'), fixAll(rowTotal).text, 'the target holds the fixed report');
  });
});

describe('--fix never writes what is not a report (issue 12.4)', () => {
  test("a reviewer's note quoting four rows of table 三 is left alone", () => {
    const dir = tempFolder('note');
    const lines = rowTotal.split('\n');
    // The table's first rows: enough for the parser to find table 三 and call the rest of it missing.
    const first = lines.findIndex((l) => l.startsWith('一、本年新收'));
    const note = ['# 审阅意见', '', '请核对表三以下四行：', '', ...lines.slice(first, first + 4), '', '其余无意见。', ''].join('\n');
    writeFileSync(join(dir, 'review-note.md'), note);
    writeFileSync(join(dir, 'report.txt'), rowTotal);
    const run = runCli(['check', '--fix', dir]);
    assert.equal(readFileSync(join(dir, 'review-note.md'), 'utf8'), note, 'the note is unchanged');
    assert.notEqual(readFileSync(join(dir, 'report.txt'), 'utf8'), rowTotal, 'the report beside it is fixed');
    assert.match(run.stderr, /review-note\.md/, 'the note is said to be skipped');
  });

  test("this project's own rule pages are not rewritten by a folder --fix", () => {
    const dir = tempFolder('docs');
    const pages = readdirSync(join(repoRoot, 'docs', 'rules'));
    for (const page of pages) copyFileSync(join(repoRoot, 'docs', 'rules', page), join(dir, page));
    runCli(['check', '--fix', dir]);
    for (const page of pages) {
      assert.equal(readFileSync(join(dir, page), 'utf8'), readFileSync(join(repoRoot, 'docs', 'rules', page), 'utf8'), `${page} unchanged`);
    }
  });

  test('a file named on the command line that is not a report is checked but never written', () => {
    const dir = tempFolder('explicit');
    const file = join(dir, 'notes.txt');
    const text = '会议记录\n（一）予以公开\t3\t0\t0\t0\t0\t0\t5\n';
    writeFileSync(file, text);
    const run = runCli(['check', '--fix', file]);
    assert.equal(readFileSync(file, 'utf8'), text);
    assert.match(run.stderr, /未修改|not written/);
  });
});

describe('--fix keeps the encoding, byte-order mark and line breaks (issue 12.5)', () => {
  const forms: { name: string; encode: (text: string) => Uint8Array }[] = [
    { name: 'GB18030', encode: (text) => bytesOf(iconv.encode(text, 'gb18030')) },
    { name: 'UTF-8 with BOM', encode: (text) => bytesOf([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]) },
    { name: 'UTF-16 LE with BOM', encode: (text) => bytesOf(iconv.encode(text, 'utf-16le', { addBOM: true })) },
    { name: 'UTF-16 BE with BOM', encode: (text) => bytesOf(iconv.encode(text, 'utf-16be', { addBOM: true })) },
    { name: 'UTF-8, CRLF', encode: (text) => bytesOf(Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8')) },
    { name: 'GB18030, CRLF', encode: (text) => bytesOf(iconv.encode(text.replace(/\n/g, '\r\n'), 'gb18030')) },
  ];
  for (const { name, encode } of forms) {
    test(`a ${name} file is written back as ${name}, changed only in the fixed cell`, () => {
      const dir = tempFolder('encoding');
      const file = join(dir, 'report.txt');
      writeFileSync(file, encode(rowTotal));
      const run = runCli(['check', '--fix', file]);
      assert.deepEqual(bytesOf(readFileSync(file)), encode(fixAll(rowTotal).text), `bytes as expected (${run.stderr})`);
    });
  }

  test('a fix that inserts a line break in a CRLF file inserts CRLF', () => {
    const dir = tempFolder('crlf');
    const file = join(dir, 'report.txt');
    const crlf = gluedDigits.replace(/\n/g, '\r\n');
    writeFileSync(file, crlf);
    runCli(['check', '--fix', file]);
    const fixed = readFileSync(file, 'utf8');
    assert.notEqual(fixed, crlf, 'the glued digits were fixed');
    assert.equal(fixed, fixAll(gluedDigits).text.replace(/\n/g, '\r\n'));
    assert.doesNotMatch(fixed, /[^\r]\n/, 'no bare line feed');
  });
});

describe('a failed write is reported per file (issue 12.7)', () => {
  test('one file too large to write: the others are fixed and reported, the failure names its file and cause', () => {
    const dir = tempFolder('failed-write');
    const small = join(dir, 'a-small.txt');
    const large = join(dir, 'b-large.txt');
    const later = join(dir, 'c-small.txt');
    // The large report repeats its prose: fixable like the others, but past the 16 KB limit below.
    const padded = rowTotal + '\n' + '本单位持续推进政务公开工作。'.repeat(600) + '\n';
    writeFileSync(small, rowTotal);
    writeFileSync(large, padded);
    writeFileSync(later, rowTotal);
    const run = runCliUnder('ulimit -f 16', ['check', '--fix', '--format', 'json', dir]);
    assert.equal(run.code, 2, 'the exit code says something failed');
    assert.equal(readFileSync(large, 'utf8'), padded, 'the file that could not be written is unchanged');
    assert.equal(readFileSync(small, 'utf8'), fixAll(rowTotal).text, 'the file before it is fixed');
    assert.equal(readFileSync(later, 'utf8'), fixAll(rowTotal).text, 'the file after it is fixed');
    const results = JSON.parse(run.stdout) as { file: string; fixed?: boolean; writeError?: string }[];
    assert.deepEqual(results.map((r) => [r.file, !!r.fixed, !!r.writeError]), [[small, true, false], [large, false, true], [later, true, false]]);
    assert.match(run.stderr, new RegExp(`${large}: .*EFBIG`));
    assert.doesNotMatch(run.stderr, new RegExp(`${small}: .*EFBIG`));
  });
});
