// The parsed model as plain JSON: what `gongkai dump` prints, so one sees what the parser understood.
import type { Report } from './model';
import type { Span } from './types';

export function dumpReport(report: Report): unknown {
  const range = (span: Span) => report.lines.rangeOf(span);
  return {
    year: report.year ?? null,
    yearSource: report.yearSource ?? null,
    title: report.title ? { text: report.title.text, range: range(report.title.span) } : null,
    body: report.body ?? null,
    period: report.period ? { from: report.period.from, to: report.period.to, range: range(report.period.span) } : null,
    truncated: report.truncated,
    sections: report.sections.map((s) => ({
      ordinal: s.ordinal,
      title: s.title,
      titleId: s.titleId ?? null,
      level: s.level,
      range: range(s.span),
      headingRange: range(s.headingSpan),
    })),
    tables: report.tables.map((t) => ({
      kind: t.kind,
      version: t.version ?? null,
      versionEvidence: t.versionEvidence ?? null,
      format: t.format,
      layout: t.layout,
      cutOff: t.cutOff,
      range: range(t.span),
      columns: t.columns.map((c) => c.id),
      rows: t.rows.map((r) => ({
        id: r.def.id,
        label: r.def.label,
        written: r.label,
        range: range(r.labelSpan),
        ...(r.gluedDigits ? { gluedDigits: { raw: r.gluedDigits.raw, range: range(r.gluedDigits.span) } } : {}),
        ...(r.labelMismatch ? { labelMismatch: true } : {}),
        reading: r.reading.how ? `${r.reading.certainty} (${r.reading.how})` : r.reading.certainty,
        cells: r.cells.map((c) => ({ column: c.column.id, value: c.value, raw: c.raw, kind: c.kind, range: range(c.span) })),
      })),
      problems: t.problems.map((p) => ({
        kind: p.kind,
        row: p.row?.id ?? null,
        ...(p.rows ? { rows: p.rows.map((r) => r.id) } : {}),
        expected: p.expected ?? null,
        found: p.found ?? null,
        text: p.text ?? null,
        range: range(p.span),
      })),
    })),
    unread: report.unread.map((u) => ({ reason: u.reason, range: range(u.span) })),
  };
}
