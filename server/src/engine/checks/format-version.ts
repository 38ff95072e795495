import { BASIS_2019, FIRST_YEAR_OF_2021_FORMAT } from '../format';
import type { Check } from '../rule';
import { localized } from '../rule';
import { tableName } from './shared';

export const formatVersion: Check = {
  id: 'format-version',
  defaultSeverity: 'warning',
  fixable: false,
  description: localized(
    '2021 年及以后的年度报告中使用了 2019 年试行格式的表格（或反之）。',
    'A table in the 2019 format in a report on 2021 or later (or the reverse).',
  ),
  messages: {
    old: localized(
      '{table}使用的是 2019 年试行格式（{evidence}），{year} 年度报告应使用国办公开办函〔2021〕30号规定的格式。',
      'The {table} is in the 2019 trial format ({evidence}); a report on {year} uses the format of 国办公开办函〔2021〕30号.',
    ),
    new: localized(
      '{table}使用的是 2021 年格式，而 {year} 年度报告应使用 {basis} 规定的格式。',
      'The {table} is in the 2021 format, but a report on {year} uses the format of {basis}.',
    ),
  },
  check: function formatVersion(context) {
    const { year } = context.report;
    if (year === undefined) return;
    for (const table of context.report.tables) {
      if (!table.version) continue;
      const expected = year >= FIRST_YEAR_OF_2021_FORMAT ? '2021' : '2019';
      if (table.version === expected) continue;
      const otherHandling = table.rows.find((r) => r.def.id === 'otherHandling');
      const span = table.kind === 'requests' && otherHandling ? otherHandling.labelSpan : table.captionSpan;
      context.emit({
        message: table.version === '2019' ? 'old' : 'new',
        args: { table: tableName(table), year, evidence: evidenceText(table.versionEvidence), basis: BASIS_2019 },
        span,
      });
    }
  },
};

function evidenceText(evidence: string | undefined) {
  if (!evidence) return localized('表头', 'header');
  if (evidence.includes('one data row')) return localized('“（六）其他处理”只有一行，没有 1–3 项', '“（六）其他处理” is one row without items 1–3');
  const header = /header "(.+)"/.exec(evidence);
  if (header) return localized(`表头“${header[1]}”`, `header “${header[1]}”`);
  return localized(evidence, evidence);
}
