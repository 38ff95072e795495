// The work of one file, as a function of plain data to plain data so that it runs the same on a
// worker thread or in the main one: read it, decide whether it is a report, fix it if asked, check it.
// The project file that applies to it travels with the task (read once in the main thread).
import { checkReport, checkText, fixAll, fixAllEdits, parseReport, RULE_IDS, type CheckOptions, type CheckResult, type Finding, type OffsetEdit, type Report, type RuleId, type SeveritySetting, type Span } from '../engine';
import { looksLikeReport } from '../engine/detect';
import { rowName } from '../engine/checks/shared';
import { localized } from '../engine/rule';
import { reportFormats } from '../engine/summary';
import { withoutIgnored, type ProjectFile } from '../config/project';
import { describeFsError, prefixed } from './reasons';
import type { Diagnostic, FileLocation, FileResult } from './results';
import { readSource, SourceError, type ReportSource } from './sources';

export type RuleSettings = Partial<Record<RuleId, SeveritySetting>>;

export interface CheckTask {
  path: string;
  explicit: boolean;
  fix: boolean;
  /** The project file's rules with the command line's on top. */
  rules: RuleSettings;
  /** The `.gongkai.json` that applies to the file: its ignored findings and the body's level. */
  project?: ProjectFile;
}

export async function checkFile(task: CheckTask): Promise<FileResult> {
  const { path } = task;
  let source: ReportSource;
  try {
    source = await readSource(path);
  } catch (error) {
    return { file: path, status: 'unreadable', reason: unreadableReason(error), diagnostics: [] };
  }
  const read: Pick<FileResult, 'kind' | 'warnings' | 'readOnly'> = {
    kind: source.kind,
    ...(source.warnings.length ? { warnings: source.warnings } : {}),
    ...(source.readOnly ? { readOnly: source.readOnly } : {}),
  };
  const isReport = looksLikeReport(source.text);
  if (!isReport && !task.explicit) {
    return {
      file: path,
      status: 'not-report',
      reason: localized('不像政府信息公开工作年度报告（没有报告标题、第二十条表格或三个以上部分标题），未检查', 'does not look like an annual report (no report title, no 第二十条 table, fewer than three section headings); not checked'),
      ...read,
      diagnostics: [],
    };
  }
  const options: CheckOptions = { rules: task.rules, ...(task.project?.config.level ? { level: task.project.config.level } : {}) };
  // What the user sees, and so what --fix may change: the project file's ignored findings are neither.
  const shown = (result: CheckResult) => withoutIgnored(task.project, path, result.report, result.findings);
  const written: Pick<FileResult, 'fixed' | 'notWritten' | 'writeError'> = {};
  let checked: CheckResult | undefined;
  if (task.fix && !isReport) written.notWritten = localized('不像年度报告，未修改', 'does not look like a report; not written');
  else if (task.fix) {
    const fixes = fixAll(source.text, options, undefined, shown);
    if (fixes.edits.length === 0) checked = fixes.result;
    else if (!source.save) written.notWritten = source.readOnly;
    else {
      try {
        const now = await source.save!(fixes);
        if (now.text !== source.text) written.fixed = true;
        checked = now.text === fixes.text ? fixes.result : undefined;
        source = now;
      } catch (error) {
        // The file on disk is the one read: report its findings, not those of fixes never written.
        written.writeError = prefixed(localized('无法写入', 'cannot write'), error instanceof SourceError ? error.reason : describeFsError(error));
      }
    }
  }
  const result = checked ?? checkText(source.text, options);
  const findings = shown(result);
  const { report } = result;
  return {
    file: path,
    status: 'checked',
    ...read,
    ...(report.body ? { body: report.body } : {}),
    ...(report.year !== undefined ? { year: report.year } : {}),
    formats: reportFormats(report),
    diagnostics: await withManualFixes(toDiagnostics(report, findings, source), findings, source),
    ...written,
  };
}

/** Marks the findings whose fix the file's writer would leave to the user (a row inserted, an edit across cells). */
async function withManualFixes(diagnostics: Diagnostic[], findings: Finding[], source: ReportSource): Promise<Diagnostic[]> {
  if (!source.unwritable) return diagnostics;
  const edits = fixAllEdits(findings);
  if (edits.length === 0) return diagnostics;
  const manual = new Set<OffsetEdit>(await source.unwritable(edits));
  return diagnostics.map((d, i) => (findings[i].fixes.find((f) => f.preferred)?.edits.some((e) => manual.has(e)) ? { ...d, manual: true } : d));
}

/** Pairs of this year's and last year's report, compared together so each file is read once. */
export interface CarryOverTask {
  pairs: CarryOverPair[];
}

export interface CarryOverPair {
  path: string;
  previousPath: string;
  /** The carry-over rule's severity for this report (project file, then command line). */
  severity?: SeveritySetting;
  project?: ProjectFile;
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
  for (const { path, previousPath, severity, project } of task.pairs) {
    const current = await read(path);
    const previous = await read(previousPath);
    if (!current || !previous) {
      found.push(undefined);
      continue;
    }
    const findings = withoutIgnored(project, path, current.report, checkReport(current.report, { rules: onlyCarryOver(severity), previousYear: previous.report }));
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
    const location = locationOf(report, f.span, source);
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

/** The reader's place of a span, with the row and column the engine read there (a cell, or a row's label). */
function locationOf(report: Report, span: Span, source: ReportSource): FileLocation | undefined {
  const place = source.locate?.(span);
  if (!place) return undefined;
  for (const table of report.tables) {
    if (span.start < table.span.start || span.end > table.span.end) continue;
    for (const row of table.rows) {
      const cell = row.cells.find((c) => c.span.start <= span.start && span.end <= c.span.end);
      if (cell) return { ...place, rowLabel: rowName(row), columnLabel: cell.column.short };
      if (row.labelSpan.start <= span.start && span.end <= row.labelSpan.end) return { ...place, rowLabel: rowName(row) };
    }
  }
  return place;
}

function unreadableReason(error: unknown) {
  if (error instanceof SourceError) return error.reason;
  return localized(`读取时出错：${(error as Error).message}`, `failed while reading: ${(error as Error).message}`);
}
