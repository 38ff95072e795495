// When documents are checked and what gets published: coalesced re-checks on change, one cached
// result per document version (shared with code actions, hovers and the outline), results of an
// older version never published, and a row's own arithmetic held back while the user types in it.
// Reports of the workspace that are not open are checked from disk on request and again when they
// change there; the project file (.gongkai.json) of each document applies to both.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocumentContentChangeEvent, type TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckSession, checkReport, LineIndex, parseReport, type Finding, type Locale, type Report, type Span } from './engine';
import { looksLikeReport } from './engine/detect';
import { mergeRules, PROJECT_FILE, withoutIgnored, type ProjectFile } from './config/project';
import { SOURCE, toDiagnostic } from './convert';
import { pathOf, readReportFile, type ProjectFiles } from './projectFiles';
import { StatusNotification, type StatusParams } from './protocol';
import type { Settings, SettingsCache } from './settings';

export const REPORT_LANGUAGE = 'gongkai-report';
const CHECKED_LANGUAGES = ['plaintext', 'markdown'];

export interface Validation {
  version: number;
  /** Absent when the engine failed on this text: the document then shows no findings. */
  report?: Report;
  /** What the editor shows: the project file's ignored findings are not among them. */
  findings: Finding[];
  ms: number;
  settings: Settings;
  /** The project file that applied, if any. */
  project?: ProjectFile;
}

/** Called after each publish of an open document, with the findings shown (held-back ones left out). */
type PublishListener = (uri: string, validation: Validation, shown: Finding[]) => void;

export interface Edit {
  version: number;
  /** Where the last change's new text sits in that version. */
  span: Span;
  at: number;
}

/**
 * Applies incremental changes one at a time (as TextDocuments' update hook) and remembers where the
 * last one landed: TextDocuments itself only reports that the content changed.
 */
export class EditTracker {
  private readonly edits = new Map<string, Edit>();

  readonly update = (document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number) => {
    for (const change of changes) {
      const start = 'range' in change ? document.offsetAt(change.range.start) : undefined;
      TextDocument.update(document, [change], version);
      if (start === undefined) this.edits.delete(document.uri);
      else {
        const span = { start, end: start + change.text.length };
        this.edits.set(document.uri, { version, span, at: Date.now() });
      }
    }
    return document;
  };

  lastEdit(uri: string): Edit | undefined {
    return this.edits.get(uri);
  }

  forget(uri: string): void {
    this.edits.delete(uri);
  }
}

export function shouldCheck(document: TextDocument, settings: Settings): boolean {
  if (!settings.enable) return false;
  if (document.languageId === REPORT_LANGUAGE) return true;
  if (!CHECKED_LANGUAGES.includes(document.languageId)) return false;
  switch (settings.documents) {
    case 'all':
      return true;
    case 'reportLanguageOnly':
      return false;
    case 'reports':
      return looksLikeReport(document.getText());
  }
}

export class Validator {
  /** VS Code's display language, from initialize; a document's `gongkai.locale` setting overrides it. */
  locale: Locale = 'en';

  localeOf(validation: Validation): Locale {
    return validation.settings.locale === 'auto' ? this.locale : validation.settings.locale;
  }

  private readonly results = new Map<string, Validation>();
  /** One checking session per open document: an edit re-reads only what it touched. */
  private readonly sessions = new Map<string, CheckSession>();
  private readonly scheduled = new Set<string>();
  private readonly releaseTimers = new Map<string, NodeJS.Timeout>();
  /** Documents whose diagnostics are showing, to clear them when a document stops qualifying. */
  private readonly published = new Set<string>();
  /** Files checked from disk (the workspace command), kept up to date while they are not open. */
  private readonly onDisk = new Set<string>();
  /** Project files whose problems are showing. */
  private readonly projectProblems = new Map<string, string>();
  onPublish: PublishListener | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsCache,
    private readonly edits: EditTracker,
    private readonly projects: ProjectFiles,
  ) {}

  /** After `shutdown`: nothing is checked or published any more. */
  private stopped = false;

  stop(): void {
    this.stopped = true;
    for (const uri of [...this.releaseTimers.keys()]) this.clearReleaseTimer(uri);
  }

  /** Re-check soon; a burst of changes is checked once, at its latest version. */
  schedule(uri: string): void {
    this.results.delete(uri);
    const file = pathOf(uri);
    if (file) this.projects.edited(file);
    if (this.stopped || this.scheduled.has(uri)) return;
    this.scheduled.add(uri);
    setImmediate(() => {
      this.scheduled.delete(uri);
      void this.validate(uri);
    });
  }

  revalidateAll(): void {
    this.results.clear();
    for (const document of this.documents.all()) this.schedule(document.uri);
    for (const uri of this.onDisk) if (!this.documents.get(uri)) void this.checkOnDisk(uri);
  }

  /** A document was closed: a file the workspace check covers shows its saved text's findings again. */
  forget(uri: string): void {
    this.results.delete(uri);
    this.sessions.delete(uri);
    this.edits.forget(uri);
    this.clearReleaseTimer(uri);
    const file = pathOf(uri);
    if (file) this.projects.changed(file);
    if (this.onDisk.has(uri)) void this.checkOnDisk(uri);
    else if (this.published.delete(uri) && !this.stopped) this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** A file changed on disk (or appeared, or went away). */
  fileChanged(uri: string): void {
    const file = pathOf(uri);
    if (!file) return;
    this.projects.changed(file);
    if (path.basename(file) === PROJECT_FILE) {
      this.revalidateAll();
      this.publishProjectProblems();
      return;
    }
    if (this.onDisk.has(uri) && !this.documents.get(uri)) void this.checkOnDisk(uri);
    // Last year's report may be this one: open reports beside it compare with it again.
    for (const document of this.documents.all()) {
      const open = pathOf(document.uri);
      if (open && open !== file && path.dirname(open) === path.dirname(file)) this.schedule(document.uri);
    }
  }

  /**
   * Checks a file from disk and publishes its findings, unless it is open (then the open text is
   * checked as it is edited). Returns the counts, or undefined when it is no report to check.
   */
  async checkOnDisk(uri: string): Promise<{ errors: number; warnings: number } | undefined> {
    if (this.stopped) return undefined;
    this.onDisk.add(uri);
    const open = this.documents.get(uri);
    if (open) {
      const validation = await this.resultsFor(open);
      return validation && count(validation.findings);
    }
    const file = pathOf(uri);
    const text = file === undefined ? undefined : readReportFile(file);
    const settings = await this.settings.get(uri);
    if (this.stopped || this.documents.get(uri)) return undefined;
    if (text === undefined || !settings.enable || !looksLikeReport(text)) {
      if (text === undefined) this.onDisk.delete(uri);
      if (this.published.delete(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return undefined;
    }
    const validation = this.check(uri, text, 0, settings);
    const { report } = validation;
    const diagnostics = report ? validation.findings.map((f) => toDiagnostic(f, report.lines, this.localeOf(validation))) : [];
    this.connection.sendDiagnostics({ uri, diagnostics });
    this.published.add(uri);
    this.publishProjectProblems();
    return count(validation.findings);
  }

  /** The problems of every project file read so far, on the file itself; cleared when they go. */
  publishProjectProblems(): void {
    if (this.stopped) return;
    const current = new Map<string, { uri: string; diagnostics: Diagnostic[] }>();
    for (const project of this.projects.loadedProjects()) {
      const lines = new LineIndex(project.text);
      const uri = pathToUri(project.path);
      current.set(uri, {
        uri,
        diagnostics: project.problems.map((problem) => ({
          range: lines.rangeOf(problem.span),
          severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          source: SOURCE,
          message: problem.message[this.locale],
        })),
      });
    }
    for (const uri of this.projectProblems.keys()) {
      if (!current.has(uri)) {
        this.projectProblems.delete(uri);
        this.connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    for (const [uri, params] of current) {
      const key = JSON.stringify(params.diagnostics);
      if (this.projectProblems.get(uri) === key) continue;
      this.projectProblems.set(uri, key);
      this.connection.sendDiagnostics(params);
    }
  }

  /** The findings of the document's current version, computed now if not yet; undefined if not checked. */
  async resultsFor(document: TextDocument): Promise<Validation | undefined> {
    const settings = await this.settings.get(document.uri);
    // From here on nothing awaits: the result belongs to the version the document has now.
    if (this.documents.get(document.uri) !== document) return undefined;
    return this.current(document, settings);
  }

  private current(document: TextDocument, settings: Settings): Validation | undefined {
    const cached = this.results.get(document.uri);
    if (cached && cached.version === document.version && cached.settings === settings) return cached;
    if (!shouldCheck(document, settings)) {
      this.results.delete(document.uri);
      this.sessions.delete(document.uri);
      return undefined;
    }
    let session = this.sessions.get(document.uri);
    if (!session) this.sessions.set(document.uri, (session = new CheckSession()));
    const validation = this.check(document.uri, document.getText(), document.version, settings, session);
    this.results.set(document.uri, validation);
    return validation;
  }

  /** A file checked from disk is read once; an open document goes through its session. */
  private check(uri: string, text: string, version: number, settings: Settings, session?: CheckSession): Validation {
    const started = performance.now();
    const file = pathOf(uri);
    try {
      const project = file === undefined ? undefined : this.projects.projectFor(file);
      const report = session ? session.parse(text) : parseReport(text);
      const previousYear = file === undefined ? undefined : this.projects.previousYearOf(file, report, (other) => this.openText(other));
      const options = { rules: mergeRules(settings.rules, project?.config), previousYear, level: project?.config.level };
      const findings = session ? session.checkReport(report, options) : checkReport(report, options);
      const shown = file === undefined ? findings : withoutIgnored(project, file, report, findings);
      return { version, report, findings: shown, ms: performance.now() - started, settings, project };
    } catch (error) {
      // Any text must leave the server running; the log says what the engine could not take.
      this.connection.console.error(`Checking ${uri} failed: ${describe(error)}`);
      return { version, findings: [], ms: performance.now() - started, settings };
    }
  }

  private openText(file: string): string | undefined {
    return this.documents.all().find((document) => pathOf(document.uri) === file)?.getText();
  }

  private async validate(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document || this.stopped) return;
    try {
      const validation = await this.resultsFor(document);
      if (validation) this.publish(uri, validation, true);
      else if (this.published.delete(uri)) {
        this.clearReleaseTimer(uri);
        this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      }
    } catch (error) {
      this.connection.console.error(`Validating ${uri} failed: ${describe(error)}`);
      this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
    }
  }

  private publish(uri: string, validation: Validation, holdTypedRow: boolean): void {
    const document = this.documents.get(uri);
    if (!document || document.version !== validation.version || this.stopped) return;
    this.clearReleaseTimer(uri);
    const { report } = validation;
    const held = holdTypedRow ? this.heldBack(uri, validation) : undefined;
    const shown = held ? validation.findings.filter((f) => !held.findings.has(f)) : validation.findings;
    const diagnostics = report ? shown.map((finding) => toDiagnostic(finding, report.lines, this.localeOf(validation))) : [];
    this.connection.sendDiagnostics({ uri, version: validation.version, diagnostics });
    this.published.add(uri);
    const status: StatusParams = {
      uri,
      errors: shown.filter((f) => f.severity === 'error').length,
      warnings: shown.filter((f) => f.severity === 'warning').length,
      infos: shown.filter((f) => f.severity === 'info').length,
      hints: shown.filter((f) => f.severity === 'hint').length,
      ms: Math.round(validation.ms * 10) / 10,
    };
    void this.connection.sendNotification(StatusNotification.method, status);
    if (validation.project) this.publishProjectProblems();
    this.onPublish?.(uri, validation, shown);
    if (held) {
      this.releaseTimers.set(
        uri,
        setTimeout(() => {
          this.releaseTimers.delete(uri);
          const latest = this.results.get(uri);
          if (latest === validation) this.publish(uri, validation, false);
        }, held.releaseIn),
      );
    }
  }

  /**
   * A total is wrong from the first digit typed until the row is finished: while the last change
   * is inside a table row and typing has not paused, that row's arithmetic findings wait.
   */
  private heldBack(uri: string, validation: Validation): { findings: Set<Finding>; releaseIn: number } | undefined {
    const edit = this.edits.lastEdit(uri);
    if (!edit || edit.version !== validation.version || !validation.report) return undefined;
    const releaseIn = edit.at + validation.settings.arithmeticDelay - Date.now();
    if (releaseIn <= 0) return undefined;
    const row = validation.report.tables
      .flatMap((table) => table.rows)
      .find((r) => r.span.start <= edit.span.start && edit.span.end <= r.span.end);
    if (!row) return undefined;
    const findings = new Set(
      validation.findings.filter((f) => f.arithmetic && row.span.start <= f.span.start && f.span.end <= row.span.end),
    );
    return findings.size > 0 ? { findings, releaseIn } : undefined;
  }

  private clearReleaseTimer(uri: string): void {
    clearTimeout(this.releaseTimers.get(uri));
    this.releaseTimers.delete(uri);
  }
}

function count(findings: Finding[]): { errors: number; warnings: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
