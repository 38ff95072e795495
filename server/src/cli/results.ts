// What a run knows about each file, as plain data: it is computed on worker threads, printed in every
// output format, and read back from `--format json` by `merge`. Messages stay in both languages until
// an output picks one.
import type { Localized, Range, RuleId, Severity } from '../engine';
import type { FormatVersion } from '../engine/format';
import { describe, type DocumentKind, type DocumentLocation } from '../documents';

/**
 * Where a finding is in a file that is not plain text (JSON `location`): the reader's place (a Word
 * table cell, a PDF page's table row, an HTML line and column, a paragraph with a quote) and, on a
 * table cell, the row and column the engine read it as.
 */
export type FileLocation = DocumentLocation & { rowLabel?: string; columnLabel?: string };

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
  location?: FileLocation;
  fixes: DiagnosticFix[];
  /** Its fix is one the file's writer cannot make (a row or section inserted, an edit across cells): 请手工修改. */
  manual?: true;
}

/** `checked`: read and checked; `unreadable`: could not be read (reason); `not-report`: found in a folder, not a report. */
export type FileStatus = 'checked' | 'unreadable' | 'not-report';

export interface FileResult {
  file: string;
  status: FileStatus;
  reason?: Localized;
  /** The kind of file its bytes showed (plain text when absent). */
  kind?: Exclude<DocumentKind, 'unknown'>;
  /** What the reader could not read exactly or left out (site chrome, pages not read, rows inferred). */
  warnings?: Localized[];
  /** Fixes are never written into this file (.pdf, .html, .doc, a .docx not read in full): why. */
  readOnly?: Localized;
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

/** Where a finding is, as a person says it: the file's own place, else line:column (1-based). */
export function locationText(diagnostic: Diagnostic, locale: 'zh-cn' | 'en'): string {
  if (diagnostic.location) return placeText(diagnostic.location, locale);
  const { line, character } = diagnostic.range.start;
  return `${line + 1}:${character + 1}`;
}

/**
 * A place in a file in words: "第2个表格 第7行 第9格（“（二）部分公开”行“总计”列）", "第3页 第5行 第2列",
 * "第12段：“本年共收到…”". A location read back from another run's JSON may be of any shape: it is
 * then said field by field rather than guessed at.
 */
export function placeText(location: FileLocation, locale: 'zh-cn' | 'en'): string {
  const place = KINDS.includes(location.kind) ? describe(location)?.[locale] : undefined;
  const said =
    place ??
    Object.entries(location)
      .filter(([key]) => key !== 'rowLabel' && key !== 'columnLabel')
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
  return said + cellNames(location, locale);
}

const KINDS: string[] = ['docx', 'pdf', 'html', 'doc'];

/** "（“（二）部分公开”行“总计”列）" / " (row “…”, column “…”)", when the engine read the place as a cell or a row label. */
export function cellNames(location: FileLocation, locale: 'zh-cn' | 'en'): string {
  const { rowLabel, columnLabel } = location;
  if (!rowLabel) return '';
  if (locale === 'en') return columnLabel ? ` (row “${rowLabel}”, column “${columnLabel}”)` : ` (row “${rowLabel}”)`;
  return columnLabel ? `（“${rowLabel}”行“${columnLabel}”列）` : `（“${rowLabel}”行）`;
}

export function severityName(severity: Severity, locale: 'zh-cn' | 'en'): string {
  return SEVERITY_NAMES[locale][severity];
}

const SEVERITY_NAMES = {
  'zh-cn': { error: '错误', warning: '警告', info: '提示', hint: '建议' },
  en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
} as const;

/** The fix a clerk would apply: the preferred one, else the choices offered; "请手工修改" where --fix cannot write it. */
export function proposedFix(diagnostic: Diagnostic, locale: 'zh-cn' | 'en'): string {
  const preferred = diagnostic.fixes.find((f) => f.preferred);
  const fix = preferred ? preferred.title[locale] : diagnostic.fixes.map((f) => f.title[locale]).join(' / ');
  return diagnostic.manual ? `${MANUAL[locale]}${locale === 'en' ? ': ' : '：'}${fix}` : fix;
}

export const MANUAL = { 'zh-cn': '请手工修改', en: 'change by hand' } as const;

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
