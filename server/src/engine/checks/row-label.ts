import type { Check } from '../rule';
import { localized } from '../rule';

export const rowLabel: Check = {
  id: 'row-label',
  defaultSeverity: 'warning',
  fixable: true,
  description: localized('行标签不是格式规定的文字（错别字、旧格式用语），或表中有格式未规定的行。', 'A row label that is not the standard one (typo, old wording), or a row the format does not have.'),
  messages: {
    mismatch: localized('行标签“{written}”与格式规定的“{official}”不一致。', 'The row label “{written}” differs from the standard “{official}”.'),
    unknown: localized('“{text}”不是格式规定的行，其数字未计入校验。', '“{text}” is not a row of the format; its numbers are not checked.'),
  },
  check: function rowLabel(context) {
    for (const table of context.report.tables) {
      for (const row of table.rows) {
        if (!row.labelMismatch) continue;
        const official = (table.version && row.def.labels?.[table.version]) || row.def.label;
        context.emit({
          message: 'mismatch',
          args: { written: row.label, official },
          span: row.labelSpan,
          // A label wrapped around its numbers is not one span to replace: the clerk retypes it.
          fixes: row.labelWrapped ? [] : [{ title: localized(`改为“${official}”`, `Change to “${official}”`), edits: [{ span: row.labelSpan, newText: official }], preferred: true }],
        });
      }
      for (const problem of table.problems) {
        if (problem.kind !== 'unknown-row' || problem.row) continue;
        context.emit({ message: 'unknown', args: { text: problem.text ?? '' }, span: problem.span });
      }
    }
  },
};
