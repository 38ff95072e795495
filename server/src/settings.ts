// The `gongkai.*` settings: typed once, read per document (a folder may configure its own), cached
// per URI until the configuration changes or the document closes.
import type { Connection } from 'vscode-languageserver/node';
import { RULE_IDS, type Locale, type RuleId, type SeveritySetting } from './engine';
import { SEVERITY_SETTINGS } from './config/project';

export type DocumentSelection = 'reports' | 'all' | 'reportLanguageOnly';

export interface Settings {
  enable: boolean;
  /** Which plain-text and Markdown documents to check; `gongkai-report` documents always are. */
  documents: DocumentSelection;
  rules: Partial<Record<RuleId, SeveritySetting>>;
  /** How long typing must pause before a row's own arithmetic findings show. */
  arithmeticDelay: number;
  /** Language of the messages; 'auto' follows VS Code's display language. */
  locale: Locale | 'auto';
  /** Column (and row) names beside values that stand alone on their line. */
  inlayHints: boolean;
}

/** The settings schema's bound; Node's timers run anything above 2^31−1 ms after 1 ms. */
export const MAX_ARITHMETIC_DELAY = 10_000;

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  documents: 'reports',
  rules: {},
  arithmeticDelay: 800,
  locale: 'auto',
  inlayHints: true,
};

const SELECTIONS: DocumentSelection[] = ['reports', 'all', 'reportLanguageOnly'];

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<Settings>>();

  /** False until initialize says whether the client answers workspace/configuration. */
  supported = false;
  /**
   * What a client without workspace/configuration pushed with didChangeConfiguration (LSP's older
   * way): the same settings for every document.
   */
  private pushed: Settings = DEFAULT_SETTINGS;

  constructor(private readonly connection: Connection) {}

  /** didChangeConfiguration's `settings`; null or a section-less push (VS Code's) changes nothing here. */
  push(settings: unknown): void {
    const section = (settings as { gongkai?: unknown } | null)?.gongkai;
    if (section !== undefined) this.pushed = sanitize(section);
  }

  get(uri: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'gongkai' })
        .then(sanitize, () => DEFAULT_SETTINGS);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  drop(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}

/** Settings come from hand-edited JSON: keep what is valid, default the rest. */
export function sanitize(raw: unknown): Settings {
  const value = (raw ?? {}) as Record<string, unknown>;
  const rules: Settings['rules'] = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [rule, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      if ((RULE_IDS as readonly string[]).includes(rule) && SEVERITY_SETTINGS.includes(severity as SeveritySetting)) {
        rules[rule as RuleId] = severity as SeveritySetting;
      }
    }
  }
  const delay = value.arithmeticDelay;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    documents: SELECTIONS.includes(value.documents as DocumentSelection)
      ? (value.documents as DocumentSelection)
      : DEFAULT_SETTINGS.documents,
    rules,
    arithmeticDelay:
      typeof delay === 'number' && delay >= 0 ? Math.min(delay, MAX_ARITHMETIC_DELAY) : DEFAULT_SETTINGS.arithmeticDelay,
    locale: value.locale === 'zh-cn' || value.locale === 'en' ? value.locale : 'auto',
    inlayHints: typeof value.inlayHints === 'boolean' ? value.inlayHints : DEFAULT_SETTINGS.inlayHints,
  };
}
