// A checking session reads again only the tables an edit touched, and its result is a full check's:
// the cases a clerk's edits fall into, with how many tables each one reads, patches or reuses.
// (The random edit sequences are in test/fuzz/incremental.fuzz.test.ts.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkText, CheckSession } from '../../server/src/engine';
import { generateReport } from '../../bench/reports';
import { firstDifference, snapshot } from '../helpers/snapshot';

const REPORT = generateReport(501, { layout: 'tabs' }).text;
const TABLES = checkText(REPORT).report.tables.length;

/** The session's result for the text, checked against a full check; returns how it came by its tables. */
function recheck(session: CheckSession, text: string) {
  const incremental = snapshot(session.check(text));
  const full = snapshot(checkText(text));
  assert.ok(incremental === full, firstDifference(incremental, full));
  return session.lastRun;
}

/** The text with the first number of the given table row's cells replaced. */
function retyped(text: string, rowLabel: string, value: string): string {
  const row = text.indexOf(rowLabel);
  const cell = /\t(\d+)/.exec(text.slice(row))!;
  const at = row + cell.index + 1;
  return text.slice(0, at) + value + text.slice(at + cell[1].length);
}

describe('a checking session', () => {
  test('reads every table of a new text, and none of the same text again', () => {
    const session = new CheckSession();
    assert.deepEqual(recheck(session, REPORT), { read: TABLES, retyped: 0, reused: 0 });
    assert.deepEqual(recheck(session, REPORT), { read: 0, retyped: 0, reused: TABLES });
  });

  test('patches a number retyped in a cell into the table, and reuses the others', () => {
    const session = new CheckSession();
    session.check(REPORT);
    const wrong = retyped(REPORT, '（一）予以公开', '99999');
    assert.deepEqual(recheck(session, wrong), { read: 0, retyped: 1, reused: TABLES - 1 });
    assert.deepEqual(recheck(session, REPORT), { read: 0, retyped: 1, reused: TABLES - 1 });
  });

  test('reads a table again when a cell stops being a number', () => {
    const session = new CheckSession();
    session.check(REPORT);
    assert.deepEqual(recheck(session, retyped(REPORT, '（一）予以公开', '12a')), { read: 1, retyped: 0, reused: TABLES - 1 });
    assert.deepEqual(recheck(session, retyped(REPORT, '（一）予以公开', '')), { read: 1, retyped: 0, reused: TABLES - 1 });
  });

  test('moves every table when a line is added above them', () => {
    const session = new CheckSession();
    session.check(REPORT);
    assert.deepEqual(recheck(session, '附：\n' + REPORT), { read: 0, retyped: 0, reused: TABLES });
  });

  test('reads every table again when the year changes the format they are read in', () => {
    const session = new CheckSession();
    session.check(REPORT);
    const year = /(\d{4})年度?政府信息公开/.exec(REPORT)!;
    const in2019 = REPORT.replace(year[0], year[0].replace(year[1], '2019'));
    assert.equal(recheck(session, in2019).read, TABLES);
  });

  test('in a compilation of identical reports, patches only the copy edited', () => {
    const compilation = [REPORT, REPORT, REPORT].join('\n');
    const session = new CheckSession();
    session.check(compilation);
    const second = compilation.indexOf('（一）予以公开', REPORT.length);
    const edited = compilation.slice(0, second) + retyped(compilation.slice(second), '（一）予以公开', '7');
    assert.deepEqual(recheck(session, edited), { read: 0, retyped: 1, reused: 3 * TABLES - 1 });
  });
});
