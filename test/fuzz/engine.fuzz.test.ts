// Property-based fuzzing of the engine (fast-check, seeded): drafts made by random edits of the real
// seeds, the corpus and generated reports; random Unicode; soups of real report lines; huge numbers;
// tables cut anywhere; megabyte lines. On every one the properties of ./properties hold.
// Replay a failure with FUZZ_SEED=<seed printed below>; FUZZ_RUNS sets how many drafts (npm run fuzz).
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { REQUEST_ROWS, SECTIONS } from '../../server/src/engine/format';
import { generateReport, LAYOUTS } from '../../bench/reports';
import { assertProperties, FUZZ_RUNS, FUZZ_SEED, sharedTexts } from './properties';

const seeds = sharedTexts('seeds');
const corpus = sharedTexts('corpus');
const generated = LAYOUTS.flatMap((layout, i) => [
  { name: `generated ${layout}`, text: generateReport(100 + i, { layout }).text },
  { name: `generated ${layout} with errors`, text: generateReport(200 + i, { layout, errors: 3 }).text },
]);
const bases = [...seeds, ...corpus, ...generated];
const reportLines = [...new Set(bases.flatMap((b) => b.text.split(/\r?\n/)))];

// Pieces a clerk (or a converter) really puts into a report, and pieces that stress the readers.
const PIECES = [
  '', '0', '1', '12', '007', '１２', '〇', '-5', '+3', '增87', '减5', '1,234', '12.5', '3.', '.5', '1e30', '1E+21', 'NaN', 'Infinity',
  '99999999999999999999', '12345678901234567890123', '9007199254740993', '0x1F',
  '|', ' | ', '||', '\t', '\t\t', '\n', '\r\n', '\r', '\n\n', '  ', '\u3000', '/', '-', '—', '－', '…',
  '（', '）', '(', ')', '（（（', ')))', '第二十条第（', '第二十条第（一）项', '勾稽', '行政复议', '申请人情况',
  '一、', '三、', '（七）', '（七）总计', '总计', '合计', '三、本年度办理结果', '1.', '3.其他', '- 2 -', '第 3 页',
  '# ', '## ', '| --- | --- |', '2025年', '2019年1月1日至2019年12月31日', '国办公开办函〔2019〕60号',
  '\u0000', '\uFEFF', '\u200B', '\uD800', '\uDC00', '𠀀', '😀', '㈠', 'ｘｘ', 'XX', '若干',
];
const labels = [...REQUEST_ROWS.map((r) => r.label), ...SECTIONS.map((s) => s.title)];

const insertion = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.constantFrom(...labels) },
  { weight: 2, arbitrary: fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((parts) => parts.join('')) },
);

const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 60 }), insert: insertion });

/** A real or generated report after a few random edits, then perhaps cut off anywhere. */
const editedDraft = fc
  .record({
    base: fc.nat({ max: bases.length - 1 }),
    edits: fc.array(edit, { maxLength: 8 }),
    cut: fc.option(fc.nat(), { freq: 4 }),
  })
  .map(({ base, edits, cut }) => {
    let text = bases[base].text;
    for (const { at, remove, insert } of edits) {
      const start = at % (text.length + 1);
      text = text.slice(0, start) + insert + text.slice(start + remove);
    }
    return cut === null ? text : text.slice(0, cut % (text.length + 1));
  });

/** Real report lines in random order and number: tables without captions, captions without tables. */
const lineSoup = fc.array(fc.constantFrom(...reportLines), { maxLength: 200 }).map((lines) => lines.join('\n'));

const randomUnicode = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: 'grapheme', maxLength: 3000 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }).map((parts) => parts.join('')),
);

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
];

describe('regressions', () => {
  for (const [name, text] of REGRESSIONS) {
    test(name, () => assertProperties(text, { idempotence: true }));
  }
});
