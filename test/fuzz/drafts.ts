// Drafts for the fuzz tests: real and generated reports after random edits, soups of real report
// lines, random Unicode. Shared by the engine's properties and the --fix file properties.
import fc from 'fast-check';
import { REQUEST_ROWS, SECTIONS } from '../../server/src/engine/format';
import { generateReport, LAYOUTS } from '../../bench/reports';
import { sharedTexts } from './properties';

export const seeds = sharedTexts('seeds');
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
export const editedDraft = fc
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
export const lineSoup = fc.array(fc.constantFrom(...reportLines), { maxLength: 200 }).map((lines) => lines.join('\n'));

export const randomUnicode = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: 'grapheme', maxLength: 3000 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }).map((parts) => parts.join('')),
);

