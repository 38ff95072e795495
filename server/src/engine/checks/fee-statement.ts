import { FIRST_YEAR_OF_2021_FORMAT } from '../format';
import type { Check } from '../rule';
import { localized } from '../rule';
import { TEMPLATE_INSTRUCTION } from '../template';
import { matchKey } from '../text';

// Any of these says something about fees ("未收取信息处理费", "未发生收费情况", "收取费用 380 元").
const FEE_WORDS = /处理费|收费|收取|费用|缴费|计收/;

export const feeStatement: Check = {
  id: 'fee-statement',
  defaultSeverity: 'info',
  fixable: false,
  description: localized(
    '2021 年及以后的年度报告中，“六、其他需要报告的事项”未说明收取信息处理费的情况。',
    'Section 六 of a report on 2021 or later says nothing about 信息处理费 (fees for handling requests).',
  ),
  messages: {
    silent: localized(
      '2021 年格式要求在“六、其他需要报告的事项”中说明本年度收取信息处理费的情况（未收取也应写明）。',
      'The 2021 format asks section 六 to state the 信息处理费 collected this year (or that none was).',
    ),
  },
  check: function feeStatement(context) {
    const { report } = context;
    if (report.year === undefined || report.yearSource === 'text' || report.year < FIRST_YEAR_OF_2021_FORMAT) return;
    const section = report.sections.find((s) => s.titleId === 'other') ?? report.sections.find((s) => s.ordinal === 6 && !s.titleId);
    if (!section) return;
    // matchKey reads traditional characters as simplified (處理費 → 处理费). The template's own
    // instruction mentions 信息处理费 too: it says nothing until the clerk replaces it.
    const written = report.text.slice(section.headingSpan.end, section.span.end).replace(TEMPLATE_INSTRUCTION, '');
    if (FEE_WORDS.test(matchKey(written))) return;
    context.emit({ message: 'silent', span: section.headingSpan });
  },
};
