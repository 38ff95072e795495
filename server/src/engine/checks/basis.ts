import { BASIS_2019, BASIS_2021, FIRST_YEAR_OF_2021_FORMAT } from '../format';
import type { Check } from '../rule';
import { localized } from '../rule';

// 国办公开办函〔2019〕60号 as clerks type it: any of 〔〕[]()（）【】, spaces, full-width digits, traditional 國辦/開/辦.
const CITATION_2019 = /[国國][办辦]公[开開][办辦]函\s*[〔\[(（【［]\s*(?:2019|２０１９)\s*[〕\])）】］]\s*(?:60|６０)\s*[号號]/g;
// The 2021 notice's own name: when the sentence names it, only the number is wrong.
const NAME_2021 = /年度报告格式|年度報告格式/;

export const basis: Check = {
  id: 'basis',
  defaultSeverity: 'warning',
  fixable: true,
  description: localized(
    '2021 年及以后的年度报告引用了已被取代的国办公开办函〔2019〕60号。',
    'A report on 2021 or later cites 国办公开办函〔2019〕60号, which the 2021 format replaced.',
  ),
  messages: {
    old: localized(
      '{year} 年度报告应依据 {basis2021}（2021 年格式），而不是 {basis2019}。',
      'A report on {year} follows {basis2021} (the 2021 format), not {basis2019}.',
    ),
  },
  check: function basis(context) {
    const { report } = context;
    // A year read from the first "YYYY年" of an untitled text is a guess: not enough to call a citation wrong.
    if (report.year === undefined || report.yearSource === 'text' || report.year < FIRST_YEAR_OF_2021_FORMAT) return;
    for (const match of report.text.matchAll(CITATION_2019)) {
      const span = { start: match.index!, end: match.index! + match[0].length };
      const window = report.text.slice(Math.max(0, span.start - 80), span.start);
      const sentence = window.slice(Math.max(window.lastIndexOf('。'), window.lastIndexOf('；')) + 1);
      const namesNewFormat = NAME_2021.test(sentence);
      context.emit({
        message: 'old',
        args: { year: report.year, basis2021: BASIS_2021, basis2019: BASIS_2019 },
        span,
        fixes: [
          {
            title: namesNewFormat
              ? localized(`改为 ${BASIS_2021}`, `Change to ${BASIS_2021}`)
              : localized(`改为 ${BASIS_2021}（请一并核对前面的文件名称）`, `Change to ${BASIS_2021} (check the notice’s name before it too)`),
            edits: [{ span, newText: BASIS_2021 }],
            // Beside the 2019 notice's own name, a new number alone would cite a document that does not exist.
            ...(namesNewFormat ? { preferred: true } : {}),
          },
        ],
      });
    }
  },
};
