import type { Check } from '../rule';
import { localized } from '../rule';
import { ARITHMETIC_MESSAGES, reportArithmetic } from './arithmetic';

export const columnTotal: Check = {
  id: 'column-total',
  defaultSeverity: 'error',
  fixable: true,
  description: localized('（七）总计行的某一列不等于各办理结果之和（R2）。', 'A （七） total cell that is not the sum of the result rows in its column (R2).'),
  messages: ARITHMETIC_MESSAGES,
  check: function columnTotal(context) {
    reportArithmetic(context, 'column-total');
  },
};
