// Code actions, grouped as in vscode-eslint: each fix of a finding, "fix all of this rule", and a
// source.fixAll.gongkai action so `editor.codeActionsOnSave` can apply every safe fix.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import { fixAllEdits, type Finding, type Locale, type Report, type RuleId } from './engine';
import { anchorOf } from './engine/anchor';
import { SOURCE, sameRange, toWorkspaceEdit, type VersionedDocument } from './convert';
import { IGNORE_FINDING_COMMAND, type IgnoreFindingArgs } from './protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.gongkai`;

export interface ActionContext {
  document: VersionedDocument;
  report: Report;
  findings: Finding[];
  locale: Locale;
  /** Whether the client takes versioned document edits (it rejects them once the document moved on). */
  versionedEdits: boolean;
  /** Whether a finding can be recorded as ignored (the document is a file). */
  ignorable: boolean;
}

export function codeActions(params: CodeActionParams, context: ActionContext): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(params.context.diagnostics, context));
  // Only on request: the lightbulb never shows source actions, so computing one there is waste.
  if (only && wants(only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(context);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function quickFixes(diagnostics: Diagnostic[], context: ActionContext): CodeAction[] {
  const { report, findings, locale } = context;
  const actions: CodeAction[] = [];
  const rules = new Map<RuleId, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const matching = findings.filter(
      (f) => f.rule === diagnostic.code && sameRange(report.lines.rangeOf(f.span), diagnostic.range),
    );
    for (const finding of matching) {
      // The engine marks at most one fix preferred, and none when the correction is ambiguous.
      const preferred = finding.fixes.find((fix) => fix.preferred);
      for (const fix of finding.fixes) {
        actions.push({
          title: fix.title[locale],
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix === preferred || undefined,
          edit: toWorkspaceEdit(context.document, report.lines, fix.edits, context.versionedEdits),
        });
      }
      if (finding.fixes.length > 0) rules.set(finding.rule, [...(rules.get(finding.rule) ?? []), diagnostic]);
      if (context.ignorable) actions.push(ignoreAction(finding, diagnostic, context));
    }
  }
  for (const [rule, ruleDiagnostics] of rules) {
    const fixable = findings.filter((f) => f.rule === rule && f.fixes.some((fix) => fix.preferred));
    if (fixable.length < 2) continue;
    actions.push({
      title: locale === 'zh-cn' ? `修正本文档中所有“${rule}”问题` : `Fix all "${rule}" problems in this document`,
      kind: CodeActionKind.QuickFix,
      diagnostics: ruleDiagnostics,
      edit: toWorkspaceEdit(context.document, report.lines, fixAllEdits(fixable), context.versionedEdits),
    });
  }
  return actions;
}

/** Records the finding in .gongkai.json by its anchor: nothing is written into the report itself. */
function ignoreAction(finding: Finding, diagnostic: Diagnostic, context: ActionContext): CodeAction {
  const anchor = anchorOf(context.report, finding.span);
  const args: IgnoreFindingArgs = { uri: context.document.uri, rule: finding.rule, ...(anchor.path ? { anchor: anchor.path } : {}), text: anchor.text };
  const title = context.locale === 'zh-cn' ? '忽略此问题' : 'Ignore this finding';
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: IGNORE_FINDING_COMMAND, arguments: [args] } };
}

function fixAllAction(context: ActionContext): CodeAction | undefined {
  const edits = fixAllEdits(context.findings);
  if (edits.length === 0) return undefined;
  return {
    title: context.locale === 'zh-cn' ? '修正所有可自动修正的问题（Gongkai）' : 'Fix all auto-fixable problems (Gongkai)',
    kind: FIX_ALL_KIND,
    edit: toWorkspaceEdit(context.document, context.report.lines, edits, context.versionedEdits),
  };
}
