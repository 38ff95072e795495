// The work of one file, as a function of plain data to plain data so that it runs the same on a
// worker thread or in the main one: read it, decide whether it is a report, fix it if asked, check it.
import { checkReport, checkText, fixAll, parseReport, RULE_IDS, type Finding, type Report, type RuleId, type SeveritySetting } from '../engine';
import { looksLikeReport } from '../engine/detect';
import { localized } from '../engine/rule';
import { reportFormats } from '../engine/summary';
import { describeFsError, prefixed } from './reasons';
import type { Diagnostic, FileResult } from './results';
import { readSource, SourceError, type ReportSource } from './sources';

export type RuleSettings = Partial<Record<RuleId, SeveritySetting>>;

export interface CheckTask {
  path: string;
  explicit: boolean;
  fix: boolean;
  rules: RuleSettings;
}

export async function checkFile(task: CheckTask): Promise<FileResult> {
  const { path, rules } = task;
  let source: ReportSource;
  try {
    source = await readSource(path);
  } catch (error) {
    return { file: path, status: 'unreadable', reason: unreadableReason(error), diagnostics: [] };
  }
  const isReport = looksLikeReport(source.text);
  if (!isReport && !task.explicit) {
    return {
      file: path,
      status: 'not-report',
      reason: localized('不像政府信息公开工作年度报告（没有报告标题、第二十条表格或三个以上部分标题），未检查', 'does not look like an annual report (no report title, no 第二十条 table, fewer than three section headings); not checked'),
      diagnostics: [],
    };
  }
  const written: Pick<FileResult, 'fixed' | 'notWritten' | 'writeError'> = {};
  let checked = task.fix && isReport && source.save ? fixAll(source.text, { rules }) : undefined;
  if (task.fix && !isReport) written.notWritten = localized('不像年度报告，未修改', 'does not look like a report; not written');
  else if (task.fix && !source.save) written.notWritten = localized('此类文件不写回修正', 'fixes are never written into this kind of file');
  if (checked && checked.text !== source.text) {
    try {
      await source.save!(checked.text);
      written.fixed = true;
    } catch (error) {
      written.writeError = prefixed(localized('无法写入', 'cannot write'), error instanceof SourceError ? error.reason : describeFsError(error));
      // The file on disk is the one read: report its findings, not those of fixes never written.
      checked = undefined;
    }
  }
  const { report, findings } = checked?.result ?? checkText(source.text, { rules });
  return {
    file: path,
    status: 'checked',
    ...(report.body ? { body: report.body } : {}),
    ...(report.year !== undefined ? { year: report.year } : {}),
    formats: reportFormats(report),
    diagnostics: toDiagnostics(report, findings, source),
    ...written,
  };
}

/** Pairs of this year's and last year's report of one body, compared together so each file is read once. */
export interface CarryOverTask {
  pairs: { path: string; previousPath: string }[];
  rules: RuleSettings;
}

/**
 * The carry-over findings of each report against last year's, both read again (after any fixes);
 * undefined for a pair whose files can no longer be read (they keep their own findings).
 */
export async function carryOverOf(task: CarryOverTask): Promise<(Diagnostic[] | undefined)[]> {
  const parsed = new Map<string, { source: ReportSource; report: Report } | undefined>();
  const read = async (path: string) => {
    if (!parsed.has(path)) {
      try {
        const source = await readSource(path);
        parsed.set(path, { source, report: parseReport(source.text) });
      } catch {
        parsed.set(path, undefined);
      }
    }
    return parsed.get(path);
  };
  const found: (Diagnostic[] | undefined)[] = [];
  for (const { path, previousPath } of task.pairs) {
    const current = await read(path);
    const previous = await read(previousPath);
    if (!current || !previous) {
      found.push(undefined);
      continue;
    }
    const findings = checkReport(current.report, { rules: onlyCarryOver(task.rules['carry-over']), previousYear: previous.report });
    found.push(toDiagnostics(current.report, findings, current.source));
  }
  return found;
}

function onlyCarryOver(setting: SeveritySetting | undefined): RuleSettings {
  const rules: RuleSettings = {};
  for (const id of RULE_IDS) if (id !== 'carry-over') rules[id] = 'off';
  if (setting !== undefined) rules['carry-over'] = setting;
  return rules;
}

function toDiagnostics(report: Report, findings: Finding[], source: ReportSource): Diagnostic[] {
  return findings.map((f) => {
    const location = source.locate?.(f.span);
    return {
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: report.lines.rangeOf(f.span),
      ...(location ? { location } : {}),
      fixes: f.fixes.map((fix) => ({
        title: fix.title,
        ...(fix.preferred ? { preferred: true as const } : {}),
        edits: fix.edits.map((e) => ({ range: report.lines.rangeOf(e.span), newText: e.newText })),
      })),
    };
  });
}

function unreadableReason(error: unknown) {
  if (error instanceof SourceError) return error.reason;
  return localized(`读取时出错：${(error as Error).message}`, `failed while reading: ${(error as Error).message}`);
}
