import type { Report, Section } from '../model';
import type { Check } from '../rule';
import { localized } from '../rule';
import type { Fix, Localized, OffsetEdit } from '../types';
import { headingText, sectionLevel, structureOf } from './structure';

function levelName(level: number): Localized {
  return level === 0 ? localized('普通段落（无 #）', 'a plain line (no #)') : localized('#'.repeat(level), '#'.repeat(level));
}

/** Rewrite only the heading's #'s; a plain heading gets "## " in place of its indentation. */
function relevel(report: Report, section: Section, level: number): OffsetEdit {
  const lineStart = report.lines.lineStart(report.lines.lineOf(section.headingSpan.start));
  if (section.level === 0) return { span: { start: lineStart, end: section.ordinalSpan.start }, newText: '#'.repeat(level) + ' ' };
  if (level === 0) return { span: { start: lineStart, end: section.ordinalSpan.start }, newText: '' };
  const hashes = section.headingSpan.start;
  return { span: { start: hashes, end: hashes + section.level }, newText: '#'.repeat(level) };
}

export const headingLevel: Check = {
  id: 'heading-level',
  defaultSeverity: 'warning',
  fixable: true,
  description: localized('六个部分的标题不在同一 Markdown 标题级别。', 'The six sections at different Markdown heading levels.'),
  messages: {
    level: localized(
      '“{heading}”的标题级别是{written}，六个部分应统一为{expected}。',
      '“{heading}” is at {written}; the six sections belong at one level, {expected}.',
    ),
  },
  check: function headingLevel(context) {
    const { report } = context;
    const structure = structureOf(report);
    const sections = structure.sections.map((s) => s.section);
    if (sections.length < 2) return;
    const level = sectionLevel(report, structure);
    const deviating = sections.filter((s) => s.level !== level);
    if (deviating.length === 0) return;
    const all: Fix = {
      title: localized(`将各部分标题统一为${levelName(level)['zh-cn']}`, `Put every section heading at ${levelName(level).en}`),
      edits: deviating.map((s) => relevel(report, s, level)),
      preferred: true,
    };
    for (const section of deviating) {
      const fixes =
        deviating.length === 1
          ? [all]
          : [all, { title: localized(`只改此标题为${levelName(level)['zh-cn']}`, `Put this heading at ${levelName(level).en}`), edits: [relevel(report, section, level)] }];
      context.emit({
        message: 'level',
        args: { heading: headingText(report, section), written: levelName(section.level), expected: levelName(level) },
        span: { start: section.headingSpan.start, end: section.ordinalSpan.end },
        fixes,
      });
    }
  },
};
