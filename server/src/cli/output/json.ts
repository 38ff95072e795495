// `--format json`: the contract's array, one element per file, messages in the chosen language. Beside
// the contract's fields each element says what happened to the file (`status`, `reason`, `body`,
// `fixed`, `writeError`, `comparedWith`; the file's `kind`, the reader's `warnings`, `readOnly`),
// which is what `merge` needs to rebuild a summary.
import { RULE_IDS, type Locale, type Localized } from '../../engine';
import type { Diagnostic, FileResult, FileStatus } from '../results';

export function toJson(results: FileResult[], locale: Locale): unknown[] {
  const text = (value: Localized | undefined) => (value === undefined ? undefined : value[locale]);
  return results.map((r) => ({
    file: r.file,
    status: r.status,
    ...(r.reason ? { reason: text(r.reason) } : {}),
    ...(r.kind ? { kind: r.kind } : {}),
    ...(r.warnings ? { warnings: r.warnings.map((w) => w[locale]) } : {}),
    ...(r.readOnly ? { readOnly: text(r.readOnly) } : {}),
    body: r.body ?? null,
    year: r.year ?? null,
    formats: r.formats ?? null,
    ...(r.fixed ? { fixed: true } : {}),
    ...(r.notWritten ? { notWritten: text(r.notWritten) } : {}),
    ...(r.writeError ? { writeError: text(r.writeError) } : {}),
    ...(r.comparedWith ? { comparedWith: r.comparedWith } : {}),
    diagnostics: r.diagnostics.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message[locale],
      range: d.range,
      ...(d.location ? { location: d.location } : {}),
      fixes: d.fixes.map((f) => ({ title: f.title[locale], ...(f.preferred ? { preferred: true } : {}), edits: f.edits })),
      ...(d.manual ? { manual: true } : {}),
    })),
  }));
}

const KINDS = ['text', 'docx', 'html', 'pdf', 'doc'];

/** One `--format json` output read back; throws a message naming what is wrong with it. */
export function fromJson(value: unknown): FileResult[] {
  if (!Array.isArray(value)) throw new Error('not a JSON array of files (the output of gongkai check --format json)');
  return value.map((item, i) => {
    const where = `element ${i}`;
    if (!item || typeof item !== 'object' || typeof item.file !== 'string' || !Array.isArray(item.diagnostics)) {
      throw new Error(`${where}: not a file result (needs "file" and "diagnostics")`);
    }
    const both = (s: unknown): Localized => ({ 'zh-cn': String(s), en: String(s) });
    const status: FileStatus = item.status === 'unreadable' || item.status === 'not-report' ? item.status : 'checked';
    const diagnostics: Diagnostic[] = item.diagnostics.map((d: Record<string, any>, j: number) => {
      if (!RULE_IDS.includes(d.rule) || !d.range?.start || !d.range?.end) throw new Error(`${where}, diagnostic ${j}: needs a known "rule" and a "range"`);
      return {
        rule: d.rule,
        severity: ['error', 'warning', 'info', 'hint'].includes(d.severity) ? d.severity : 'warning',
        message: both(d.message ?? ''),
        range: d.range,
        ...(d.location && typeof d.location === 'object' ? { location: d.location } : {}),
        fixes: Array.isArray(d.fixes)
          ? d.fixes.map((f: Record<string, any>) => ({ title: both(f.title ?? ''), ...(f.preferred ? { preferred: true } : {}), edits: Array.isArray(f.edits) ? f.edits : [] }))
          : [],
        ...(d.manual === true ? { manual: true } : {}),
      };
    });
    return {
      file: item.file,
      status,
      ...(item.reason !== undefined ? { reason: both(item.reason) } : {}),
      ...(KINDS.includes(item.kind) ? { kind: item.kind } : {}),
      ...(Array.isArray(item.warnings) ? { warnings: item.warnings.map(both) } : {}),
      ...(item.readOnly !== undefined ? { readOnly: both(item.readOnly) } : {}),
      ...(typeof item.body === 'string' ? { body: item.body } : {}),
      ...(Number.isInteger(item.year) ? { year: item.year } : {}),
      ...(item.formats && typeof item.formats === 'object' ? { formats: item.formats } : {}),
      ...(item.fixed ? { fixed: true } : {}),
      ...(item.notWritten !== undefined ? { notWritten: both(item.notWritten) } : {}),
      ...(item.writeError !== undefined ? { writeError: both(item.writeError) } : {}),
      ...(typeof item.comparedWith === 'string' ? { comparedWith: item.comparedWith } : {}),
      diagnostics,
    };
  });
}
