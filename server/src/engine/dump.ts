import type { Report } from './model';
export function dumpReport(report: Report): unknown {
  return { year: report.year };
}
