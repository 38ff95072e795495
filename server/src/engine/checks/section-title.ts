import type { Check } from '../rule';
import { localized } from '../rule';
import { matchKey } from '../text';
import type { Localized } from '../types';
import { tableName } from './shared';
import { headingText, numeral, sectionDef, structureOf } from './structure';

export const sectionTitle: Check = {
  id: 'section-title',
  defaultSeverity: 'error',
  fixable: true,
  description: localized(
    '某一部分用了另一部分的标题（错误）；标题是常见变体（提示）；标题有错别字或不是格式规定的标题（警告）。',
    'A section under another section’s title (error); an accepted variant title (hint); a misspelt title, or one the format does not have (warning).',
  ),
  messages: {
    foreign: localized(
      '“{heading}”用的是第{owner}部分的标题；本部分{evidence}是第{ordinal}部分，标题应为“{official}”。',
      '“{heading}” carries the title of part {owner}; this section{evidence} is part {ordinal}, titled “{official}”.',
    ),
    variant: localized(
      '第{ordinal}部分的标题“{title}”是常见写法，格式规定的标题是“{official}”。',
      'Part {ordinal} is titled “{title}”, an accepted variant of the format’s “{official}”.',
    ),
    typo: localized(
      '第{ordinal}部分的标题“{title}”有错别字，应为“{intended}”。',
      'Part {ordinal} is titled “{title}”, a misspelling of “{intended}”.',
    ),
    unknown: localized(
      '第{ordinal}部分的标题“{title}”不是格式规定的“{official}”。',
      'Part {ordinal} is titled “{title}” instead of the format’s “{official}”.',
    ),
    extra: localized(
      '“{heading}”不是年度报告格式规定的六个部分之一。',
      '“{heading}” is not one of the six sections of the report format.',
    ),
  },
  check: function sectionTitle(context) {
    const { report } = context;
    for (const info of structureOf(report).sections) {
      const { section } = info;
      const heading = headingText(report, section);
      if (!info.id) {
        context.emit({ message: 'extra', args: { heading }, span: section.titleSpan, severity: 'warning' });
        continue;
      }
      const def = sectionDef(info.id);
      const retitle = (preferred: boolean) => [
        {
          title: localized(`将标题改为“${def.title}”`, `Retitle to “${def.title}”`),
          edits: [{ span: section.titleSpan, newText: def.title }],
          ...(preferred ? { preferred: true } : {}),
        },
      ];
      const args = { heading, title: section.title, official: def.title, ordinal: numeral(def.ordinal) };
      if (info.misTitled) {
        const table = report.tables.find((t) => t.span.start >= info.span.start && t.span.start < info.span.end);
        const evidence: Localized =
          table && info.contentId === info.id
            ? localized(`（其中是${tableName(table)['zh-cn']}）`, `, which holds the ${tableName(table).en},`)
            : localized('', '');
        context.emit({
          message: 'foreign',
          args: { ...args, owner: numeral(sectionDef(section.titleId!).ordinal), evidence },
          span: section.titleSpan,
          fixes: retitle(true),
        });
      } else if (section.titleTypoOf) {
        // A misspelt title is corrected to the wording it misspells (the official one, or a variant).
        const intended = section.titleTypoOf;
        context.emit({
          message: 'typo',
          args: { ...args, intended },
          span: section.titleSpan,
          severity: 'warning',
          fixes: [{ title: localized(`将标题改为“${intended}”`, `Retitle to “${intended}”`), edits: [{ span: section.titleSpan, newText: intended }], preferred: true }],
        });
      } else if (section.titleVariant || (!section.titleId && matchKey(section.title).includes(matchKey(def.title)))) {
        // Variants are accepted wording: the official title is offered, never applied by fix-all.
        context.emit({ message: 'variant', args, span: section.titleSpan, severity: 'hint', fixes: retitle(false) });
      } else if (!section.titleId) {
        context.emit({ message: 'unknown', args, span: section.titleSpan, severity: 'warning', fixes: retitle(false) });
      }
    }
  },
};
