// What a check is, and the context it reports through. One check per file under checks/.
import type { Report } from './model';
import type { Analysis } from './analysis';
import type { Memo } from './memo';
import type { CheckOptions, Fix, Localized, RuleId, Severity, Span } from './types';

export type MessageArgs = Record<string, string | number | Localized>;

export interface Emit {
  /** Message key in the check's `messages`. */
  message: string;
  args?: MessageArgs;
  span: Span;
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding (e.g. section-title's hint for a variant). */
  severity?: Severity;
  arithmetic?: boolean;
}

export interface CheckContext {
  report: Report;
  analysis: Analysis;
  options: CheckOptions;
  /** What the checks derive from parts of the report, shared between them (and from check to check in a session). */
  memo: Memo;
  emit(finding: Emit): void;
}

export interface Check {
  id: RuleId;
  defaultSeverity: Severity;
  /** Whether the rule offers fixes that are safe to apply without reading them. */
  fixable: boolean;
  description: Localized;
  /** Message templates; `{name}` is replaced by the argument of that name. */
  messages: Record<string, Localized>;
  check(context: CheckContext): void;
}

export function render(template: Localized, args: MessageArgs = {}): Localized {
  const fill = (locale: keyof Localized) =>
    template[locale].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = args[name];
      if (value === undefined) return whole;
      return typeof value === 'object' ? value[locale] : String(value);
    });
  return { 'zh-cn': fill('zh-cn'), en: fill('en') };
}

export function localized(zh: string, en: string): Localized {
  return { 'zh-cn': zh, en };
}
