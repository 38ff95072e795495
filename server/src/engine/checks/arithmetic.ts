// The four arithmetic rules report the same analysis (one error localisation over all relations
// of a table), each the cells that fall under it; this is their shared body.
import type { CellRef, TableArithmetic } from '../analysis';
import type { CheckContext } from '../rule';
import { localized } from '../rule';
import type { RuleId, Span } from '../types';
import {
  brokenBy,
  cellName,
  correctionFix,
  formatNumber,
  joinLocalized,
  relationTotal,
  RELATION_NAMES,
  RULE_OF_RELATION,
  ruleOfChange,
} from './shared';

export const ARITHMETIC_MESSAGES = {
  wrong: localized(
    '{cell}填报 {from}，应为 {to}：此格使{relations}不成立。',
    '{cell} reads {from} but should be {to}: this cell breaks {relations}.',
  ),
  ambiguous: localized(
    '{relation}不成立：{total}填报 {written}，各项之和为 {expected}。有 {count} 种同样少的改法，请核对原始台账后选择。',
    '{relation} does not hold: {total} reads {written}, the parts sum to {expected}. {count} equally small corrections exist; check the records and pick one.',
  ),
  unlocalised: localized(
    '{relation}不成立：{total}填报 {written}，各项之和为 {expected}。错误太多，无法确定应改哪几格。',
    '{relation} does not hold: {total} reads {written}, the parts sum to {expected}. Too many cells disagree to tell which are wrong.',
  ),
};

/**
 * With no correction found, no cell can be shown to be wrong: the finding sits on the row the
 * relation runs along (its label, when the label is on the cells' line; else the whole row), never
 * on one cell, and its message names the column.
 */
function rowSpanOf(context: CheckContext, ref: CellRef): Span {
  const { lines } = context.report;
  const { row } = ref;
  const sameLine = row.labelSpan.end > row.labelSpan.start && lines.lineOf(row.labelSpan.start) === lines.lineOf(ref.cell.span.start);
  return sameLine ? row.labelSpan : row.span;
}

export function reportArithmetic(context: CheckContext, rule: RuleId): void {
  for (const arithmetic of context.analysis.arithmetic) {
    if (arithmetic.failing.length === 0) continue;
    if (arithmetic.corrections.length === 1) reportCertain(context, rule, arithmetic);
    else reportUncertain(context, rule, arithmetic);
  }
}

function reportCertain(context: CheckContext, rule: RuleId, arithmetic: TableArithmetic): void {
  const changes = arithmetic.corrections[0];
  for (const change of changes) {
    if (ruleOfChange(arithmetic, change) !== rule) continue;
    const relations = brokenBy(arithmetic, change.ref).map((r) => RELATION_NAMES[r.id]);
    context.emit({
      message: 'wrong',
      args: {
        cell: cellName(change.ref.row, change.ref.cell),
        from: change.ref.cell.kind === 'blank' ? localized('空白', 'blank') : formatNumber(change.from),
        to: formatNumber(change.to),
        relations: relations.length ? joinLocalized(relations) : RELATION_NAMES[arithmetic.failing[0].id],
      },
      span: change.ref.cell.span,
      // Every cell of the correction is fixed together: fixing one alone leaves the relations broken.
      fixes: [correctionFix(context.report, changes, true)],
      arithmetic: true,
    });
  }
}

function reportUncertain(context: CheckContext, rule: RuleId, arithmetic: TableArithmetic): void {
  for (const relation of arithmetic.failing) {
    if (RULE_OF_RELATION[relation.id] !== rule) continue;
    const total = relationTotal(arithmetic, relation);
    if (!total) continue;
    const args = {
      relation: RELATION_NAMES[relation.id],
      total: cellName(total.ref.row, total.ref.cell),
      written: formatNumber(total.written),
      expected: formatNumber(total.expected),
      count: arithmetic.corrections.length,
    };
    context.emit({
      message: arithmetic.corrections.length > 1 ? 'ambiguous' : 'unlocalised',
      args,
      span: arithmetic.corrections.length > 1 ? total.ref.cell.span : rowSpanOf(context, total.ref),
      fixes: arithmetic.corrections.map((changes) => correctionFix(context.report, changes, false)),
      arithmetic: true,
    });
  }
}
