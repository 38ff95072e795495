// A plain-text document that looks like an annual report opens as one (language gongkai-report), so
// it gets the report's colouring and the preview button. Once per document per session: a clerk who
// switches it back to plain text keeps plain text.
import * as vscode from 'vscode';
import { looksLikeReport } from '../../server/src/engine/detect';
import { DOCUMENT_SCHEME } from '../../server/src/protocol';

const REPORT_LANGUAGE = 'gongkai-report';

export function openReportsAsReports(): vscode.Disposable {
  const decided = new Set<string>();
  const consider = (document: vscode.TextDocument) => {
    // A report file's view becomes a report by itself (documentView.ts).
    if (document.languageId !== 'plaintext' || document.uri.scheme === DOCUMENT_SCHEME) return;
    const key = document.uri.toString();
    if (decided.has(key)) return;
    const settings = vscode.workspace.getConfiguration('gongkai', document.uri);
    // "Only gongkai-report documents" means the clerk picks them: never switch one for them.
    if (!settings.get<boolean>('enable', true) || settings.get<string>('documents') === 'reportLanguageOnly') return;
    decided.add(key);
    if (looksLikeReport(document.getText())) void vscode.languages.setTextDocumentLanguage(document, REPORT_LANGUAGE);
  };
  vscode.workspace.textDocuments.forEach(consider);
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(consider),
    vscode.workspace.onDidCloseTextDocument((document) => {
      // Closed for good (not a language switch, which reopens it at once): next time it is decided anew.
      if (document.languageId === 'plaintext') decided.delete(document.uri.toString());
    }),
  );
}
