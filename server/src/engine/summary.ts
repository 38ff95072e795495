// Per-report facts the CLI's JSON output and the editor's status share.
import { activeVersion } from './checks/missing-table';
import { formatOfYear, type FormatVersion } from './format';
import type { Report } from './model';

/** The format each part's tables follow: "二" (section 二's sub-tables), "三", "四" (the same in both formats, so the report's). */
export function reportFormats(report: Report): Record<'二' | '三' | '四', FormatVersion | null> {
  const hasActive = report.tables.some((t) => t.kind.startsWith('active'));
  const requests = report.tables.find((t) => t.kind === 'requests');
  const review = report.tables.find((t) => t.kind === 'review');
  const byYear: FormatVersion | null = report.year === undefined ? null : formatOfYear(report.year);
  return {
    二: hasActive ? activeVersion(report) : null,
    三: requests ? requests.version ?? byYear : null,
    四: review ? byYear : null,
  };
}
