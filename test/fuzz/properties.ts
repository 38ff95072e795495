// What must hold for any text whatever: the engine's contract with its adapters, checked on one
// draft at a time by the fuzz tests. Each failure names the property, so a shrunk counterexample
// says what broke.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyEdits, checkText, fixAll, fixAllEdits, type OffsetEdit, type Span } from '../../server/src/engine';

// A check that throws must fail the property, not vanish into an empty result.
process.env.GONGKAI_STRICT = '1';

/** This file runs bundled from out/test/fuzz/. */
export const repoRoot = join(__dirname, '..', '..', '..');

export function sharedTexts(folder: 'seeds' | 'corpus'): { name: string; text: string }[] {
  const dir = join(repoRoot, '..', 'shared', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** The fuzz seed: FUZZ_SEED when given (to replay a failure), else a fresh one that the tests print. */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/** Drafts per fuzz run: FUZZ_RUNS, else a count small enough for every CI run. */
export const FUZZ_RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 2000;

/**
 * Hang guard, not a speed test: a check may take 4 ms per KB of UTF-8 plus 500 ms. A typical 10 KB
 * report takes about 1 ms and a megabyte line about 1 s; the slack absorbs GC pauses and a loaded
 * machine, while anything quadratic still blows through it long before a megabyte.
 */
export function timeBoundMs(text: string): number {
  return 500 + (4 * Buffer.byteLength(text)) / 1024;
}

function assertSpanInside(span: Span, length: number, what: string): void {
  assert.ok(
    Number.isInteger(span.start) && Number.isInteger(span.end) && 0 <= span.start && span.start <= span.end && span.end <= length,
    `${what}: span ${JSON.stringify(span)} is not inside the document (length ${length})`,
  );
}

function assertNonOverlapping(edits: OffsetEdit[], what: string): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1].span;
    const next = sorted[i].span;
    const touchesInsert = previous.start === previous.end && next.start === previous.start;
    assert.ok(previous.end <= next.start && !touchesInsert, `${what}: edits ${JSON.stringify(previous)} and ${JSON.stringify(next)} overlap`);
  }
}

/** Splices the edits in independently of the engine, keeping every character outside them. */
function splice(text: string, edits: OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    result += text.slice(at, edit.span.start) + edit.newText;
    at = edit.span.end;
  }
  return result + text.slice(at);
}

export interface PropertyOptions {
  /** fixAll twice; the costliest property, skipped where a test runs very many drafts. */
  idempotence?: boolean;
}

/** Asserts every property on one text; throws an AssertionError naming the first that fails. */
export function assertProperties(text: string, options: PropertyOptions = {}): void {
  const started = performance.now();
  const { findings } = checkText(text);
  const ms = performance.now() - started;
  assert.ok(ms <= timeBoundMs(text), `time: the check took ${ms.toFixed(0)} ms on ${text.length} characters (bound ${timeBoundMs(text).toFixed(0)} ms)`);

  for (const finding of findings) {
    const what = `${finding.rule} "${finding.message.en}"`;
    assertSpanInside(finding.span, text.length, what);
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) assertSpanInside(edit.span, text.length, `${what}, fix "${fix.title.en}"`);
      assertNonOverlapping(fix.edits, `${what}, fix "${fix.title.en}"`);
      assert.equal(applyEdits(text, fix.edits), splice(text, fix.edits), `${what}: fix "${fix.title.en}" changes text outside its edits`);
    }
  }
  assertNonOverlapping(fixAllEdits(findings), 'fix-all');

  if (options.idempotence) {
    const once = fixAll(text).text;
    const twice = fixAll(once).text;
    assert.ok(twice === once, `fix-all is not idempotent: a second fix-all still changes ${describeDifference(once, twice)}`);
  }
}

function describeDifference(a: string, b: string): string {
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return `${JSON.stringify(a.slice(start, endA))} → ${JSON.stringify(b.slice(start, endB))} at ${start}`;
}
