// The one helper every engine test goes through: text in, findings or fixed text out. Tests never
// reach into the parser or the checks, so those can change freely while the fixtures stay true.
import assert from 'node:assert/strict';
import {
  applyEdits,
  checkText,
  fixAll,
  fixAllEdits,
  LineIndex,
  RULE_IDS,
  type CheckOptions,
  type Finding,
  type OffsetEdit,
  type RuleId,
  type Severity,
} from '../../server/src/engine';

/** What a test expects of one finding: rule and 1-based line always, the rest when it matters. */
export interface ExpectedFinding {
  rule: RuleId;
  /** 1-based, as an editor shows it. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column?: number;
  severity?: Severity;
  /** A substring of the Chinese or the English message. */
  message?: string;
}

export interface HelperOptions extends CheckOptions {
  /** Only these rules run (the others are switched off, so their fixes cannot touch the text either). */
  only?: readonly RuleId[];
}

export const TABLE_RULES: readonly RuleId[] = [
  'row-total',
  'column-total',
  'balance',
  'review-total',
  'blank-cell',
  'cell-value',
  'table-shape',
  'missing-table',
  'missing-row',
  'row-label',
  'format-version',
];

function engineOptions(options: HelperOptions = {}): CheckOptions {
  const { only, ...rest } = options;
  if (!only) return rest;
  const rules = { ...rest.rules };
  for (const id of RULE_IDS) if (!only.includes(id)) rules[id] = 'off';
  return { ...rest, rules };
}

interface Located {
  finding: Finding;
  line: number;
  column: number;
}

function locate(text: string, findings: Finding[]): Located[] {
  const lines = new LineIndex(text);
  return findings.map((finding) => {
    const { line, character } = lines.positionAt(finding.span.start);
    return { finding, line: line + 1, column: character + 1 };
  });
}

function matches(expected: ExpectedFinding, actual: Located): boolean {
  const { finding } = actual;
  return (
    expected.rule === finding.rule &&
    expected.line === actual.line &&
    (expected.column === undefined || expected.column === actual.column) &&
    (expected.severity === undefined || expected.severity === finding.severity) &&
    (expected.message === undefined || finding.message['zh-cn'].includes(expected.message) || finding.message.en.includes(expected.message))
  );
}

/** Maximum bipartite matching (augmenting paths), so a loose expectation never steals the finding a precise one needs. */
function pair(expected: ExpectedFinding[], actual: Located[]): (number | undefined)[] {
  const owner: (number | undefined)[] = actual.map(() => undefined);
  const assign = (e: number, seen: Set<number>): boolean => {
    for (let a = 0; a < actual.length; a++) {
      if (seen.has(a) || !matches(expected[e], actual[a])) continue;
      seen.add(a);
      if (owner[a] === undefined || assign(owner[a]!, seen)) {
        owner[a] = e;
        return true;
      }
    }
    return false;
  };
  for (let e = 0; e < expected.length; e++) assign(e, new Set());
  return owner;
}

const describeExpected = (e: ExpectedFinding) =>
  `${e.line}${e.column !== undefined ? ':' + e.column : ''} ${e.rule}${e.severity ? ' ' + e.severity : ''}${e.message ? ` “${e.message}”` : ''}`;
const describeActual = (a: Located) => `${a.line}:${a.column} ${a.finding.rule} ${a.finding.severity} ${a.finding.message['zh-cn']}`;

/** The findings of `text` are exactly `expected`, as a multiset; otherwise fail listing what is missing and what is extra. */
export function expectFindings(text: string, expected: readonly ExpectedFinding[], options: HelperOptions = {}): Finding[] {
  const { findings } = checkText(text, engineOptions(options));
  for (const f of findings) {
    const { start, end } = f.span;
    assert.ok(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length, `${f.rule}: span [${start}, ${end}) is not inside the text`);
  }
  const actual = locate(text, findings);
  const owner = pair([...expected], actual);
  const matched = new Set(owner.filter((e): e is number => e !== undefined));
  const missing = expected.filter((_, e) => !matched.has(e));
  const extra = actual.filter((_, a) => owner[a] === undefined);
  if (missing.length || extra.length) {
    const sorted = <T extends { line: number }>(xs: T[]) => [...xs].sort((x, y) => x.line - y.line);
    assert.fail(
      [
        `findings differ (${expected.length} expected, ${actual.length} found)`,
        ...sorted(missing).map((e) => `  - expected, not found: ${describeExpected(e)}`),
        ...sorted(extra).map((a) => `  + found, not expected: ${describeActual(a)}`),
      ].join('\n'),
    );
  }
  return findings;
}

/**
 * Fix-all turns `before` into exactly `after`; no fixable finding survives its fix; and every
 * round of fixes changed only the lines its findings point at (every other line byte-identical).
 */
export function checkFix(before: string, after: string, options: HelperOptions = {}): void {
  const engine = engineOptions(options);
  let current = before;
  // Replay fix-all round by round to see which findings each round's edits came from.
  for (let round = 0; round < 5; round++) {
    const { findings } = checkText(current, engine);
    const edits = fixAllEdits(findings);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    assertEditsStayOnTheirLines(current, next, findings, edits);
    current = next;
  }
  const fixed = fixAll(before, engine).text;
  assert.equal(fixed, current, 'fixAll and a round-by-round replay of its edits disagree');
  if (fixed !== after) assert.fail(`fixed text differs from the expected text\n${firstLineDiff(after, fixed)}`);

  const survivors = checkText(fixed, engine).findings.filter((f) => f.fixes.some((fix) => fix.preferred));
  if (survivors.length) {
    assert.fail(`fixable findings survive their fix:\n${locate(fixed, survivors).map((a) => '  ' + describeActual(a)).join('\n')}`);
  }
}

function assertEditsStayOnTheirLines(text: string, next: string, findings: Finding[], edits: OffsetEdit[]): void {
  const lines = new LineIndex(text);
  // Findings of one multi-cell correction each carry the same edits; the first one's are the ones taken.
  const key = (e: OffsetEdit) => `${e.span.start}:${e.span.end}:${e.newText}`;
  const taken = new Set(edits.map(key));
  const targeted = new Set<number>();
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix || !fix.edits.some((e) => taken.has(key(e)))) continue;
    for (let l = lines.lineOf(finding.span.start); l <= lines.lineOf(finding.span.end); l++) targeted.add(l);
  }
  for (const edit of edits) {
    for (let l = lines.lineOf(edit.span.start); l <= lines.lineOf(edit.span.end); l++) {
      assert.ok(targeted.has(l), `an edit at line ${l + 1} (“${edit.newText}”) is on no line its findings point at`);
    }
  }
  // Each untouched line must sit, unchanged, where the edits before it shift it to.
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  for (let l = 0; l < lines.lineCount; l++) {
    if (targeted.has(l)) continue;
    const start = lines.lineStart(l);
    const end = lines.lineEnd(l);
    const shift = sorted.filter((e) => e.span.end <= start).reduce((sum, e) => sum + e.newText.length - (e.span.end - e.span.start), 0);
    assert.equal(next.slice(start + shift, end + shift), text.slice(start, end), `line ${l + 1} changed although no fix targets it`);
  }
}

function firstLineDiff(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return `first difference at line ${i + 1}:\n  expected: ${JSON.stringify(e[i] ?? '<end>')}\n  actual:   ${JSON.stringify(a[i] ?? '<end>')}`;
  }
  return '(the texts differ only in line endings)';
}
