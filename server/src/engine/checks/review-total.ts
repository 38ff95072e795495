import type { Check } from '../rule';
import { localized } from '../rule';
import { ARITHMETIC_MESSAGES, reportArithmetic } from './arithmetic';

export const reviewTotal: Check = {
  id: 'review-total',
  defaultSeverity: 'error',
  fixable: true,
  description: localized('表格四中行政复议或行政诉讼的总计不等于四项结果之和（R4）。', 'A table 四 block whose total is not the sum of its four parts (R4).'),
  messages: ARITHMETIC_MESSAGES,
  check: function reviewTotal(context) {
    reportArithmetic(context, 'review-total');
  },
};
