// Issue 12, reading what is there: text the editor checks, the CLI reads too; bytes it cannot read
// as text are refused by name, never checked as garbage.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { generateReport } from '../../bench/reports';
import { bytesOf } from '../helpers/bytes';
import { runCli, tempFolder } from './run';

const report = generateReport(11, { layout: 'tabs', errors: 2 }).text;

function findingsOf(bytes: ArrayLike<number>): { code: number | null; stderr: string; rules: string[] } {
  const file = join(tempFolder('read'), 'report.txt');
  writeFileSync(file, bytesOf(bytes));
  const run = runCli(['check', '--format', 'json', file]);
  const results = run.stdout ? (JSON.parse(run.stdout) as { diagnostics: { rule: string; range: unknown }[] }[]) : [];
  return { code: run.code, stderr: run.stderr, rules: results.flatMap((r) => r.diagnostics.map((d) => `${d.rule} ${JSON.stringify(d.range)}`)) };
}

const utf8 = findingsOf(Buffer.from(report, 'utf8'));

describe('reading (issue 12.12, 12.17)', () => {
  test('U+FFFD in valid UTF-8 is read and checked, not refused as an unknown encoding', () => {
    // A replacement character where a converter lost a character, in the prose.
    const lines = report.split('\n');
    const prose = lines.findIndex((l) => l.length > 40 && l.endsWith('。'));
    lines[prose] = lines[prose].replace('。', '\uFFFD。');
    const withReplacement = lines.join('\n');
    const read = findingsOf(Buffer.from(withReplacement, 'utf8'));
    assert.doesNotMatch(read.stderr, /编码|encoding/);
    assert.deepEqual(read.rules, utf8.rules);
  });

  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    test(`${encoding.toUpperCase()} with a byte-order mark (Notepad's "Unicode") is read by its mark`, () => {
      const read = findingsOf(iconv.encode(report, encoding, { addBOM: true }));
      assert.doesNotMatch(read.stderr, /NUL|不是文本/);
      assert.ok(utf8.rules.length > 0);
      assert.deepEqual(read.rules, utf8.rules);
    });
  }

  test('GB18030 is read', () => {
    assert.deepEqual(findingsOf(iconv.encode(report, 'gb18030')).rules, utf8.rules);
  });

  test('Big5 is refused as an unknown encoding, not checked as GB18030 garbage', () => {
    const read = findingsOf(iconv.encode(report, 'big5'));
    assert.equal(read.code, 2);
    assert.match(read.stderr, /无法识别的文本编码/);
    assert.deepEqual(read.rules, []);
  });

  test('UTF-16 without a byte-order mark is refused, with the reason', () => {
    const read = findingsOf(iconv.encode(report, 'utf-16le'));
    assert.equal(read.code, 2);
    assert.match(read.stderr, /NUL/);
  });
});
