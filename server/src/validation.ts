// When documents are checked and what gets published: coalesced re-checks on change, one cached
// result per document version (shared with code actions, hovers and the outline), results of an
// older version never published, and a row's own arithmetic held back while the user types in it.
import { performance } from 'node:perf_hooks';
import type { Connection, TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText, type Finding, type Locale, type Report, type Span } from './engine';
import { looksLikeReport } from './engine/detect';
import { toDiagnostic } from './convert';
import { StatusNotification, type StatusParams } from './protocol';
import type { Settings, SettingsCache } from './settings';

export const REPORT_LANGUAGE = 'gongkai-report';
const CHECKED_LANGUAGES = ['plaintext', 'markdown'];

export interface Validation {
  version: number;
  /** Absent when the engine failed on this text: the document then shows no findings. */
  report?: Report;
  findings: Finding[];
  ms: number;
  settings: Settings;
}

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
  private readonly scheduled = new Set<string>();
  private readonly releaseTimers = new Map<string, NodeJS.Timeout>();
  /** Documents whose diagnostics are showing, to clear them when a document stops qualifying. */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsCache,
    private readonly edits: EditTracker,
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
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.edits.forget(uri);
    this.clearReleaseTimer(uri);
    if (this.published.delete(uri) && !this.stopped) this.connection.sendDiagnostics({ uri, diagnostics: [] });
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
      return undefined;
    }
    const validation = this.check(document, settings);
    this.results.set(document.uri, validation);
    return validation;
  }

  private check(document: TextDocument, settings: Settings): Validation {
    const started = performance.now();
    const text = document.getText();
    try {
      const { report, findings } = checkText(text, { rules: settings.rules });
      return { version: document.version, report, findings, ms: performance.now() - started, settings };
    } catch (error) {
      // Any text must leave the server running; the log says what the engine could not take.
      this.connection.console.error(`Checking ${document.uri} failed: ${describe(error)}`);
      return { version: document.version, findings: [], ms: performance.now() - started, settings };
    }
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

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
