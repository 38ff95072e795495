// Every check, one per file, in the order the contract lists them.
import type { Check } from '../rule';
import { rowTotal } from './row-total';
import { columnTotal } from './column-total';
import { balance } from './balance';
import { reviewTotal } from './review-total';
import { blankCell } from './blank-cell';
import { cellValue } from './cell-value';
import { tableShape } from './table-shape';
import { missingTable } from './missing-table';
import { missingRow } from './missing-row';
import { rowLabel } from './row-label';
import { formatVersion } from './format-version';
import { missingSection } from './missing-section';
import { sectionNumber } from './section-number';
import { sectionTitle } from './section-title';
import { headingNumber } from './heading-number';
import { headingLevel } from './heading-level';
import { period } from './period';
import { basis } from './basis';
import { introParts } from './intro-parts';
import { narrativeNumber } from './narrative-number';
import { narrativePercent } from './narrative-percent';
import { placeholder } from './placeholder';
import { implausible } from './implausible';
import { feeStatement } from './fee-statement';
import { carryOver } from './carry-over';

export const CHECKS: Check[] = [
  rowTotal,
  columnTotal,
  balance,
  reviewTotal,
  blankCell,
  cellValue,
  tableShape,
  missingTable,
  missingRow,
  rowLabel,
  formatVersion,
  missingSection,
  sectionNumber,
  sectionTitle,
  headingNumber,
  headingLevel,
  period,
  basis,
  introParts,
  narrativeNumber,
  narrativePercent,
  placeholder,
  implausible,
  feeStatement,
  carryOver,
];
