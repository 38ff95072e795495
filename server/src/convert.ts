// Engine values → LSP values. The engine already speaks LSP positions; what is left is severity,
// the rule's doc link, the locale and offset edits.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  TextDocumentEdit,
  TextEdit,
  type Diagnostic,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, LineIndex, Locale, OffsetEdit, RuleId, Severity } from './engine';

export const SOURCE = 'gongkai';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

// The bundle is dist/server.js; the rule pages ship beside dist/ in the extension.
const RULE_DOCS = path.resolve(__dirname, '..', 'docs', 'rules');

export function ruleDocUri(rule: RuleId): string {
  return pathToFileURL(path.join(RULE_DOCS, `${rule}.md`)).href;
}

export function toLocale(clientLocale: string | undefined): Locale {
  return clientLocale?.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

export function toDiagnostic(finding: Finding, lines: LineIndex, locale: Locale): Diagnostic {
  return {
    range: lines.rangeOf(finding.span),
    severity: SEVERITIES[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocUri(finding.rule) },
    source: SOURCE,
    message: finding.message[locale],
  };
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

export interface VersionedDocument {
  uri: string;
  version: number;
}

/**
 * A workspace edit pinned to the version its offsets were computed on, so a client that has moved
 * on rejects it instead of writing into the wrong place.
 */
export function toWorkspaceEdit(
  document: VersionedDocument,
  lines: LineIndex,
  edits: OffsetEdit[],
  versioned: boolean,
): WorkspaceEdit {
  const textEdits = edits.map((edit) => TextEdit.replace(lines.rangeOf(edit.span), edit.newText));
  return versioned
    ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, textEdits)] }
    : { changes: { [document.uri]: textEdits } };
}
