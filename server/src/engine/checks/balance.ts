import type { Check } from '../rule';
import { localized } from '../rule';
import { ARITHMETIC_MESSAGES, reportArithmetic } from './arithmetic';

export const balance: Check = {
  id: 'balance',
  defaultSeverity: 'error',
  fixable: true,
  description: localized('某一列中第一项加第二项不等于第三项加第四项（R1）。', 'New plus carried-over requests differ from handled plus carried-forward in a column (R1).'),
  messages: ARITHMETIC_MESSAGES,
  check: function balance(context) {
    reportArithmetic(context, 'balance');
  },
};
