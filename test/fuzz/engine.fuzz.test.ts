// Property-based fuzzing of the engine (fast-check, seeded): drafts made by random edits of the real
// seeds, the corpus and generated reports; random Unicode; soups of real report lines; huge numbers;
// tables cut anywhere; megabyte lines. On every one the properties of ./properties hold.
// Replay a failure with FUZZ_SEED=<seed printed below>; FUZZ_RUNS sets how many drafts (npm run fuzz).
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { REQUEST_ROWS } from '../../server/src/engine/format';
import { editedDraft, lineSoup, randomUnicode, seeds } from './drafts';
import { assertProperties, FUZZ_RUNS, FUZZ_SEED } from './properties';

// includeErrorInReport: the failure names the broken property next to the shrunk draft.
const parameters = (share: number) => ({ seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(FUZZ_RUNS * share)), includeErrorInReport: true });

describe(`engine fuzz (FUZZ_SEED=${FUZZ_SEED}, FUZZ_RUNS=${FUZZ_RUNS})`, () => {
  test('edited and cut-off reports', { timeout: 0 }, (t) => {
    t.diagnostic(`FUZZ_SEED=${FUZZ_SEED} drafts=${parameters(0.6).numRuns}`);
    fc.assert(fc.property(editedDraft, (text) => assertProperties(text, { idempotence: true })), parameters(0.6));
  });

  test('soups of real report lines', { timeout: 0 }, (t) => {
    t.diagnostic(`FUZZ_SEED=${FUZZ_SEED} drafts=${parameters(0.2).numRuns}`);
    fc.assert(fc.property(lineSoup, (text) => assertProperties(text, { idempotence: true })), parameters(0.2));
  });

  test('random Unicode', { timeout: 0 }, (t) => {
    t.diagnostic(`FUZZ_SEED=${FUZZ_SEED} drafts=${parameters(0.2).numRuns}`);
    fc.assert(fc.property(randomUnicode, (text) => assertProperties(text, { idempotence: true })), parameters(0.2));
  });
});

describe('megabyte lines', () => {
  const MB = 1024 * 1024;
  const fill = (piece: string) => piece.repeat(Math.ceil(MB / piece.length)).slice(0, MB);
  const row = REQUEST_ROWS[0].label;
  const cases: [string, string][] = [
    ['digits', fill('9')],
    ['spaces', fill(' ')],
    ['pipes', fill('|')],
    ['tabs', fill('\t')],
    ['parentheses', fill('（')],
    ['ideographs', fill('政府信息公开')],
    ['a row with a million cells', row + fill(' 0')],
    ['a row of pipes and numbers', row + fill(' | 12')],
    ['captions', fill('第二十条第（')],
    ['a heading line', '一、' + fill('总体情况')],
  ];
  for (const [name, line] of cases) {
    test(name, { timeout: 0 }, () => {
      assertProperties(line, { idempotence: true });
    });
    test(`${name}, inside table 三 of a real report`, { timeout: 0 }, () => {
      const report = seeds[3].text;
      const middle = report.indexOf('（一）予以公开');
      assertProperties(report.slice(0, middle) + line + '\n' + report.slice(middle));
    });
  }
});

// Minimal drafts on which a property once failed, kept so that it never fails again.
const REGRESSIONS: [found: string, text: string][] = [
  // npm run fuzz, FUZZ_SEED=320381858, draft 31967: "5-1" under its label on the next line was read as
  // glued to it, and the fix (a line break) never made the finding go: fix-all grew the text each round.
  ['label and value on separate lines, value not a count', '第二十条第（五）项\n行政许可\n5-1\n'],
  // npm run fuzz, FUZZ_SEED=662932717, draft 27575: the last two digits of a long number before 个部分
  // were read as the count of parts, and "16"→"6" left "…66个部分" for the next round.
  ['a long number before 个部分', '某县2024年政府信息公开工作年度报告\n本报告包括976459766523012436111116个部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。\n一、总体情况\n'],
];

describe('regressions', () => {
  for (const [name, text] of REGRESSIONS) {
    test(name, () => assertProperties(text, { idempotence: true }));
  }
});
