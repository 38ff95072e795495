import type { Check } from '../rule';
import { localized } from '../rule';
import { ARITHMETIC_MESSAGES, reportArithmetic } from './arithmetic';

export const rowTotal: Check = {
  id: 'row-total',
  defaultSeverity: 'error',
  fixable: true,
  description: localized('表格三中某行的总计不等于六类申请人之和（R3）。', 'A table 三 row whose total is not the sum of its six applicant cells (R3).'),
  messages: ARITHMETIC_MESSAGES,
  check: function rowTotal(context) {
    reportArithmetic(context, 'row-total');
  },
};
