import type { Cell, Report, Row } from '../model';
import type { Check } from '../rule';
import { localized } from '../rule';
import { writeCell } from './shared';

export const carryOver: Check = {
  id: 'carry-over',
  defaultSeverity: 'warning',
  fixable: false,
  description: localized(
    '本年“二、上年结转政府信息公开申请数量”与上一年度报告的“四、结转下年度继续办理”不一致（R5），需有上一年度的报告。',
    'This year’s 二 (carried over from last year) differs from last year’s 四 (carried forward) in a column (R5); needs last year’s report.',
  ),
  messages: {
    differs: localized(
      '“二、上年结转政府信息公开申请数量”的{column}为 {value}，而{previous}“四、结转下年度继续办理”的{column}为 {previousValue}。',
      'Carried over ({column}) is {value} here, but {previous} carried {previousValue} forward (四, {column}).',
    ),
  },
  check: function carryOver(context) {
    const { report } = context;
    const previous = context.options.previousYear;
    if (!previous) return;
    // The caller pairs reports; a pair that is not one year apart compares nothing.
    if (report.year !== undefined && previous.year !== undefined && previous.year !== report.year - 1) return;
    const carried = requestRow(report, 'carried');
    const forwarded = requestRow(previous, 'carryOver');
    if (!carried || !forwarded) return;
    for (const cell of carried.cells) {
      const before = forwarded.cells.find((c) => c.column.id === cell.column.id);
      if (!before || !comparable(cell) || !comparable(before)) continue;
      const value = cell.value ?? 0;
      const previousValue = before.value ?? 0;
      if (value === previousValue) continue;
      context.emit({
        message: 'differs',
        args: {
          column: cell.column.short,
          value,
          previous: previous.year !== undefined ? localized(`${previous.year} 年度报告`, `the ${previous.year} report`) : localized('上一年度报告', 'last year’s report'),
          previousValue,
        },
        // An empty cell has an empty span: point at the row's label instead, where it can be seen.
        span: cell.span.start === cell.span.end ? carried.labelSpan : cell.span,
        // Either report may be the wrong one, so this is offered, never applied by fix-all.
        fixes: [{ title: localized(`改为上年报告中的 ${previousValue}`, `Change to ${previousValue} as in last year’s report`), edits: [writeCell(report, cell, String(previousValue))] }],
      });
    }
  },
};

function requestRow(report: Report, id: string): Row | undefined {
  return report.tables.find((t) => t.kind === 'requests')?.rows.find((r) => r.def.id === id);
}

/** Blank counts as 0 (as in all arithmetic); text where a number belongs compares nothing. */
function comparable(cell: Cell): boolean {
  return cell.kind !== 'invalid';
}
