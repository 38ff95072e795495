// Checking one document again and again as it is edited. A session remembers the tables it read,
// keyed by their region's text (not its position), and reads again only the regions whose text
// changed: an edit above a table only moves it, and a number retyped in a cell is patched into the
// table read before. The arithmetic of a table is cached with the table (analysis.ts), what the
// checks derive from the prose in a memo (memo.ts), and the checks run over the reused parts. The
// result is always what a full check of the same text gives, finding for finding
// (test/fuzz/incremental.fuzz.test.ts). A report a session returned holds until its next check,
// which moves and patches the tables it reuses in place; findings are copies and hold for good.
import { checkReport, type CheckResult } from './index';
import { formatOfYear } from './format';
import { fingerprint, Memo } from './memo';
import type { Report, Table } from './model';
import { retypeNumber } from './parse/retype';
import { shiftTable } from './parse/shift';
import { readTable, regionSpan, type RegionReader } from './parse/tables';
import { parseReport } from './parser';
import type { CheckOptions, Finding } from './types';

interface ReadTable {
  table: Table;
  /** What the region's reading depends on besides its text: its kind, whether the text ends in it, the format. */
  reading: string;
  text: string;
  /** Where the region started when the table was last placed. */
  start: number;
}

export class CheckSession {
  /** The tables of the last check, by reading and text (fingerprint); a text repeats in a compilation of identical reports. */
  private previous = new Map<string, ReadTable[]>();
  private current = new Map<string, ReadTable[]>();
  /** What the checks derived from the parts of the text (the overview's prose, placeholders). */
  private readonly memo = new Memo(true);
  /** How the last check came by its tables, for the bench and the tests. */
  lastRun = { read: 0, retyped: 0, reused: 0 };

  /** The same result as `checkText(text, options)`. */
  check(text: string, options: CheckOptions = {}): CheckResult {
    const report = this.parse(text);
    return { report, findings: this.checkReport(report, options) };
  }

  /** The same findings as `checkReport(report, options)`, for the report `parse` just gave. */
  checkReport(report: Report, options: CheckOptions = {}): Finding[] {
    return checkReport(report, options, this.memo);
  }

  /** The same report as `parseReport(text)`, for a caller whose options depend on it (last year's report). */
  parse(text: string): Report {
    // Only what the last text held is kept: memory stays that of one document, whatever the edits.
    this.previous = this.current;
    this.current = new Map();
    this.memo.startRun();
    this.lastRun = { read: 0, retyped: 0, reused: 0 };
    return parseReport(text, this.readTable);
  }

  private readonly readTable: RegionReader = (lines, region, reportYear) => {
    const span = regionSpan(lines, region);
    const reading = `${region.kind} ${region.reachedEnd ? 'to the end' : ''} ${formatOfYear(reportYear)}`;
    const text = lines.text.slice(span.start, span.end);
    const key = `${reading}\u0000${fingerprint(text)}`;
    let entry = this.take(this.previous.get(key), text, span.start);
    if (entry) this.lastRun.reused++;
    else if ((entry = this.retyped(reading, text, span.start))) this.lastRun.retyped++;
    else {
      entry = { table: readTable(lines, region, reportYear), reading, text, start: span.start };
      this.lastRun.read++;
    }
    shiftTable(entry.table, span.start - entry.start);
    entry.start = span.start;
    const kept = this.current.get(key);
    if (kept) kept.push(entry);
    else this.current.set(key, [entry]);
    return entry.table;
  };

  /** The table of a region whose text differs from one read before by a number retyped in a cell. */
  private retyped(reading: string, text: string, start: number): ReadTable | undefined {
    const candidates = [...this.previous.values()].flat().filter((candidate) => candidate.reading === reading);
    const entry = candidates.find((candidate) => candidate.start === start) ?? candidates[0];
    if (!entry || !retypeNumber(entry.table, entry.start, entry.text, text)) return undefined;
    // Taken for good: its key no longer names its text.
    const list = this.previous.get(`${entry.reading}\u0000${fingerprint(entry.text)}`)!;
    list.splice(list.indexOf(entry), 1);
    // A table of its own: whatever was derived from the one read before (its arithmetic, the
    // prose's targets) is keyed by that object, and derived again for this one.
    entry.table = { ...entry.table };
    entry.text = text;
    return entry;
  }

  /** One of the tables read from this text, the one already in place if there is one, out of the list. */
  private take(list: ReadTable[] | undefined, text: string, start: number): ReadTable | undefined {
    if (!list) return undefined;
    let index = list.findIndex((entry) => entry.start === start && entry.text === text);
    if (index < 0) index = list.findIndex((entry) => entry.text === text);
    return index < 0 ? undefined : list.splice(index, 1)[0];
  }
}
