// The incremental engine's invariant: after any sequence of edits, a checking session's result is
// what a full check of the final text gives, finding for finding and span for span, and so is
// every intermediate result. Sequences start from the seeds, the corpus, the table fixtures and
// generated reports, and mix what a clerk does (a number retyped, a line deleted or doubled, a line
// typed at the top, an undo) with random splices and edits inside table lines (a cell emptied, a tab
// or a pipe added or taken out, a row cut into one cell per line or two lines joined). Seeds also
// arrive with their tables re-rendered in every layout the reader takes (tabs with blank cells, one
// cell per line, Markdown, PDF text, cells set apart by spaces). FUZZ_RUNS/10 sequences (10,000 in
// `npm run fuzz`); replay a failure with FUZZ_SEED.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkText, CheckSession, parseReport } from '../../server/src/engine';
import { generateReport, LAYOUTS } from '../../bench/reports';
import { LAYOUTS as RENDERED_LAYOUTS, LOSSY_LAYOUTS } from '../layouts/render';
import { rerender } from '../layouts/rerender';
import { firstDifference, snapshot } from '../helpers/snapshot';
import { FUZZ_RUNS, FUZZ_SEED, repoRoot, sharedTexts } from './properties';

// The table fixtures: the layouts the reader finds hardest (narrow PDF columns, scrambled Markdown,
// labels wrapped around their numbers), each a short report.
const TABLE_FIXTURES = join(repoRoot, 'test', 'fixtures', 'tables');

const seeds = sharedTexts('seeds');
const bases = [
  ...seeds,
  ...sharedTexts('corpus'),
  ...readdirSync(TABLE_FIXTURES)
    .filter((name) => name.endsWith('.txt') && !name.endsWith('.fixed.txt'))
    .sort()
    .map((name) => ({ name: `fixture ${name}`, text: readFileSync(join(TABLE_FIXTURES, name), 'utf8') })),
  ...[...RENDERED_LAYOUTS, ...LOSSY_LAYOUTS].flatMap((layout, i) =>
    [seeds[i % seeds.length], seeds[(i + 3) % seeds.length]].map(({ name, text }) => ({ name: `${name} in ${layout}`, text: rerender(text, parseReport(text), layout) })),
  ),
  ...LAYOUTS.flatMap((layout, i) => [
    { name: `generated ${layout}`, text: generateReport(300 + i, { layout }).text },
    { name: `generated ${layout} with errors`, text: generateReport(400 + i, { layout, errors: 3 }).text },
  ]),
];

const PIECES = [
  '', '0', '7', '12', '１２', '-', '/', '|', ' | ', '\t', '\n', '\r\n', '\r', '  ', '。', '，', 'XX件', '  条',
  '一、', '三、', '（七）总计', '第二十条第（一）项', '勾稽', '行政复议', '- 2 -', '2020年', '2025年', '# ',
  '二、主动公开政府信息情况', '本年新收政府信息公开申请数量', '（请在此概述本年度政府信息公开工作的总体情况。）',
];

// What a clerk types over a number: another number, or something the reader must report.
const VALUES = ['0', '7', '86', '1,234', '12.5', '１２', '8 7', '约5', '增3', 'XX', '—', '/', '', '0 0 0', '99999999999999999999'];

// What happens to one cell of a table line: emptied, split off to a line of its own, its separator
// doubled or taken out, or the line joined to the next.
const TABLE_CHANGES = ['empty', 'own line', 'double separator', 'drop separator', 'join next'] as const;
type TableChange = (typeof TABLE_CHANGES)[number];

type Edit =
  | { kind: 'splice'; at: number; remove: number; insert: string }
  | { kind: 'number'; which: number; value: string }
  | { kind: 'line'; which: number; double: boolean }
  | { kind: 'top'; insert: string }
  | { kind: 'table'; which: number; field: number; change: TableChange }
  | { kind: 'undo'; back: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('number' as const), which: fc.nat(), value: fc.oneof(fc.nat({ max: 2000 }).map(String), fc.constantFrom(...VALUES)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('line' as const), which: fc.nat(), double: fc.boolean() }) },
  // Every table below moves: the reused ones must come out at their new offsets.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('top' as const), insert: fc.constantFrom('\n', '前言\n', '2024年度政府信息公开工作年度报告\n', '  ') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), back: fc.nat({ max: 5 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('table' as const), which: fc.nat(), field: fc.nat(), change: fc.constantFrom(...TABLE_CHANGES) }) },
);

/** A line of a table in any layout: cells set apart by tabs, pipes or runs of spaces, with a digit. */
const SEPARATOR = /\t|\||[ \u3000]{2,}/g;
const isTableLine = (line: string) => /\d/.test(line) && /\t|\||[ \u3000]{2,}/.test(line);

function editTableLine(text: string, step: Extract<Edit, { kind: 'table' }>): string {
  const lines = text.split('\n');
  const table = lines.map((_, i) => i).filter((i) => isTableLine(lines[i]));
  if (table.length === 0) return text;
  const at = table[step.which % table.length];
  const line = lines[at];
  const separators = [...line.matchAll(SEPARATOR)];
  const sep = separators[step.field % separators.length];
  const end = sep.index! + sep[0].length;
  // The cell after the separator: up to the next one or the end of the line.
  const next = separators.find((m) => m.index! >= end);
  const cellEnd = next ? next.index! : line.length;
  switch (step.change) {
    case 'empty':
      lines[at] = line.slice(0, end) + line.slice(cellEnd);
      break;
    case 'own line':
      lines[at] = line.slice(0, sep.index!) + '\n' + line.slice(end);
      break;
    case 'double separator':
      lines[at] = line.slice(0, end) + sep[0] + line.slice(end);
      break;
    case 'drop separator':
      lines[at] = line.slice(0, sep.index!) + line.slice(end);
      break;
    case 'join next':
      if (at + 1 < lines.length) lines.splice(at, 2, line + lines[at + 1]);
      break;
  }
  return lines.join('\n');
}

/** The text after one edit; `history` holds the texts before it, newest last. */
function apply(text: string, step: Edit, history: string[]): string {
  switch (step.kind) {
    case 'splice': {
      const at = step.at % (text.length + 1);
      return text.slice(0, at) + step.insert + text.slice(at + step.remove);
    }
    case 'number': {
      const numbers = [...text.matchAll(/\d+/g)];
      if (numbers.length === 0) return text + step.value;
      const found = numbers[step.which % numbers.length];
      return text.slice(0, found.index!) + step.value + text.slice(found.index! + found[0].length);
    }
    case 'line': {
      const lines = text.split('\n');
      const at = step.which % lines.length;
      lines.splice(at, step.double ? 0 : 1, ...(step.double ? [lines[at]] : []));
      return lines.join('\n');
    }
    case 'top':
      return step.insert + text;
    case 'table':
      return editTableLine(text, step);
    case 'undo':
      return history[Math.max(0, history.length - 1 - step.back)] ?? text;
  }
}

const sequence = fc.record({ base: fc.nat({ max: bases.length - 1 }), edits: fc.array(edit, { minLength: 1, maxLength: 8 }) });

describe(`incremental checking equals a full check (FUZZ_SEED=${FUZZ_SEED})`, () => {
  test('after every edit of random edit sequences', { timeout: 0 }, (t) => {
    const numRuns = Math.max(20, Math.round(FUZZ_RUNS / 10));
    t.diagnostic(`FUZZ_SEED=${FUZZ_SEED} sequences=${numRuns}`);
    fc.assert(
      fc.property(sequence, ({ base, edits }) => {
        const session = new CheckSession();
        let text = bases[base].text;
        const history: string[] = [];
        session.check(text);
        edits.forEach((step, i) => {
          const next = apply(text, step, history);
          history.push(text);
          text = next;
          const incremental = snapshot(session.check(text));
          const full = snapshot(checkText(text));
          if (incremental !== full) assert.fail(`${bases[base].name}, after edit ${i + 1} (${step.kind}): ${firstDifference(incremental, full)}`);
        });
      }),
      { seed: FUZZ_SEED, numRuns, includeErrorInReport: true },
    );
  });
});
