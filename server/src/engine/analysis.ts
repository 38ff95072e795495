// Work shared by several checks, done once per check run.
import type { Report } from './model';

export interface Analysis {
  report: Report;
}

export function analyse(report: Report): Analysis {
  return { report };
}
