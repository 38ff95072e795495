// Code actions, grouped as in vscode-eslint: each fix of a finding, "fix all of this rule", and a
// source.fixAll.gongkai action so `editor.codeActionsOnSave` can apply every safe fix.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import { fixAllFixes, type Finding, type Fix, type Locale, type Report, type RuleId } from './engine';
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
  /**
   * How fixes reach the document: by default a workspace edit of it. The read-only view of a report
   * file has them written into the file instead by a command.
   */
  writeFixes?: FixWriter;
}

/** An action's title and what carries its fixes out; undefined leaves the action out. */
export type FixWriter = (title: string, fixes: Fix[]) => Pick<CodeAction, 'title' | 'edit' | 'command' | 'isPreferred'> | undefined;

function editDocument(context: ActionContext): FixWriter {
  return (title, fixes) => ({
    title,
    edit: toWorkspaceEdit(context.document, context.report.lines, fixes.flatMap((fix) => fix.edits), context.versionedEdits),
  });
}

/** The action, unless the writer cannot offer its fixes in this document. */
function fixAction(context: ActionContext, title: string, fixes: Fix[], action: Omit<CodeAction, 'title'>): CodeAction | undefined {
  const written = (context.writeFixes ?? editDocument(context))(title, fixes);
  return written && { ...action, ...written };
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
        const action = fixAction(context, fix.title[locale], [fix], {
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix === preferred || undefined,
        });
        if (action) actions.push(action);
      }
      if (finding.fixes.length > 0) rules.set(finding.rule, [...(rules.get(finding.rule) ?? []), diagnostic]);
      if (context.ignorable) actions.push(ignoreAction(finding, diagnostic, context));
    }
  }
  for (const [rule, ruleDiagnostics] of rules) {
    const fixable = findings.filter((f) => f.rule === rule && f.fixes.some((fix) => fix.preferred));
    if (fixable.length < 2) continue;
    const title = locale === 'zh-cn' ? `修正本文档中所有“${rule}”问题` : `Fix all "${rule}" problems in this document`;
    const action = fixAction(context, title, fixAllFixes(fixable), { kind: CodeActionKind.QuickFix, diagnostics: ruleDiagnostics });
    if (action) actions.push(action);
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
  const fixes = fixAllFixes(context.findings);
  if (fixes.every((fix) => fix.edits.length === 0)) return undefined;
  const title = context.locale === 'zh-cn' ? '修正所有可自动修正的问题（Gongkai）' : 'Fix all auto-fixable problems (Gongkai)';
  return fixAction(context, title, fixes, { kind: FIX_ALL_KIND });
}
