import type { Check } from '../rule';
import { localized } from '../rule';
import type { Fix } from '../types';
import { headingText, numeral, sectionDef, structureOf, type SectionInfo } from './structure';

/** The longest run of sections whose format ordinals rise in document order; the rest are out of place. */
function inOrder(sections: SectionInfo[]): Set<SectionInfo> {
  const target = sections.map((s) => sectionDef(s.id!).ordinal);
  const length = target.map(() => 1);
  const previous = target.map(() => -1);
  for (let i = 0; i < target.length; i++) {
    for (let j = 0; j < i; j++) {
      if (target[j] < target[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
    }
  }
  const kept = new Set<SectionInfo>();
  let at = length.indexOf(Math.max(0, ...length));
  while (at >= 0) {
    kept.add(sections[at]);
    at = previous[at];
  }
  return kept;
}

export const sectionNumber: Check = {
  id: 'section-number',
  defaultSeverity: 'error',
  fixable: true,
  description: localized(
    '六个部分的序号（一、二、三……）重复、跳号、顺序颠倒或重新开始。',
    'A section ordinal (一、二、三…) duplicated, skipped, out of order or restarting.',
  ),
  messages: {
    duplicate: localized(
      '序号“{written}”与上一部分重复：“{title}”是第{expected}部分，序号应为“{expected}”。',
      'The ordinal “{written}” repeats the previous section’s: “{title}” is part {expected}, so its ordinal is “{expected}”.',
    ),
    skipped: localized(
      '序号从“{previous}”跳到“{written}”，跳过了“{skipped}”：“{title}”是第{expected}部分，序号应为“{expected}”。',
      'The ordinals jump from “{previous}” to “{written}”, skipping “{skipped}”: “{title}” is part {expected}, so its ordinal is “{expected}”.',
    ),
    restart: localized(
      '序号在“{previous}”之后又回到“{written}”：“{title}”是第{expected}部分，序号应为“{expected}”。',
      'The ordinals go back from “{previous}” to “{written}”: “{title}” is part {expected}, so its ordinal is “{expected}”.',
    ),
    wrong: localized(
      '“{title}”是第{expected}部分，序号应为“{expected}”，不是“{written}”。',
      '“{title}” is part {expected}: its ordinal is “{expected}”, not “{written}”.',
    ),
    order: localized(
      '“{heading}”是第{expected}部分，位置不对：六个部分应按一至六的顺序排列。',
      '“{heading}” is part {expected} but out of place: the six sections go in the order 一 to 六.',
    ),
    repeated: localized('第{expected}部分“{title}”重复出现（“{heading}”）。', 'Part {expected} “{title}” appears twice (“{heading}”).'),
  },
  check: function sectionNumber(context) {
    const { report } = context;
    const { sections } = structureOf(report);
    const identified = sections.filter((s) => s.id);
    const kept = inOrder(identified);
    const seen = new Set<string>();
    for (const info of identified) {
      const def = sectionDef(info.id!);
      if (!kept.has(info)) {
        context.emit({
          message: seen.has(def.id) ? 'repeated' : 'order',
          args: { heading: headingText(report, info.section), title: def.title, expected: numeral(def.ordinal) },
          span: info.section.ordinalSpan,
        });
      }
      seen.add(def.id);
    }
    // Sections out of order need moving, not renumbering: renumbering the rest would only add duplicates.
    if (kept.size < identified.length) return;

    const expected = identified.map((s) => sectionDef(s.id!).ordinal);
    const offset = identified.map((s, i) => s.section.ordinal - expected[i]);
    const wrong = identified.map((_, i) => i).filter((i) => offset[i] !== 0);
    if (wrong.length === 0) return;
    // A section the format does not have sits in the numbering: renumbering around it would collide.
    const fixes: Fix[] = sections.some((s) => !s.id)
      ? []
      : [
          {
            title: localized(
              `将部分序号改为：${wrong.map((i) => `${numeral(identified[i].section.ordinal)}→${numeral(expected[i])}`).join('，')}`,
              `Renumber the sections: ${wrong.map((i) => `${numeral(identified[i].section.ordinal)} → ${numeral(expected[i])}`).join(', ')}`,
            ),
            edits: wrong.map((i) => ({ span: identified[i].section.ordinalSpan, newText: numeral(expected[i]) })),
            preferred: true,
          },
        ];
    for (const i of wrong) {
      // One finding where the numbering goes wrong; the sections after it that are off by as much follow from it.
      if (i > 0 && offset[i - 1] === offset[i]) continue;
      const written = identified[i].section.ordinal;
      const previous = i > 0 ? identified[i - 1].section.ordinal : undefined;
      let message = 'wrong';
      if (previous !== undefined && written === previous) message = 'duplicate';
      else if (previous !== undefined && written > previous + 1) message = 'skipped';
      else if (previous !== undefined && written < previous) message = 'restart';
      const skipped = previous === undefined ? [] : Array.from({ length: Math.max(0, written - previous - 1) }, (_, k) => numeral(previous + 1 + k));
      context.emit({
        message,
        args: {
          written: numeral(written),
          previous: previous === undefined ? '' : numeral(previous),
          skipped: skipped.join('、'),
          title: sectionDef(identified[i].id!).title,
          expected: numeral(expected[i]),
        },
        span: identified[i].section.ordinalSpan,
        fixes,
      });
    }
  },
};
