// The engine's public data types. Nothing here knows about VS Code or LSP; positions use the LSP
// convention (0-based lines, UTF-16 code units) so adapters can pass them through unchanged.

export type Locale = 'zh-cn' | 'en';
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** User-visible text in both languages; adapters pick one by locale. */
export interface Localized {
  'zh-cn': string;
  en: string;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Half-open [start, end) offsets into the document text (UTF-16 code units). */
export interface Span {
  start: number;
  end: number;
}

export interface OffsetEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: Localized;
  edits: OffsetEdit[];
  /** The one fix an editor may apply without asking; absent when a correction is ambiguous. */
  preferred?: boolean;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: Localized;
  span: Span;
  fixes: Fix[];
  /** Cells of a table row being edited: the server may hold these back while the user types. */
  arithmetic?: boolean;
}

export const RULE_IDS = [
  'row-total',
  'column-total',
  'balance',
  'review-total',
  'blank-cell',
  'cell-value',
  'table-shape',
  'missing-table',
  'missing-row',
  'row-label',
  'format-version',
  'missing-section',
  'section-number',
  'section-title',
  'heading-number',
  'heading-level',
  'period',
  'basis',
  'intro-parts',
  'narrative-number',
  'narrative-percent',
  'placeholder',
  'implausible',
  'fee-statement',
  'carry-over',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** The body's level of government, as a project file states it (乡镇/县级/市级/省级/部门). */
export const BODY_LEVELS = ['乡镇', '县级', '市级', '省级', '部门'] as const;
export type BodyLevel = (typeof BODY_LEVELS)[number];

export interface CheckOptions {
  /** Per-rule severity overrides; 'off' silences the rule. */
  rules?: Partial<Record<RuleId, SeveritySetting>>;
  /** Last year's report of the same body, when the caller has one (for `carry-over`). */
  previousYear?: import('./model').Report;
  /** The body's level when the caller knows it (a project file); otherwise `implausible` reads it from the title. */
  level?: BodyLevel;
}
