// The server checks an open document through a session that re-reads only what an edit touched:
// after every incremental didChange, what it publishes is what a full check of the document's text
// gives. Edits of seed 003 as a clerk makes them: a cell retyped and restored, a line added at the
// top (every table moves), a table row deleted, prose typed, several changes in one didChange.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { checkText, LineIndex } from '../../server/src/engine';
import { LspClient, fileUri, lineRange, seed } from './lsp-client';

const SEED_003 = seed('003_bb67cb1c2b4a6a16.txt');
const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

const published = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => ({ range: d.range, code: d.code, severity: d.severity, message: d.message }));

function fullCheck(text: string) {
  const lines = new LineIndex(text);
  return checkText(text).findings.map((f) => ({ range: lines.rangeOf(f.span), code: f.rule, severity: SEVERITY[f.severity], message: f.message['zh-cn'] }));
}

describe('incremental checking over LSP', () => {
  let client: LspClient;
  before(async () => {
    // Nothing held back while typing: every publish is the whole result.
    client = await LspClient.start({ locale: 'zh-cn', settings: { arithmeticDelay: 0 } });
  });
  after(() => client.stop());

  test('after every edit, the diagnostics are those of a full check of the text', async () => {
    const uri = fileUri('incremental.txt');
    await client.open(uri, SEED_003, 'gongkai-report');
    await client.waitForDiagnostics(uri, 1);
    const total = lineRange(SEED_003, 113, '0'); // 总计 of （二）部分公开
    const at = (line: number): TextEdit['range'] => ({ start: { line, character: 0 }, end: { line, character: 0 } });
    const steps: [string, TextEdit[]][] = [
      ['a digit typed into a total', [{ range: { start: total.end, end: total.end }, newText: '2' }]],
      ['the digit taken back', [{ range: { start: total.end, end: { line: total.end.line, character: total.end.character + 1 } }, newText: '' }]],
      ['the total retyped right', [{ range: total, newText: '2' }]],
      ['a line added at the top', [{ range: at(0), newText: '前言\n' }]],
      ['a table row deleted', [{ range: { start: { line: 100, character: 0 }, end: { line: 101, character: 0 } }, newText: '' }]],
      ['prose typed in section 一', [{ range: at(6), newText: '本年度受理申请 999 件。' }]],
      ['two changes in one didChange', [{ range: at(3), newText: '\n' }, { range: at(0), newText: '' }]],
    ];
    for (const [what, edits] of steps) {
      const version = await client.change(uri, edits);
      const { diagnostics } = await client.waitForDiagnostics(uri, version);
      assert.deepEqual(published(diagnostics), fullCheck(client.text(uri)), what);
    }
  });
});
