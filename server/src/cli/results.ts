// What a run knows about each file, as plain data: it is computed on worker threads, printed in every
// output format, and read back from `--format json` by `merge`. Messages stay in both languages until
// an output picks one.
import type { Localized, Range, RuleId, Severity } from '../engine';
import type { FormatVersion } from '../engine/format';
import type { SourceLocation } from './sources';

export interface DiagnosticFix {
  title: Localized;
  preferred?: true;
  edits: { range: Range; newText: string }[];
}

export interface Diagnostic {
  rule: RuleId;
  severity: Severity;
  message: Localized;
  range: Range;
  location?: SourceLocation;
  fixes: DiagnosticFix[];
}

/** `checked`: read and checked; `unreadable`: could not be read (reason); `not-report`: found in a folder, not a report. */
export type FileStatus = 'checked' | 'unreadable' | 'not-report';

export interface FileResult {
  file: string;
  status: FileStatus;
  reason?: Localized;
  body?: string;
  year?: number;
  formats?: Record<'二' | '三' | '四', FormatVersion | null>;
  diagnostics: Diagnostic[];
  /** --fix wrote fixes into the file. */
  fixed?: boolean;
  /** --fix left the file alone on purpose (not a report, a kind never written). */
  notWritten?: Localized;
  /** --fix failed to write the file: the cause. The file is unchanged and the diagnostics are its own. */
  writeError?: Localized;
  /** Last year's report of the same body that this one was compared with for carry-over. */
  comparedWith?: string;
}

export function counts(result: FileResult): { errors: number; warnings: number; others: number } {
  let errors = 0;
  let warnings = 0;
  let others = 0;
  for (const d of result.diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else others++;
  }
  return { errors, warnings, others };
}

/** Contract: 0 no error found, 1 an error found, 2 something could not be read, written or found at all. */
export function exitCode(results: FileResult[]): number {
  const checked = results.filter((r) => r.status === 'checked');
  if (checked.length === 0 || results.some((r) => r.status === 'unreadable' || r.writeError)) return 2;
  return checked.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

/** Line and column, 1-based, as an editor shows them; plus the file's own terms where it has them. */
export function locationText(diagnostic: Diagnostic): string {
  const { line, character } = diagnostic.range.start;
  const place = `${line + 1}:${character + 1}`;
  return diagnostic.location ? `${place} (${placeName(diagnostic.location)})` : place;
}

/** A place in a file's own terms, as words: "table 3, row 4, cell 2". */
export function placeName(location: SourceLocation): string {
  return Object.entries(location)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
}

export function severityName(severity: Severity, locale: 'zh-cn' | 'en'): string {
  return SEVERITY_NAMES[locale][severity];
}

const SEVERITY_NAMES = {
  'zh-cn': { error: '错误', warning: '警告', info: '提示', hint: '建议' },
  en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
} as const;

/** The fix a clerk would apply: the preferred one, else the choices offered. */
export function proposedFix(diagnostic: Diagnostic, locale: 'zh-cn' | 'en'): string {
  const preferred = diagnostic.fixes.find((f) => f.preferred);
  if (preferred) return preferred.title[locale];
  return diagnostic.fixes.map((f) => f.title[locale]).join(' / ');
}

/** A table format label for a report: "2021", or "2021（三：2019）" where a part differs from the rest. */
export function formatLabel(result: FileResult): string {
  const formats = result.formats;
  if (!formats) return '';
  const versions = (['三', '二', '四'] as const).map((part) => [part, formats[part]] as const).filter(([, v]) => v);
  if (versions.length === 0) return '';
  const main = versions[0][1]!;
  const differing = versions.filter(([, v]) => v !== main);
  return differing.length ? `${main}（${differing.map(([p, v]) => `${p}：${v}`).join('，')}）` : main;
}
