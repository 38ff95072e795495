// The engine's public surface: everything the server, the CLI, the benchmarks and the tests call.
// Nothing under engine/ imports vscode or an LSP library.
import { parseReport } from './parser';
import { analyse } from './analysis';
import { CHECKS } from './checks';
import { Memo } from './memo';
import { render, type Check, type CheckContext } from './rule';
import type { Report } from './model';
import type { CheckOptions, Finding, Fix, OffsetEdit, Severity } from './types';

export * from './types';
export type { Report, Section, Table, Row, Cell } from './model';
export type { Check } from './rule';
export { parseReport } from './parser';
export { LineIndex } from './text';
export { CHECKS } from './checks';
export { dumpReport } from './dump';
export { templateReport } from './template';
export { CheckSession } from './session';

export interface CheckResult {
  report: Report;
  findings: Finding[];
}

/** Parse and check one document. Never throws on any text: a failing check becomes no findings from that check. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  const report = parseReport(text);
  return { report, findings: checkReport(report, options) };
}

/** `memo`: a checking session's, to reuse what was derived from the parts of the text it still holds. */
export function checkReport(report: Report, options: CheckOptions = {}, memo = new Memo(false)): Finding[] {
  const analysis = analyse(report, memo);
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    const configured = options.rules?.[check.id];
    if (configured === 'off') continue;
    runCheck(check, { report, analysis, options, memo, emit: () => undefined }, configured, findings);
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
  return findings;
}

function runCheck(check: Check, base: CheckContext, configured: Severity | undefined, out: Finding[]): void {
  const context: CheckContext = {
    ...base,
    emit(emitted) {
      const template = check.messages[emitted.message];
      if (!template) throw new Error(`${check.id}: no message "${emitted.message}"`);
      out.push({
        rule: check.id,
        severity: configured ?? emitted.severity ?? check.defaultSeverity,
        message: render(template, emitted.args),
        // Copies: a session moves the spans of the tables it reuses, never those of a finding it returned.
        span: { start: emitted.span.start, end: emitted.span.end },
        fixes: emitted.fixes ? emitted.fixes.map(copyFix) : [],
        ...(emitted.arithmetic ? { arithmetic: true } : {}),
      });
    },
  };
  try {
    check.check(context);
  } catch (error) {
    // A bug in one rule must not take the others (or the editor) down; the tests catch it instead.
    if (process.env.GONGKAI_STRICT) throw error;
  }
}

function copyFix(fix: Fix): Fix {
  return { ...fix, edits: fix.edits.map((edit) => ({ span: { start: edit.span.start, end: edit.span.end }, newText: edit.newText })) };
}

/**
 * Apply non-overlapping edits, in one pass over the text (a compilation can take thousands of fixes).
 * Of edits that overlap, the one starting last wins (ties: the one ending last), as if they were
 * applied one by one from the end; touching edits and insertions at one point all apply.
 */
export function applyEdits(text: string, edits: OffsetEdit[]): string {
  const fromLast = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  const kept: OffsetEdit[] = [];
  let lastStart = Infinity;
  for (const edit of fromLast) {
    if (edit.span.end > lastStart) continue; // overlaps an edit already taken
    kept.push(edit);
    lastStart = edit.span.start;
  }
  const pieces: string[] = [];
  let at = 0;
  for (let i = kept.length - 1; i >= 0; i--) {
    pieces.push(text.slice(at, kept[i].span.start), kept[i].newText);
    at = kept[i].span.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/**
 * Every preferred fix, skipping any whose edits overlap those of a fix already taken: what fix-all
 * applies, fix by fix (a file that can take only some of them takes each whole or not at all).
 */
export function fixAllFixes(findings: Finding[]): Fix[] {
  const taken: Fix[] = [];
  const overlaps = (a: OffsetEdit, b: OffsetEdit) =>
    a.span.start < b.span.end && b.span.start < a.span.end ||
    (a.span.start === a.span.end || b.span.start === b.span.end) && a.span.start === b.span.start;
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix) continue;
    if (fix.edits.some((edit) => taken.some((t) => t.edits.some((other) => overlaps(edit, other))))) continue;
    taken.push(fix);
  }
  return taken;
}

/** The edits of every preferred fix that fix-all takes. */
export function fixAllEdits(findings: Finding[]): OffsetEdit[] {
  return fixAllFixes(findings).flatMap((fix) => fix.edits);
}

/**
 * Apply fix-all repeatedly until nothing fixable is left (a fix can reveal another, e.g. a
 * filled blank then balances a total). Bounded, so a fix that never converges cannot hang.
 * `result` is the check of the final text, so a caller need not check it again; `edits` holds each
 * round's edits (offsets in that round's text), for a writer that replays them into another form
 * of the file. `fixable` picks the findings whose fixes may be applied (e.g. not those a project
 * file ignores); by default all of them.
 */
export function fixAll(
  text: string,
  options: CheckOptions = {},
  maxRounds = 5,
  fixable: (result: CheckResult) => Finding[] = (result) => result.findings,
): { text: string; rounds: number; edits: OffsetEdit[][]; result: CheckResult } {
  let current = text;
  let result = checkText(current, options);
  const rounds: OffsetEdit[][] = [];
  for (let round = 0; round < maxRounds; round++) {
    const edits = fixAllEdits(fixable(result));
    const next = edits.length === 0 ? current : applyEdits(current, edits);
    if (next === current) return { text: current, rounds: round, edits: rounds, result };
    rounds.push(edits);
    current = next;
    result = checkText(current, options);
  }
  return { text: current, rounds: maxRounds, edits: rounds, result };
}
