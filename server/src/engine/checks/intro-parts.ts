import { CHINESE_NUMERALS, SECTIONS, type SectionId } from '../format';
import { identifyTitle } from '../parse/headings';
import type { Check, CheckContext, Emit } from '../rule';
import { localized } from '../rule';
import { parseChineseNumeral } from '../text';
import type { Fix, OffsetEdit } from '../types';
import { documentSpan, isContiguous, overviewOf, type Overview, type Prose } from './prose';

const ANNOUNCED = /([一二两三四五六七八九十]|\d{1,2})\s*个?\s*部分/g;
// The word that opens the list of parts: the last one before the number.
const LIST_OPENER = /由|包括|包含|分为|分成|共分|涵盖/g;
const ABOUT_THE_REPORT = /报告|年报|全文|本文/;
const LIST_SEPARATOR = /[、，,；;]/;

interface Item {
  start: number;
  end: number;
  id: SectionId;
  /** The name is an accepted variant of the section's title, not the title itself. */
  variant: boolean;
}

export const introParts: Check = {
  id: 'intro-parts',
  defaultSeverity: 'warning',
  fixable: true,
  description: localized(
    '引言称报告由若干部分组成，但列出的部分数或报告实有的部分数与之不同。',
    'The intro announces a number of parts that differs from the parts it lists or the sections the report has.',
  ),
  messages: {
    listed: localized(
      '引言称报告由{announced}部分组成，却列出了 {listed} 个部分{missing}。',
      'The intro announces {announcedEn} parts but lists {listed}{missingEn}.',
    ),
    sections: localized(
      '引言称报告由{announced}部分组成，而报告有 {count} 个部分（格式规定六部分）。',
      'The intro announces {announcedEn} parts, but the report has {count} sections (the format has six).',
    ),
    variant: localized(
      '引言列出的“{written}”是第{ordinal}部分标题的常见写法，格式规定的标题是“{official}”。',
      'The intro names part {ordinalEn} “{written}”, a common variant; the format’s title is “{official}”.',
    ),
  },
  check: function introParts(context) {
    const { report } = context;
    const overview = overviewOf(context);
    // Besides the prose, the rule reads which sections the report has and whether it is cut off:
    // with the same prose (a session keeps it while the edits are elsewhere) the findings repeat.
    const sections = `${report.truncated}\u0000${report.sections.map((s) => `${s.ordinal}:${s.titleId ?? ''}`).join()}`;
    const readAgain = () => {
      const emitted: Emit[] = [];
      readIntro({ ...context, emit: (finding) => emitted.push(finding) }, overview);
      return { sections, emitted };
    };
    const found = context.memo.of(overview.prose, 'intro-parts', readAgain, (kept) => kept.sections === sections);
    for (const emitted of found.emitted) context.emit(emitted);
  },
};

function readIntro(context: CheckContext, { prose, sentences }: Overview): void {
  const { report } = context;
  for (const sentence of sentences) {
    const text = prose.text.slice(sentence.start, sentence.end);
    reportVariants(context, prose, sentence.start, text);
    if (!text.includes('部分')) continue;
    for (const match of text.matchAll(ANNOUNCED)) {
      const at = match.index!;
      if (!ABOUT_THE_REPORT.test(text.slice(0, at))) continue;
      const numeral = match[1];
      // The end of a longer number ("…12436111116个部分") is no count of parts.
      if (/\d/.test(numeral) && at > 0 && /[0-9０-９]/.test(text[at - 1])) continue;
      const announced = /\d/.test(numeral) ? Number(numeral) : parseChineseNumeral(numeral);
      if (announced === undefined) continue;
      const numeralSpan = { start: sentence.start + at, end: sentence.start + at + numeral.length };
      const span = documentSpan(prose, numeralSpan.start, sentence.start + at + match[0].length);
      const renumber = (): Fix | undefined =>
        isContiguous(prose, numeralSpan.start, numeralSpan.end)
          ? {
              title: localized('改为“六”部分', 'Change to six parts'),
              edits: [{ span: documentSpan(prose, numeralSpan.start, numeralSpan.end), newText: /\d/.test(numeral) ? '6' : '六' }],
              preferred: true,
            }
          : undefined;
      const args = { announced: numeral, announcedEn: announced };

      const before = listedParts(sentence.start, text.slice(0, at));
      const items = before !== 'unreadable' && before.length === 0 ? listAfterCount(sentence.start, text, at + match[0].length) : before;
      if (items === 'unreadable') continue;
      if (items.length >= 2) {
        if (items.length === announced) continue;
        const listedIds = items.map((i) => i.id);
        const missing = SECTIONS.filter((s) => !listedIds.includes(s.id));
        const inOrder = listedIds.every((id, i) => i === 0 || ordinalOf(id) > ordinalOf(listedIds[i - 1]));
        const fixes: Fix[] = [];
        if (items.length === SECTIONS.length && inOrder) {
          const fix = renumber();
          if (fix) fixes.push(fix);
        } else if (announced === SECTIONS.length && inOrder) {
          fixes.push(insertMissing(prose, items, missing.map((s) => s.id), text));
        }
        const names = missing.map((s) => `“${s.title}”`).join('、');
        context.emit({
          message: 'listed',
          args: {
            ...args,
            listed: items.length,
            missing: missing.length && items.length < announced ? `（未列出${names}）` : '',
            missingEn: missing.length && items.length < announced ? ` (missing: ${names})` : '',
          },
          span,
          fixes,
        });
        continue;
      }
      // No list: compare with the report, unless the intro has the format's six and a section is what is missing (missing-section says so).
      if (announced === SECTIONS.length || report.truncated || report.sections.length === 0) continue;
      const count = new Set(report.sections.map((s) => s.ordinal)).size;
      if (count === announced) continue;
      const standard = SECTIONS.every((s) => report.sections.some((r) => r.titleId === s.id && r.ordinal === s.ordinal));
      const fix = standard && report.sections.length === SECTIONS.length ? renumber() : undefined;
      context.emit({ message: 'sections', args: { ...args, count }, span, fixes: fix ? [fix] : [] });
    }
  }
}

/**
 * The parts an intro lists ("本报告包括总体情况、…等内容"), whether or not it counts them: a name
 * that is an accepted variant of a title gets a hint, as the same variant in a heading does.
 */
function reportVariants(context: CheckContext, prose: Prose, base: number, text: string): void {
  if (!ABOUT_THE_REPORT.test(text)) return;
  const openers = [...text.matchAll(LIST_OPENER)];
  if (openers.length === 0) return;
  const opened = openers[0].index! + openers[0].length;
  const closing = text.slice(opened).search(/等|[0-9一二两三四五六七八九十]\s*个?\s*部分|。/);
  let items = listedParts(base, text.slice(0, closing < 0 ? text.length : opened + closing));
  const counted = closing < 0 ? undefined : /^[0-9一二两三四五六七八九十]\s*个?\s*部分/.exec(text.slice(opened + closing));
  if (counted && items !== 'unreadable' && items.length === 0) items = listAfterCount(base, text, opened + closing + counted[0].length);
  // Four titles in a row are a list of the report's parts, not a sentence that happens to name one.
  if (items === 'unreadable' || items.length < 4) return;
  for (const item of items) {
    if (!item.variant || !isContiguous(prose, item.start, item.end)) continue;
    const section = SECTIONS.find((s) => s.id === item.id)!;
    const span = documentSpan(prose, item.start, item.end);
    context.emit({
      message: 'variant',
      args: { written: prose.text.slice(item.start, item.end), ordinal: CHINESE_NUMERALS[section.ordinal - 1], ordinalEn: section.ordinal, official: section.title },
      span,
      severity: 'hint',
      fixes: [{ title: localized(`改为“${section.title}”`, `Change to “${section.title}”`), edits: [{ span, newText: section.title }] }],
    });
  }
}

function ordinalOf(id: SectionId): number {
  return SECTIONS.find((s) => s.id === id)!.ordinal;
}

/**
 * The parts named between the list's opening word and the number. 'unreadable' when there is a
 * list but one of its items is not a section title (then the count of items proves nothing).
 */
function listedParts(base: number, head: string): Item[] | 'unreadable' {
  const openers = [...head.matchAll(LIST_OPENER)];
  if (openers.length === 0) return [];
  const last = openers[openers.length - 1];
  const listStart = last.index! + last[0].length;
  // "…其他需要报告的事项等六部分": leave out the words between the last item and the number.
  let listEnd = head.length;
  while (listEnd > listStart && /[等共这计\s]/.test(head[listEnd - 1])) listEnd--;
  const pieces: { start: number; name: string }[] = [];
  let from = listStart;
  for (const piece of head.slice(listStart, listEnd).split(LIST_SEPARATOR)) {
    const name = piece.trim();
    if (name) pieces.push({ start: from + piece.indexOf(name), name });
    from += piece.length + 1;
  }
  if (pieces.length < 2) return [];
  const items: Item[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const { start } = pieces[i];
    let { name } = pieces[i];
    let identified = identifyTitle(unquote(name));
    // "政府信息公开行政复议、行政诉讼情况" is one title that the list separator split in two.
    if (!identified && i + 1 < pieces.length) {
      const joined = head.slice(start, pieces[i + 1].start + pieces[i + 1].name.length);
      identified = identifyTitle(unquote(joined));
      if (identified) {
        name = joined;
        i++;
      }
    }
    if (!identified) {
      // "…及改进情况和其他需要报告的事项": the last two parts joined by 和 (or 及) instead of 、.
      const pair = splitPair(name);
      if (pair && !items.some((item) => item.id === pair[0].id || item.id === pair[1].id)) {
        items.push({ start: base + start, end: base + start + pair[0].length, id: pair[0].id, variant: pair[0].variant });
        const second = start + pair[0].length + 1;
        items.push({ start: base + second, end: base + second + pair[1].length, id: pair[1].id, variant: pair[1].variant });
        continue;
      }
    }
    if (!identified || items.some((item) => item.id === identified!.id)) return 'unreadable';
    items.push({ start: base + start, end: base + start + name.length, id: identified.id, variant: identified.variant });
  }
  return items;
}

/** Two titles joined by 和 or 及, each a section's: [first, second] with their lengths. */
function splitPair(name: string): [{ id: SectionId; variant: boolean; length: number }, { id: SectionId; variant: boolean; length: number }] | undefined {
  for (let at = 1; at < name.length - 1; at++) {
    if (name[at] !== '和' && name[at] !== '及') continue;
    const first = identifyTitle(unquote(name.slice(0, at)));
    const second = identifyTitle(unquote(name.slice(at + 1)));
    if (first && second && first.id !== second.id) return [{ ...first, length: at }, { ...second, length: name.length - at - 1 }];
  }
  return undefined;
}

/** "本报告共分6个部分：总体情况、…、其他需要报告的事项。": the list that follows the count. */
function listAfterCount(base: number, text: string, countEnd: number): Item[] | 'unreadable' {
  if (!/^[：:]/.test(text.slice(countEnd))) return [];
  const end = text.indexOf('。', countEnd);
  const list = text.slice(countEnd + 1, end < 0 ? text.length : end);
  return listedParts(base + countEnd + 1 - '包括'.length, '包括' + list);
}

function unquote(name: string): string {
  return name.replace(/^[《“"']+|[》”"']+$/g, '');
}

/** Insert each missing section's title into the list at its place, in the list's own separator. */
function insertMissing(prose: Prose, items: Item[], missing: SectionId[], sentenceText: string): Fix {
  const separator = sentenceText.includes('、') ? '、' : '，';
  // Titles that go to the same place are inserted as one text, in the format's order.
  const insertions = new Map<number, string>();
  for (const id of missing) {
    const title = SECTIONS.find((s) => s.id === id)!.title;
    const previous = [...items].reverse().find((i) => ordinalOf(i.id) < ordinalOf(id));
    if (previous) {
      const at = documentSpan(prose, previous.start, previous.end).end;
      insertions.set(at, (insertions.get(at) ?? '') + separator + title);
    } else {
      const at = documentSpan(prose, items[0].start, items[0].end).start;
      insertions.set(at, (insertions.get(at) ?? '') + title + separator);
    }
  }
  const edits: OffsetEdit[] = [...insertions].map(([at, newText]) => ({ span: { start: at, end: at }, newText }));
  const names = missing.map((id) => `“${SECTIONS.find((s) => s.id === id)!.title}”`).join('、');
  return { title: localized(`在列举中补上${names}`, `Add ${names} to the list`), edits };
}
