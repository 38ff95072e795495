// The terminal output: one line per finding, an editor-style `file:line:column` in front, and a
// closing count. Every piece taken from a file or a report is escaped (./escape).
import type { Locale } from '../../engine';
import { cellNames, counts, locationText, MANUAL, placeText, severityName, type Diagnostic, type FileResult } from '../results';
import { escapeControls } from './escape';

export function formatText(results: FileResult[], locale: Locale): string[] {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    const file = escapeControls(result.file);
    for (const warning of result.warnings ?? []) lines.push(`${file}: ${locale === 'en' ? 'note' : '读取说明'}${locale === 'en' ? ': ' : '：'}${escapeControls(warning[locale])}`);
    for (const d of result.diagnostics) {
      const fixable = d.manual
        ? locale === 'en' ? ` (${MANUAL.en})` : `（${MANUAL['zh-cn']}）`
        : d.fixes.some((f) => f.preferred) && !result.readOnly
          ? locale === 'en' ? ' (fixable)' : '（可自动修正）'
          : '';
      lines.push(`${file}:${escapeControls(place(d, locale))}  ${severityName(d.severity, locale)}  ${d.rule}  ${escapeControls(d.message[locale])}${fixable}`);
    }
    const tally = counts(result);
    errors += tally.errors;
    warnings += tally.warnings;
  }
  const checked = results.filter((r) => r.status === 'checked').length;
  lines.push(
    locale === 'en'
      ? `${checked} file(s) checked: ${errors} error(s), ${warnings} warning(s).`
      : `共检查 ${checked} 个文件：${errors} 个错误，${warnings} 个警告。`,
  );
  return lines;
}

/**
 * After `file:`, where the finding is: line:column for plain text and for a web page (its own lines,
 * as an editor opens it), else the place in the file's own terms; with the cell's row and column.
 */
function place(d: Diagnostic, locale: Locale): string {
  const { location } = d;
  if (location?.kind === 'html') return `${location.line}:${location.column}${cellNames(location, locale)}`;
  if (location) return placeText(location, locale);
  return `${d.range.start.line + 1}:${d.range.start.character + 1}`;
}

/** What became of each file beyond its findings, for stderr: unreadable, not a report, not written, failed to write, fixed. */
export function formatProblems(results: FileResult[], locale: Locale): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const file = escapeControls(result.file);
    if (result.status === 'not-report') {
      lines.push(`${file}: ${locale === 'en' ? 'skipped: not an annual report' : '已跳过：不是政府信息公开年度报告'}`);
      continue;
    }
    for (const note of [result.reason, result.notWritten, result.writeError]) if (note) lines.push(`${file}: ${escapeControls(note[locale])}`);
    if (result.fixed) lines.push(`${file}: ${locale === 'en' ? 'fixes written' : '已写入修正'}`);
    const manual = result.diagnostics.filter((d) => d.manual);
    if (manual.length > 0) {
      const places = manual.map((d) => escapeControls(locationText(d, locale))).join(locale === 'en' ? '; ' : '；');
      lines.push(locale === 'en' ? `${file}: ${manual.length} fix(es) to make by hand: ${places}` : `${file}: 请手工修改 ${manual.length} 处：${places}`);
    }
  }
  return lines;
}
