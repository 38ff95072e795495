import type { Check, CheckContext } from '../rule';
import { localized } from '../rule';
import { chineseNumeral } from '../text';
import type { Fix } from '../types';
import { headingText, structureOf, subHeadingLines, type SubHeading } from './structure';

const FULL = { open: '（', close: '）' };
const HALF = { open: '(', close: ')' };

/** The ordinal as written, or as it would read with another number. */
function written(item: SubHeading, value = item.value): string {
  const at = item.numberSpan.start - item.span.start;
  return item.raw.slice(0, at) + numberText(item, value) + item.raw.slice(item.numberSpan.end - item.span.start);
}

function numberText(item: SubHeading, value: number): string {
  return item.kind === 'digit' ? String(value) : chineseNumeral(value);
}

/**
 * Split a run of same-level ordinals into lists: a return to 1 starts a new list (two lists under
 * one heading are common and not a defect), anything else continues the current one.
 */
function lists(run: SubHeading[]): SubHeading[][] {
  const result: SubHeading[][] = [];
  for (const item of run) {
    if (item.value === 1 || result.length === 0) result.push([item]);
    else result[result.length - 1].push(item);
  }
  return result;
}

function checkList(context: CheckContext, list: SubHeading[], sectionHeading: string): void {
  const offset = list.map((item, i) => item.value - (i + 1));
  const wrong = list.map((_, i) => i).filter((i) => offset[i] !== 0);
  if (wrong.length === 0) return;
  const fix: Fix = {
    title: localized(
      `重新编号：${wrong.map((i) => `${written(list[i])}→${written(list[i], i + 1)}`).join('，')}`,
      `Renumber: ${wrong.map((i) => `${written(list[i])} → ${written(list[i], i + 1)}`).join(', ')}`,
    ),
    edits: wrong.map((i) => ({ span: list[i].numberSpan, newText: numberText(list[i], i + 1) })),
    preferred: true,
  };
  for (const i of wrong) {
    if (i > 0 && offset[i - 1] === offset[i]) continue; // follows from the break reported before it
    const item = list[i];
    const previous = list[i - 1];
    let message = 'first';
    if (previous && item.value === previous.value) message = 'duplicate';
    else if (previous && item.value > previous.value) message = 'skipped';
    else if (previous) message = 'backwards';
    context.emit({
      message,
      args: { written: written(item), previous: previous ? written(previous) : '', expected: written(item, i + 1), section: sectionHeading },
      span: item.span,
      fixes: [fix],
    });
  }
}

export const headingNumber: Check = {
  id: 'heading-number',
  defaultSeverity: 'warning',
  fixable: true,
  description: localized(
    '各部分内小标题序号（一）（二）……或 1. 2. ……不连续，或全角、半角括号混用。',
    'Sub-heading ordinals （一）（二）… or 1. 2. … out of sequence, or mixed full- and half-width brackets.',
  ),
  messages: {
    first: localized(
      '“{section}”中的小标题序号“{written}”应为“{expected}”：小标题在每一部分（及每个上级小标题下）从头编号。',
      'The sub-heading ordinal “{written}” in “{section}” should be “{expected}”: numbering restarts in each section (and under each higher sub-heading).',
    ),
    duplicate: localized(
      '小标题序号“{written}”与上一个重复，应为“{expected}”。',
      'The sub-heading ordinal “{written}” repeats the previous one; it should be “{expected}”.',
    ),
    skipped: localized(
      '小标题序号从“{previous}”跳到“{written}”，应为“{expected}”。',
      'The sub-heading ordinals jump from “{previous}” to “{written}”; it should be “{expected}”.',
    ),
    backwards: localized(
      '小标题序号“{written}”排在“{previous}”之后，应为“{expected}”。',
      'The sub-heading ordinal “{written}” comes after “{previous}”; it should be “{expected}”.',
    ),
    width: localized(
      '小标题序号“{written}”用了{style}括号，本文其他小标题用{other}括号“{expected}”。',
      'The sub-heading ordinal “{written}” uses {style} brackets; the rest of the document uses {other} ones, “{expected}”.',
    ),
  },
  check: function headingNumber(context) {
    const { report } = context;
    const parens: SubHeading[] = [];
    for (const info of structureOf(report).sections) {
      const sectionHeading = headingText(report, info.section);
      const lines = subHeadingLines(report, info);
      // The format nests 1. under （一）; a section that starts with 1. nests them the other way round.
      const outer = lines.find((l) => l.kind !== 'list')?.kind ?? 'paren';
      // Both restart in each section, and under each "一、" list item.
      let outerRun: SubHeading[] = [];
      let innerRun: SubHeading[] = [];
      const close = (run: SubHeading[]) => lists(run).forEach((list) => checkList(context, list, sectionHeading));
      for (const line of lines) {
        if (line.kind === 'paren') parens.push(line);
        if (line.kind !== 'list' && line.kind !== outer) {
          innerRun.push(line);
          continue;
        }
        close(innerRun);
        innerRun = [];
        if (line.kind === 'list') {
          close(outerRun);
          outerRun = [];
        } else {
          outerRun.push(line);
        }
      }
      close(innerRun);
      close(outerRun);
    }
    checkWidth(context, parens);
  },
};

/** One document, one bracket width: the minority style is reported (a tie keeps the format's full width). */
function checkWidth(context: CheckContext, parens: SubHeading[]): void {
  const isFull = (p: SubHeading) => p.open!.char === FULL.open && p.close!.char === FULL.close;
  const isHalf = (p: SubHeading) => p.open!.char === HALF.open && p.close!.char === HALF.close;
  const full = parens.filter(isFull).length;
  const half = parens.filter(isHalf).length;
  if (full === 0 && half === 0) return;
  const majority = full >= half ? FULL : HALF;
  const style = (p: SubHeading) => (isFull(p) ? localized('全角', 'full-width') : isHalf(p) ? localized('半角', 'half-width') : localized('全角、半角混合的', 'mixed'));
  for (const p of parens) {
    if (p.open!.char === majority.open && p.close!.char === majority.close) continue;
    const expected = majority.open + p.raw.slice(1, -1) + majority.close;
    context.emit({
      message: 'width',
      args: {
        written: written(p),
        expected,
        style: style(p),
        other: majority === FULL ? localized('全角', 'full-width') : localized('半角', 'half-width'),
      },
      span: p.span,
      fixes: [
        {
          title: localized(`改为“${expected}”`, `Change to “${expected}”`),
          edits: [
            { span: { start: p.open!.offset, end: p.open!.offset + 1 }, newText: majority.open },
            { span: { start: p.close!.offset, end: p.close!.offset + 1 }, newText: majority.close },
          ].filter((edit) => context.report.text.slice(edit.span.start, edit.span.end) !== edit.newText),
          preferred: true,
        },
      ],
    });
  }
}
