// The table preview beside the editor, like Markdown's: a webview that renders what the server
// computes (gongkai/preview) for the report being edited, follows the cursor, and reveals a cell in
// the editor when it is clicked. The page runs dist/preview.js under a strict Content-Security-Policy:
// no inline script or style, nothing from the network, one nonce for our own script.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewNotification, PreviewSubscription, type PreviewParams } from '../../server/src/protocol';
import type { PreviewModel } from '../../server/src/engine/preview';

const PREVIEW_VIEW_TYPE = 'gongkai.preview';
const PREVIEWED_LANGUAGES = ['gongkai-report', 'plaintext', 'markdown'];

/** What the page posts back. */
type PageMessage = { type: 'reveal'; range: { start: { line: number; character: number }; end: { line: number; character: number } } } | { type: 'ready' };

export class TablePreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The document shown, and one asked for when the active editor changed (shown once it is a report). */
  private document: vscode.TextDocument | undefined;
  private pending: vscode.TextDocument | undefined;
  private latest: PreviewParams | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      client.onNotification(PreviewNotification, (params) => this.received(params)),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document === this.document) this.postCursor(event.selections[0].active);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const document = editor?.document;
        if (this.panel?.visible && document && document !== this.document && PREVIEWED_LANGUAGES.includes(document.languageId)) this.follow(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.pending) this.pending = undefined;
      }),
    );
  }

  /** The command: opens the preview beside the active editor, or brings it to the front. */
  show(): void {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document ?? this.document;
    if (!document) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a report first.'));
      return;
    }
    if (!this.panel) this.panel = this.createPanel(editor?.viewColumn);
    else this.panel.reveal(vscode.ViewColumn.Beside, true);
    if (document !== this.document) this.switchTo(document);
  }

  private createPanel(editorColumn: vscode.ViewColumn | undefined): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      vscode.l10n.t('Table preview'),
      { viewColumn: editorColumn === undefined ? vscode.ViewColumn.Beside : editorColumn + 1, preserveFocus: true },
      {
        enableScripts: true,
        // The page's state (scroll position) survives the tab being hidden.
        retainContextWhenHidden: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'icon.png');
    panel.webview.html = this.html(panel.webview);
    panel.webview.onDidReceiveMessage((message: PageMessage) => this.onPageMessage(message));
    // A preview behind another tab costs the server nothing: it is computed again when shown.
    panel.onDidChangeViewState(({ webviewPanel }) => {
      if (!this.document) return;
      if (webviewPanel.visible) this.subscribe(this.document);
      else this.unsubscribe(this.document);
    });
    panel.onDidDispose(() => {
      this.unsubscribe(this.document);
      this.unsubscribe(this.pending);
      this.panel = undefined;
      this.document = undefined;
      this.pending = undefined;
      this.latest = undefined;
    });
    return panel;
  }

  private switchTo(document: vscode.TextDocument): void {
    this.unsubscribe(this.document);
    this.document = document;
    this.pending = undefined;
    this.latest = undefined;
    this.panel!.title = vscode.l10n.t('Preview {0}', fileName(document));
    this.subscribe(document);
  }

  /** Another editor became active: preview it once the server says it is a report, else keep the current one. */
  private follow(document: vscode.TextDocument): void {
    if (this.pending && this.pending !== document) this.unsubscribe(this.pending);
    this.pending = document;
    this.subscribe(document);
  }

  private received(params: PreviewParams): void {
    if (this.pending && params.uri === this.uriOf(this.pending)) {
      const pending = this.pending;
      this.pending = undefined;
      if (!params.model) {
        this.unsubscribe(pending);
        return;
      }
      this.switchTo(pending);
    }
    if (!this.panel || !this.document || params.uri !== this.uriOf(this.document)) return;
    if (params.unchanged) {
      // The page already shows this model; only the version it belongs to moved.
      if (this.latest) this.latest = { ...this.latest, version: params.version };
      return;
    }
    this.latest = params;
    this.postModel();
  }

  private postModel(): void {
    if (!this.panel || !this.latest) return;
    const model: PreviewModel | null = this.latest.model;
    void this.panel.webview.postMessage({ type: 'model', version: this.latest.version, model, fileName: fileName(this.document!) });
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    if (editor) this.postCursor(editor.selection.active);
  }

  private postCursor(position: vscode.Position): void {
    void this.panel?.webview.postMessage({ type: 'cursor', line: position.line, character: position.character });
  }

  private async onPageMessage(message: PageMessage): Promise<void> {
    if (message.type === 'ready') {
      this.postModel();
      return;
    }
    if (message.type !== 'reveal' || !this.document) return;
    const { start, end } = message.range;
    const selection = new vscode.Selection(start.line, start.character, end.line, end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    const editor = await vscode.window.showTextDocument(this.document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private subscribe(document: vscode.TextDocument): void {
    void this.client.sendNotification(PreviewSubscription, { uri: this.uriOf(document), open: true });
  }

  private unsubscribe(document: vscode.TextDocument | undefined): void {
    if (document && !document.isClosed) void this.client.sendNotification(PreviewSubscription, { uri: this.uriOf(document), open: false });
  }

  private uriOf(document: vscode.TextDocument): string {
    return this.client.code2ProtocolConverter.asUri(document.uri);
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'preview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'preview.css'));
    const strings = {
      noTables: vscode.l10n.t('No table of the annual report format was found in this document.'),
      notReport: vscode.l10n.t('Gongkai does not check this document, so there is nothing to preview.'),
      missing: vscode.l10n.t('missing'),
      blank: vscode.l10n.t('blank'),
      cutOff: vscode.l10n.t('cut off'),
      legend: vscode.l10n.t('Red: wrong, with the value that makes the totals add up · orange: several corrections possible · grey: blank or missing. Click a cell to select it in the editor.'),
      version: vscode.l10n.t('{0} format'),
    };
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${escapeHtml(vscode.l10n.t('Table preview'))}</title>
</head>
<body>
<main id="root" data-strings="${escapeHtml(JSON.stringify(strings))}"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function fileName(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() ?? document.uri.toString();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
