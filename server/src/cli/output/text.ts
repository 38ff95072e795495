// The terminal output: one line per finding, an editor-style `file:line:column` in front, and a
// closing count. Every piece taken from a file or a report is escaped (./escape).
import type { Locale } from '../../engine';
import { counts, locationText, severityName, type FileResult } from '../results';
import { escapeControls } from './escape';

export function formatText(results: FileResult[], locale: Locale): string[] {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    const file = escapeControls(result.file);
    for (const d of result.diagnostics) {
      const fixable = d.fixes.some((f) => f.preferred) ? (locale === 'en' ? ' (fixable)' : '（可自动修正）') : '';
      lines.push(`${file}:${escapeControls(locationText(d))}  ${severityName(d.severity, locale)}  ${d.rule}  ${escapeControls(d.message[locale])}${fixable}`);
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
  }
  return lines;
}
