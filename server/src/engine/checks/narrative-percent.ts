import type { Check } from '../rule';
import { localized } from '../rule';
import type { Fix, Localized } from '../types';
import {
  documentSpan,
  isAnotherYear,
  isContiguous,
  isWholeGovernment,
  OTHER_MATTERS,
  overviewOf,
  quote,
  readNumber,
  reliableSum,
  requestArithmetic,
  WHOLE_AREA,
} from './prose';

// "258 件，占 33.9%": a count, then 占 (占比, 占总数的…), then a percentage. No digit may stand
// between them, so the percentage is of that count.
const SHARE = /(\d{1,3}(?:,\d{3})+|\d+)\s*件(?!次)([^\d。；;%％占\n]{0,12})占([^\d。；;%％\n]{0,10})(\d+(?:\.\d+)?)\s*%/g;
const COUNT = /(\d{1,3}(?:,\d{3})+|\d+)\s*件(?!次)/g;
// A change or an approximation is not a share of a base.
const NOT_A_SHARE = /同比|环比|增|减|降|升|提高|较|超|逾|近|约|不足|低于|高于|以上|以下|左右/;
const APPROXIMATE_AFTER = /^\s*(?:以上|以下|左右)/;
const ABOUT_REQUESTS = /申请|办结|答复|予以公开|部分公开|不予公开|无法提供|不予处理/;

interface Base {
  value: number;
  name: Localized;
}

export const narrativePercent: Check = {
  id: 'narrative-percent',
  defaultSeverity: 'warning',
  fixable: false,
  description: localized(
    '正文中“N件，占x%”的百分比不等于 N 除以基数（句中所述总数或表三“（七）总计”）。',
    'A percentage in the prose (“N件，占x%”) that is not N divided by its base (the total the sentence states, or the （七） total).',
  ),
  messages: {
    wrong: localized(
      '正文“{quote}”：{count} ÷ {base} = {actual}%，不是 {written}%（基数为{baseName}）。',
      'The text “{quote}”: {count} ÷ {base} = {actual}%, not {written}% (base: {baseName}).',
    ),
  },
  check: function narrativePercent(context) {
    const { report, analysis } = context;
    const requests = requestArithmetic(analysis.arithmetic);
    const tableBases: Base[] = [];
    const resultTotal = reliableSum(requests, ['resultTotal'], ['total']);
    if (resultTotal !== undefined) tableBases.push({ value: resultTotal, name: localized('表三“（七）总计”', 'the （七） total of table 三') });
    const received = reliableSum(requests, ['new'], ['total']);
    if (received !== undefined) tableBases.push({ value: received, name: localized('表三“一、本年新收”总计', 'the new-requests total of table 三') });
    const withCarried = reliableSum(requests, ['new', 'carried'], ['total']);
    if (withCarried !== undefined) tableBases.push({ value: withCarried, name: localized('表三“一”加“二”的总计', 'new plus carried-over requests in table 三') });

    const { prose, sentences } = overviewOf(context);
    const wholeGovernment = isWholeGovernment(report);
    sentences.forEach((sentence, index) => {
      const text = prose.text.slice(sentence.start, sentence.end);
      // A share is written with a percent sign (the prose has ％ as %).
      if (!text.includes('%')) return;
      if (OTHER_MATTERS.test(text) || (!wholeGovernment && WHOLE_AREA.test(text))) return;
      const before = sentences[index - 1];
      const sameParagraph = before && before.paragraph === sentence.paragraph;
      if (!ABOUT_REQUESTS.test(sameParagraph ? prose.text.slice(before.start, sentence.end) : text)) return;
      SHARE.lastIndex = 0;
      for (let m = SHARE.exec(text); m; m = SHARE.exec(text)) {
        if (NOT_A_SHARE.test(m[2]) || NOT_A_SHARE.test(m[3]) || APPROXIMATE_AFTER.test(text.slice(m.index + m[0].length))) continue;
        const count = readNumber(m[1]);
        const written = m[4];
        // Totals the sentence itself states before the count ("共办结 805 件，其中…").
        const stated: Base[] = [...text.slice(0, m.index).matchAll(COUNT)]
          .map((c) => readNumber(c[1]))
          .filter((value) => value >= count && value > 0)
          .map((value) => ({ value, name: localized(`句中所述的 ${value} 件`, `the ${value} stated in the sentence`) }));
        // A share of another year's figure has only the bases the sentence states.
        const bases = [...stated, ...(isAnotherYear(text.slice(0, m.index), report.year) ? [] : tableBases)].filter((b) => b.value > 0);
        if (bases.length === 0 || bases.some((b) => agrees(count, b.value, written))) continue;
        const base = stated[0] ?? bases[0];
        const decimals = written.includes('.') ? written.split('.')[1].length : 0;
        const exact = (100 * count) / base.value;
        const percentAt = sentence.start + m.index + m[0].lastIndexOf(written);
        const percentEnd = percentAt + written.length;
        const fixes: Fix[] = [];
        if (isContiguous(prose, percentAt, percentEnd)) {
          const corrected = exact.toFixed(decimals);
          fixes.push({
            title: localized(`改为 ${corrected}%`, `Change to ${corrected}%`),
            edits: [{ span: documentSpan(prose, percentAt, percentEnd), newText: corrected }],
          });
        }
        context.emit({
          message: 'wrong',
          args: {
            quote: quote(m[0]),
            count,
            base: base.value,
            actual: exact.toFixed(Math.max(1, decimals)),
            written,
            baseName: base.name,
          },
          span: documentSpan(prose, percentAt, percentEnd),
          fixes,
        });
      }
    });
  },
};

/**
 * Whether a written percentage is count ÷ base at the precision it is written in, rounded or cut
 * off (clerks do both), with at least 0.1 points of slack.
 */
function agrees(count: number, base: number, written: string): boolean {
  const decimals = written.includes('.') ? written.split('.')[1].length : 0;
  const step = 10 ** -decimals;
  const difference = Number(written) - (100 * count) / base;
  const epsilon = 1e-9;
  return difference <= Math.max(step / 2, 0.1) + epsilon && difference > -Math.max(step, 0.1) - epsilon;
}
