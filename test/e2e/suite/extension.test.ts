// The extension as VS Code runs it: the real client, the bundled server, the real vscode API. The
// runner opens a temp copy of shared/seeds as the workspace and makes zh-cn the display language.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gongkai.gongkai';
const SOURCE = 'gongkai';
const ARITHMETIC_RULES = ['row-total', 'column-total', 'balance', 'review-total'];
const CJK = /[\u4e00-\u9fff]/;
/** How long the server may take to (re)publish diagnostics after an open or an edit. */
const DIAGNOSTICS_TIMEOUT_MS = 10_000;
/** Diagnostics count as settled once they stop changing for this long. */
const SETTLE_MS = 300;

/** The rule id: a diagnostic with a codeDescription carries its code as { value, target }. */
function ruleOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? code.value : code;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function describeDiagnostics(diagnostics: vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics.map((d) => `${ruleOf(d)}@${d.range.start.line}:${d.range.start.character} ${d.message}`).join('\n  ');
}

function describeActions(actions: vscode.CodeAction[]): string {
  if (actions.length === 0) return '(none)';
  return actions.map((a) => `${a.title} [${a.kind?.value}${a.isPreferred ? ', preferred' : ''}${a.edit ? '' : ', no edit'}]`).join('\n  ');
}

/**
 * Runs `action` (an open or an edit), waits until the server has published diagnostics for `uri`
 * at least once afterwards and they have stopped changing, and returns ours.
 */
async function diagnosticsAfter(uri: vscode.Uri, action: () => Thenable<unknown>): Promise<vscode.Diagnostic[]> {
  let lastChange = 0;
  const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
    if (event.uris.some((changed) => changed.toString() === uri.toString())) lastChange = Date.now();
  });
  try {
    await action();
    const deadline = Date.now() + DIAGNOSTICS_TIMEOUT_MS;
    while (lastChange === 0 || Date.now() - lastChange < SETTLE_MS) {
      if (Date.now() > deadline) {
        throw new Error(`diagnostics for ${uri.path} not published and settled within ${DIAGNOSTICS_TIMEOUT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return ours(uri);
  } finally {
    subscription.dispose();
  }
}

function seedUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder with the seeds');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function openSeed(name: string): Promise<{ document: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  const uri = seedUri(name);
  let document: vscode.TextDocument | undefined;
  const diagnostics = await diagnosticsAfter(uri, async () => {
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });
  return { document: document!, diagnostics };
}

/** Drops unsaved edits so that each test starts from the seed as written. */
async function revert(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

interface ActivationStats {
  loadCode: number;
  callActivate: number;
  finishActivate: number;
  event: string;
}

/**
 * VS Code's own activation timing for an extension, read from Developer: Startup Performance. The
 * extension is often activated before the suite starts (any plain-text model activates it), so the
 * suite cannot always time activate() itself.
 */
async function activationStats(extensionId: string): Promise<ActivationStats | undefined> {
  await vscode.commands.executeCommand('perfview.show');
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      const view = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'perf');
      const row = view?.getText().split('\n').find((line) => line.startsWith(`| ${extensionId} `));
      if (row) {
        // | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |
        const cells = row.split('|').map((cell) => cell.trim());
        return { loadCode: Number(cells[3]), callActivate: Number(cells[4]), finishActivate: Number(cells[5]), event: cells[6] };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return undefined;
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
}

describe('Gongkai in a real VS Code extension host', () => {
  it('activates, and reports how long activation took', async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const wasActive = extension.isActive;
    const started = performance.now();
    // activate() resolves once the language client has started, i.e. the server answered initialize.
    await extension.activate();
    const measured = wasActive ? undefined : Math.round(performance.now() - started);
    assert.ok(extension.isActive);
    const stats = await activationStats(EXTENSION_ID);
    const parts = [
      stats && `activate() call to client ready ${stats.callActivate + stats.finishActivate} ms, code load ${stats.loadCode} ms, event ${stats.event}`,
      measured !== undefined && `awaited by the test ${measured} ms`,
    ].filter(Boolean);
    // In the title, so that the reporter prints it.
    this.test!.title += `: ${parts.join('; ') || 'timing not available'} (display language ${vscode.env.language})`;
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['gongkai.newReport', 'gongkai.fixAll', 'gongkai.showParse']) {
      assert.ok(commands.includes(command), `${command} is not registered`);
    }
  });

  describe('seed 003: two wrong row totals in table 三', () => {
    const SEED = '003_bb67cb1c2b4a6a16.txt';
    // 0-based lines of the 总计 cells of （二）部分公开 (parts 2 0 0 0 0 0) and 2.重复申请 (1 0 0 0 0 0).
    const WRONG_TOTALS = [{ line: 113, expected: '2' }, { line: 256, expected: '1' }];
    let document: vscode.TextDocument;
    let opened: vscode.Diagnostic[];

    before(async () => {
      ({ document, diagnostics: opened } = await openSeed(SEED));
    });
    after(async () => document && revert(document));

    it('flags exactly the two wrong 总计 cells as row-total errors, in Chinese', () => {
      const rowTotals = opened.filter((d) => ruleOf(d) === 'row-total');
      assert.deepEqual(
        rowTotals.map((d) => d.range.start.line).sort((a, b) => a - b),
        WRONG_TOTALS.map((t) => t.line),
        `row-total diagnostics:\n  ${describeDiagnostics(rowTotals)}\nall:\n  ${describeDiagnostics(opened)}`,
      );
      for (const diagnostic of rowTotals) {
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(diagnostic.range.end.line, diagnostic.range.start.line);
        assert.equal(document.getText(diagnostic.range), '0', 'the range covers the 总计 cell');
        assert.match(diagnostic.message, CJK, `not Chinese: ${diagnostic.message}`);
      }
    });

    it('shows the row-total formula with the values on hover over a 总计 cell', async () => {
      const { line } = WRONG_TOTALS[0];
      const cell = document.lineAt(line).text.indexOf('0');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider', document.uri, new vscode.Position(line, cell),
      );
      const text = hovers
        .flatMap((hover) => hover.contents)
        .map((content) => (typeof content === 'string' ? content : content.value))
        .join('\n');
      assert.match(text, /=/, `no formula in the hover: ${text || '(no hover)'}`);
      // The six parts sum to 2 while 0 is written.
      assert.match(text, /=\s*2(?!\d)/, `the hover does not show the sum 2: ${text}`);
      assert.match(text, /(?<!\d)0(?!\d)/, `the hover does not show the written 0: ${text}`);
    });

    it('applies the preferred quick fix: 2 and 1 are written and no arithmetic error remains', async () => {
      let diagnostics = opened;
      // One correction may fix both cells at once; at most one round per wrong cell.
      for (let round = 0; round < WRONG_TOTALS.length; round++) {
        const target = diagnostics.find((d) => ruleOf(d) === 'row-total');
        if (!target) break;
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider', document.uri, target.range, vscode.CodeActionKind.QuickFix.value,
        );
        // The API's CodeActions carry no diagnostics; asked for this range, the preferred one is the cell's fix.
        const preferred = actions.find((a) => a.isPreferred && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
        assert.ok(preferred?.edit, `no preferred quick fix with an edit for ${describeDiagnostics([target])}; offered:\n  ${describeActions(actions)}`);
        diagnostics = await diagnosticsAfter(document.uri, async () => {
          assert.ok(await vscode.workspace.applyEdit(preferred.edit!), 'the editor refused the edit');
        });
      }
      for (const { line, expected } of WRONG_TOTALS) assert.equal(document.lineAt(line).text.trim(), expected);
      const left = diagnostics.filter((d) => ['row-total', 'column-total', 'balance'].includes(String(ruleOf(d))));
      assert.equal(left.length, 0, `arithmetic errors left:\n  ${describeDiagnostics(left)}`);
    });
  });

  describe('seed 001: an all-zero （七）总计 row', () => {
    const SEED = '001_38967d40d03fbadc.txt';
    const TOTAL_ROW = 155; // "(七)总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||"
    let document: vscode.TextDocument;
    let originalRow: string;

    before(async () => {
      ({ document } = await openSeed(SEED));
      originalRow = document.lineAt(TOTAL_ROW).text;
    });
    after(async () => document && revert(document));

    /** 5 in the row's 自然人 (first) and 总计 (last) cells, its other cells as they were. */
    function assertFixed(diagnostics: vscode.Diagnostic[]): void {
      const cells = (row: string) => row.split('|').map((cell) => cell.trim());
      const expected = cells(originalRow);
      expected[1] = '5';
      expected[7] = '5';
      assert.deepEqual(cells(document.lineAt(TOTAL_ROW).text), expected);
      const left = diagnostics.filter((d) => ARITHMETIC_RULES.includes(String(ruleOf(d))));
      assert.equal(left.length, 0, `arithmetic errors left:\n  ${describeDiagnostics(left)}`);
    }

    it('the source.fixAll.gongkai action writes 5 into 自然人 and 总计 and leaves no arithmetic error', async () => {
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', document.uri, whole, 'source.fixAll.gongkai',
      );
      const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.gongkai');
      assert.ok(fixAll?.edit, `no source.fixAll.gongkai action with an edit; offered:\n  ${describeActions(actions)}`);
      const diagnostics = await diagnosticsAfter(document.uri, async () => {
        assert.ok(await vscode.workspace.applyEdit(fixAll.edit!), 'the editor refused the edit');
      });
      assertFixed(diagnostics);
    });

    it('the gongkai.fixAll command does the same on the active editor', async () => {
      if (document.isDirty) await diagnosticsAfter(document.uri, () => revert(document));
      assert.equal(document.lineAt(TOTAL_ROW).text, originalRow);
      await vscode.window.showTextDocument(document);
      const diagnostics = await diagnosticsAfter(document.uri, async () => {
        assert.equal(await vscode.commands.executeCommand('gongkai.fixAll'), true, 'gongkai.fixAll changed nothing');
      });
      assertFixed(diagnostics);
    });
  });
});
