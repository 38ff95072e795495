// Mode B of /work/shared/e2e.md: a user's session in code-server, driven through the UI with Playwright.
// Installs the packaged .vsix, opens seed 003, and checks what a user sees: the squiggles under the two
// wrong 总计 cells, the Chinese message on hover, the table preview with both cells in red and their
// values, a click in the preview selecting the cell, typing followed by the preview, the quick fix, the
// file saved with the fix, inlay hints in a one-cell-per-line table; in a second session a generated
// .docx with a wrong total opened through 检查年报文件 in the Explorer's context menu, its quick fix
// written into the .docx on disk and the view following the file; and, in a third, a folder opened
// in Restricted Mode still showing the findings. Screenshots go to test/e2e/artifacts/.
//
//   node test/e2e/run-ui.mjs [path/to/gongkai.vsix]    (default: <repo>/gongkai.vsix)
//
// Env: E2E_STEP_TIMEOUT_MS (default 30000) bounds each wait; E2E_KEEP_TMP=1 keeps the temp dir.
//
// Every step waits for its precondition (the document checked, code actions available, a hover
// closed) and repeats the user's action until its effect shows, within the step's time limit: on a
// loaded machine a key press can land before the editor is ready for it.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import {
  artifacts, codeServerCli, launchBrowser, log, makeTempRoot, removeTempRoot, repo, startCodeServer,
} from './run-ext-tests.mjs';

const SEED = '003_bb67cb1c2b4a6a16.txt';
/** Seed 004 pastes its tables one cell per line: where inlay hints name the columns. */
const CELL_PER_LINE_SEED = '004_b6050632e8bc8358.txt';
/** A real published PDF (tables drawn with border lines) whose every relation holds. */
const REAL_PDF = resolve(repo, '../shared/corpus/files/001_huaian_szf_2024.pdf');
/** 1-based lines of the two wrong 总计 cells, and the totals they must end up with. */
const FIRST_TOTAL = { line: 114, fixed: '2' };
const SECOND_TOTAL = { line: 257, fixed: '1' };
const CJK = /[\u4e00-\u9fff]/;
/** The .docx fixture's writer and reader (test/e2e/docx.ts, bundled by esbuild.mjs --e2e). */
const docxFixture = createRequire(import.meta.url)(join(repo, 'out', 'e2e', 'docx.js'));
const stepTimeout = Number(process.env.E2E_STEP_TIMEOUT_MS ?? 30_000);
/** How long one try of a user action may take to show its effect before it is tried again. */
const RETRY_AFTER_MS = 3_000;
const READ_FILE_WAIT_MS = 20_000;
const MENU_SETTLE_MS = 400;

/** The error count in the status bar's Problems item ("Errors: 2, Warnings: 1", or "No Problems"). */
async function errorCount(page) {
  const label = await page.locator('[id="status.problems"]').getAttribute('aria-label');
  return { count: Number(/Errors: (\d+)/.exec(label ?? '')?.[1] ?? 0), label };
}

async function waitFor(predicate, what, timeout = stepTimeout) {
  const deadline = Date.now() + timeout;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Does what a user does (`act`) until `done` holds: each try gets `afterMs` to show its effect,
 * all of them together the step's time limit.
 */
async function retry(act, done, what, afterMs = RETRY_AFTER_MS) {
  const deadline = Date.now() + stepTimeout;
  for (let attempt = 1; ; attempt++) {
    try {
      await act(attempt);
    } catch (error) {
      // The action itself could not be done yet (a list not filled in time): try it again.
      if (Date.now() >= deadline) throw error;
      continue;
    }
    const remaining = deadline - Date.now();
    try {
      await waitFor(done, what, Math.max(0, Math.min(afterMs, remaining)));
      if (attempt > 1) log(`${what}: took ${attempt} tries`);
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
}

function fileLine(path, line) {
  return readFileSync(path, 'utf8').split('\n')[line - 1].trim();
}

/** Closes whatever hover, menu or widget is open, so the next key goes to the editor. */
async function closeWidgets(page) {
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await waitFor(async () => (await page.locator('.monaco-hover:visible').count()) === 0, 'the hover to close', 5_000).catch(() => {});
}

/** Opens a file of the workspace with Ctrl+P, as a user does. */
async function openFile(page, name) {
  await retry(
    async () => {
      await closeWidgets(page);
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(name);
      // The first search of the workspace's files can take a while on a loaded machine.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 3 * RETRY_AFTER_MS });
      await page.keyboard.press('Enter');
    },
    async () => (await page.locator('.tab.active', { hasText: name }).count()) > 0,
    `${name} to open`,
  );
}

/**
 * 检查年报文件 on a file, from the Explorer's context menu: right-click its row, choose the entry
 * (a screenshot of the menu first, if asked), until the file's view is the active tab.
 */
async function checkReportFile(page, name, menuScreenshot) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  const entry = page.locator('.context-view .monaco-menu .action-item', { hasText: '检查年报文件' }).first();
  await retry(
    async () => {
      await closeWidgets(page);
      await row.click({ button: 'right' });
      await entry.waitFor({ timeout: RETRY_AFTER_MS });
      if (menuScreenshot) await page.screenshot({ path: menuScreenshot });
      // A menu ignores a click that comes right after it opened (so that the right button's release
      // never chooses an entry): pause as a user does before choosing.
      await page.waitForTimeout(MENU_SETTLE_MS);
      await entry.click({ timeout: RETRY_AFTER_MS });
    },
    async () => (await page.locator('.tab.active', { hasText: name }).count()) > 0,
    `检查年报文件 on ${name} to open its view`,
    // Reading a file (the first one loads the reader, pdf.js for a PDF) takes seconds on a loaded
    // machine, and a user waits for it: choosing the entry again every 3 s only starts it again.
    READ_FILE_WAIT_MS,
  );
}

/** Moves the cursor with Ctrl+P :line:column (the browser keeps Ctrl+G). */
async function goTo(page, line, column) {
  await retry(
    async () => {
      await closeWidgets(page);
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(`:${line}:${column}`);
      await page.keyboard.press('Enter');
    },
    async () => (await cursorPosition(page))?.line === line,
    `the cursor on line ${line}`,
  );
}

/** The cursor (and selection) from the status bar: "Ln 114, Col 2 (1 selected)". */
async function cursorPosition(page) {
  const text = await page.locator('[id="status.editor.selection"]').innerText().catch(() => '');
  const match = /(\d+)\D+(\d+)(?:\D+(\d+))?/.exec(text);
  return match ? { line: Number(match[1]), column: Number(match[2]), selected: Number(match[3] ?? 0), text } : undefined;
}

/** The page inside the preview's webview (two nested frames in code-server). */
function previewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame, iframe').first();
}

async function wrongCells(frame) {
  return frame.locator('td.cell.wrong').evaluateAll((cells) => cells.map((cell) => ({
    written: cell.querySelector('.written')?.textContent ?? '',
    expected: cell.querySelector('.expected')?.textContent ?? '',
    range: JSON.parse(cell.dataset.range ?? 'null'),
    tooltip: cell.title,
  })));
}

async function runUi(vsix) {
  const started = Date.now();
  const root = makeTempRoot('ui');
  for (const stale of readdirSync(artifacts).filter((name) => /^(\d-.*|docx-.*|pdf-.*|ui-failure)\.png$/.test(name))) rmSync(join(artifacts, stale), { force: true });
  const seedPath = join(root, 'workspace', SEED);
  let server;
  let browser;
  let page;
  /** Temp roots of the later sessions, and the name the current session's log is kept under. */
  const sessionRoots = [];
  let logName = 'code-server-ui.log';
  /** The generated .docx of the second session. */
  let docx;

  /**
   * Ends the current session and starts another: a fresh temp root (`prepare` may add files to its
   * workspace), the .vsix installed, code-server, and a browser on the workspace's workbench.
   */
  async function newSession(name, { trust = false, prepare } = {}) {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (server) cpSync(server.logPath, join(artifacts, logName));
    const sessionRoot = makeTempRoot(name, { trust });
    sessionRoots.push(sessionRoot);
    logName = `code-server-${name}.log`;
    await prepare?.(join(sessionRoot, 'workspace'));
    await codeServerCli(sessionRoot, ['--install-extension', vsix]);
    server = await startCodeServer(sessionRoot, { trust });
    browser = await launchBrowser(sessionRoot);
    page = browser.pages()[0] ?? await browser.newPage();
    page.setDefaultTimeout(stepTimeout);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
    await page.locator('.monaco-workbench').waitFor();
  }

  /** The centre of the error squiggle on the cursor's line, after moving there. */
  async function squiggleOn(line) {
    await goTo(page, line, 2);
    return squiggleAtCursor(page, line);
  }

  // Each step is one test; a step that fails leaves the later ones unrun, and they count as failed.
  const steps = [
    ['installs the .vsix (code-server --install-extension) and opens the workspace', async () => {
      const output = await codeServerCli(root, ['--install-extension', vsix]);
      if (!/successfully installed/.test(output)) throw new Error(`unexpected output: ${output}`);
      server = await startCodeServer(root);
      browser = await launchBrowser(root);
      page = browser.pages()[0] ?? await browser.newPage();
      page.setDefaultTimeout(stepTimeout);
      await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
    }],
    ['opens seed 003 with Ctrl+P; squiggles and the Problems count show the errors; the hover shows the Chinese message', async () => {
      await openFile(page, SEED);
      await waitFor(async () => (await errorCount(page)).count >= 2, 'the Problems item to count 2 errors');
      log(`Problems: "${(await errorCount(page)).label}"`);
      // The status bar item has the counts and the time of the last check ("年报: 2 错误 0 警告 · 05:13:06").
      const item = page.locator('.statusbar-item', { hasText: /年报: \d+ 错误 \d+ 警告 · \d{1,2}:\d{2}:\d{2}/ }).first();
      await item.waitFor();
      const status = await item.innerText();
      log(`status bar: ${status.replace(/\s+/g, ' ')}`);
      // Both wrong totals lie below the first screen: go to the first and hover its squiggle, as a user reading the finding.
      const squiggle = await squiggleOn(FIRST_TOTAL.line);
      const problem = page.locator('.monaco-hover:visible .marker.hover-contents', { hasText: 'row-total' }).first();
      await retry(
        async () => {
          await page.mouse.move(squiggle.x + 30, squiggle.y + 40);
          await page.mouse.move(squiggle.x, squiggle.y);
        },
        async () => (await problem.count()) > 0,
        'the hover of the squiggle',
      );
      const message = await problem.locator('span').first().innerText();
      if (!CJK.test(message)) throw new Error(`the message is not in Chinese: ${message}`);
      log(`hover message: ${message}`);
      await page.screenshot({ path: join(artifacts, '1-diagnostics.png') });
    }],
    ['预览表格 opens the table preview beside the editor: both wrong 总计 cells in red with 2 and 1', async () => {
      await closeWidgets(page);
      // Room for the editor and the preview side by side, as a clerk working on one report has it.
      await retry(() => page.keyboard.press('Control+B'), async () => !(await page.locator('.part.sidebar').isVisible()), 'the side bar to close');
      const button = page.locator('.editor-actions .action-label[aria-label^="预览表格"]').first();
      await retry(() => button.click(), async () => (await page.locator('iframe.webview.ready').count()) > 0, 'the preview to open');
      const frame = previewFrame(page);
      let wrong = [];
      await waitFor(async () => (wrong = await wrongCells(frame).catch(() => [])).length === 2, 'two red cells in the preview');
      const shown = wrong.map((cell) => `${cell.range.start.line + 1}: ${cell.written} → ${cell.expected}`);
      log(`red cells: ${shown.join('; ')}`);
      const expected = [`${FIRST_TOTAL.line}: 0 → 2`, `${SECOND_TOTAL.line}: 0 → 1`];
      if (JSON.stringify(shown) !== JSON.stringify(expected)) throw new Error(`red cells ${shown.join('; ')}, expected ${expected.join('; ')}`);
      if (!/行合计：总计 = .*= 2，填报 0/.test(wrong[0].tooltip)) throw new Error(`no formula in the cell's hover: ${wrong[0].tooltip}`);
      // The cursor is on the first wrong total: the preview has scrolled it into view. Show the whole table.
      await frame.locator('h2', { hasText: '三、收到和处理政府信息公开申请情况' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(artifacts, '4-preview.png') });
    }],
    ['a click on a cell of the preview selects it in the editor', async () => {
      const frame = previewFrame(page);
      const second = frame.locator('td.cell.wrong').nth(1);
      await retry(
        () => second.click(),
        async () => {
          const at = await cursorPosition(page);
          return at?.line === SECOND_TOTAL.line && at.selected === 1;
        },
        `the 总计 on line ${SECOND_TOTAL.line} selected`,
      );
      log(`editor: ${(await cursorPosition(page)).text}`);
    }],
    ['typing a value in the editor updates the preview', async () => {
      // The selection is the wrong total: typing replaces it.
      await page.keyboard.type(SECOND_TOTAL.fixed);
      const frame = previewFrame(page);
      let wrong = [];
      await waitFor(async () => (wrong = await wrongCells(frame).catch(() => [])).length === 1, 'one red cell left in the preview');
      if (wrong[0].range.start.line + 1 !== FIRST_TOTAL.line) throw new Error(`the red cell left is on line ${wrong[0].range.start.line + 1}`);
      const typed = await frame.locator('td.cell').evaluateAll((cells, line) => cells.filter((c) => JSON.parse(c.dataset.range ?? 'null')?.start.line === line).map((c) => c.textContent), SECOND_TOTAL.line - 1);
      if (typed[0] !== SECOND_TOTAL.fixed) throw new Error(`the preview shows ${typed[0]} for the typed cell`);
      await page.screenshot({ path: join(artifacts, '5-preview-typed.png') });
    }],
    ['24: offers the quick fix on the squiggle (waits for the light bulb, repeats Ctrl+. until the menu opens)', async () => {
      await waitFor(async () => (await errorCount(page)).count === 1, 'one error left after the typing');
      const squiggle = await squiggleOn(FIRST_TOTAL.line);
      const fixes = page.locator('.action-widget .monaco-list-row.action');
      // Precondition: the editor has computed the code actions of the cursor's line (the light bulb shows).
      await page.mouse.click(squiggle.x, squiggle.y);
      await page.locator('.lightBulbWidget, .codicon-light-bulb, .codicon-lightbulb-autofix').first().waitFor({ state: 'attached' }).catch(() => {});
      await retry(
        async (attempt) => {
          if (attempt > 1) await closeWidgets(page);
          await page.mouse.click(squiggle.x, squiggle.y);
          await page.keyboard.press('Control+.');
        },
        async () => (await fixes.count()) > 0,
        'the quick-fix menu',
      );
      log(`quick fixes: ${(await fixes.allInnerTexts()).map((t) => t.trim()).join(' | ')}`);
      await page.screenshot({ path: join(artifacts, '2-quickfix-menu.png') });
      // The first entry is the cell's own fix; 忽略此问题 and the rule-wide "fix all" come after it.
      await fixes.first().click();
    }],
    ['applies the fix: the Problems count goes down', async () => {
      await waitFor(async () => (await errorCount(page)).count === 0, 'no error left');
      log(`Problems after the fix: "${(await errorCount(page)).label}"`);
      await page.screenshot({ path: join(artifacts, '3-fixed.png') });
    }],
    ['saves with Ctrl+S: the file on disk has the fixed totals', async () => {
      await retry(
        () => page.keyboard.press('Control+S'),
        () => fileLine(seedPath, FIRST_TOTAL.line) === FIRST_TOTAL.fixed,
        `line ${FIRST_TOTAL.line} to read ${FIRST_TOTAL.fixed} on disk`,
      );
      const second = fileLine(seedPath, SECOND_TOTAL.line);
      if (second !== SECOND_TOTAL.fixed) throw new Error(`line ${SECOND_TOTAL.line} reads ${second} on disk, not ${SECOND_TOTAL.fixed}`);
    }],
    ['inlay hints name the column of each value in a one-cell-per-line table (seed 004)', async () => {
      await openFile(page, CELL_PER_LINE_SEED);
      await goTo(page, 104, 1);
      const hints = page.locator('.editor-instance .monaco-editor .view-lines [class*="dyn-rule"], .editor-instance .monaco-editor .view-lines .inlay-hint');
      let texts = [];
      await waitFor(async () => {
        texts = (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).split('\n');
        return texts.filter((line) => /^\s*\d+\s*\S*自然人/.test(line.replace(/\u00a0/g, ' '))).length >= 3;
      }, 'values followed by 自然人 on screen');
      log(`lines with hints: ${texts.filter((line) => /\d\s*\S*(自然人|总计)/.test(line)).slice(0, 4).map((l) => l.replace(/\u00a0/g, ' ').trim()).join(' | ')} (${await hints.count()} hint elements)`);
      await page.screenshot({ path: join(artifacts, '6-inlay-hints.png') });
    }],
    ['a .docx: 检查年报文件 in the Explorer\'s context menu opens it read-only as a report, the wrong total underlined', async () => {
      await newSession('docx', {
        prepare: async (workspace) => {
          docx = await docxFixture.writeWrongTotalDocx(workspace);
          cpSync(REAL_PDF, join(workspace, basename(REAL_PDF)));
        },
      });
      await checkReportFile(page, docx.name, join(artifacts, 'docx-0-context-menu.png'));
      await waitFor(async () => (await errorCount(page)).count === 1, 'the Problems item to count the wrong total');
      log(`Problems: "${(await errorCount(page)).label}", tab: "${(await page.locator('.tab.active').innerText()).replace(/\s+/g, ' ')}"`);
      // Read-only: a key typed in the view changes nothing.
      await goTo(page, docx.line + 1, docx.character + 1);
      const shown = () => page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
      const before = await shown();
      await page.keyboard.type('9');
      await new Promise((r) => setTimeout(r, 300));
      if ((await shown()) !== before) throw new Error('the view took a typed key');
      const readOnly = await page.locator('.monaco-editor-overlaymessage, .monaco-hover:visible').first().innerText().catch(() => '(no message)');
      log(`typed into the view: ${readOnly.replace(/\s+/g, ' ')}`);
      const squiggle = await squiggleAtCursor(page, docx.line + 1);
      const problem = page.locator('.monaco-hover:visible .marker.hover-contents', { hasText: 'row-total' }).first();
      await retry(
        async () => {
          await closeWidgets(page);
          await page.mouse.move(squiggle.x + 30, squiggle.y + 40);
          await page.mouse.move(squiggle.x, squiggle.y);
        },
        async () => (await problem.count()) > 0,
        'the hover of the squiggle',
      );
      log(`hover: ${(await page.locator('.monaco-hover:visible').first().innerText()).replace(/\s+/g, ' ').slice(0, 300)}`);
      await page.screenshot({ path: join(artifacts, 'docx-1-finding.png') });
    }],
    ['Ctrl+. on the wrong total lists its fixes; the chosen one is written into the .docx on disk, and the view shows the file as written', async () => {
      await closeWidgets(page);
      await goTo(page, docx.line + 1, docx.character + 1);
      await squiggleAtCursor(page, docx.line + 1);
      // VS Code's own Quick Fix is off in read-only editors: in the view, Ctrl+. lists the line's fixes.
      const write = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: `写入 ${docx.name}` }).first();
      await retry(
        async (attempt) => {
          if (attempt > 1) await closeWidgets(page);
          await page.keyboard.press('Control+.');
        },
        () => write.isVisible(),
        'the list of the line\'s fixes',
      );
      log(`fixes: ${(await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ')}`);
      await page.screenshot({ path: join(artifacts, 'docx-2-quickfix-menu.png') });
      await write.click();
      const written = page.locator('.notification-toast', { hasText: `已将 1 处修正写入 ${docx.name}` }).first();
      await written.waitFor();
      await waitFor(async () => (await docxFixture.cellOnDisk(docx.path, docx.line, docx.character)) === docx.fixed, `the total ${docx.fixed} in the .docx on disk`);
      await waitFor(async () => (await errorCount(page)).count === 0, 'no error left in the view');
      const shown = (await page.locator('.view-lines').first().innerText()).replace(/\u00a0/g, ' ');
      log(`on disk: ${docx.written} → ${await docxFixture.cellOnDisk(docx.path, docx.line, docx.character)}; Problems "${(await errorCount(page)).label}"; notification "${(await written.innerText()).replace(/\s+/g, ' ')}"`);
      if (!shown.includes(docx.fixed)) throw new Error('the view does not show the fixed total');
      await page.screenshot({ path: join(artifacts, 'docx-3-written.png') });
    }],
    ['the view follows the .docx on disk: saved back with the wrong total, the finding returns', async () => {
      writeFileSync(docx.path, docx.bytes);
      await waitFor(async () => (await errorCount(page)).count === 1, 'the wrong total to be flagged again');
      await closeWidgets(page);
      await goTo(page, docx.line + 1, docx.character + 1);
      await squiggleAtCursor(page, docx.line + 1);
      await page.screenshot({ path: join(artifacts, 'docx-4-changed-on-disk.png') });
    }],
    ['the real PDF of the corpus, through 检查年报文件 in the installed .vsix (pdf.js ships in it): its tables read, no error', async () => {
      await checkReportFile(page, basename(REAL_PDF));
      // The status bar item appears once the server has checked the view.
      const item = page.locator('.statusbar-item', { hasText: /年报: \d+ 错误 \d+ 警告/ }).first();
      await item.waitFor();
      const text = (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
      if (!text.includes('政府信息公开')) throw new Error(`the view does not show the PDF's text: ${text.slice(0, 200)}`);
      // The status bar item counts the active document: until the server has checked the PDF's view it
      // may still show the .docx's view, open beside it with its error.
      const statusOf = async () => (await item.innerText()).replace(/\s+/g, ' ').trim();
      await waitFor(async () => /年报: 0 错误/.test(await statusOf()), 'the status of the PDF view').catch(async () => {
        throw new Error(`errors in a report whose every relation holds: ${await statusOf()}`);
      });
      log(`PDF view: status "${await statusOf()}"`);
      // Table 三 as read from the PDF's drawn grid, its heading at the top of the editor.
      const heading = (await docxFixture.textOf(REAL_PDF)).split('\n').findIndex((line) => line.startsWith('三、'));
      await goTo(page, heading + 30, 1);
      await goTo(page, heading + 1, 1);
      await page.screenshot({ path: join(artifacts, 'pdf-1-view.png') });
    }],
    ['a folder opened in Restricted Mode still shows the findings', async () => {
      await newSession('untrusted', { trust: true });
      // VS Code may ask whether to trust the folder's authors: a clerk who received the reports says no.
      const distrust = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No|不信任|否/ }).first();
      const restricted = page.locator('[id="status.workspaceTrust"], .statusbar-item', { hasText: /Restricted|受限/ }).first();
      await Promise.race([distrust.waitFor(), restricted.waitFor()]);
      if (await distrust.isVisible()) await distrust.click();
      await restricted.waitFor();
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
      await openFile(page, SEED);
      await waitFor(async () => (await errorCount(page)).count >= 2, 'the Problems item to count 2 errors in Restricted Mode');
      log(`Restricted Mode: "${(await restricted.innerText()).trim()}", Problems "${(await errorCount(page)).label}"`);
      await page.screenshot({ path: join(artifacts, '7-restricted-mode.png') });
    }],
  ];

  let passed = 0;
  let failed = 0;
  let failure;
  try {
    for (const [title, step] of steps) {
      if (failure) {
        console.log(`  - ${title} (not run)`);
        failed++;
        continue;
      }
      const stepStarted = Date.now();
      try {
        await step();
        console.log(`  ✔ ${title} (${Date.now() - stepStarted} ms)`);
        passed++;
      } catch (error) {
        failure = error;
        failed++;
        console.log(`  ✖ ${title}\n      ${String(error?.stack ?? error).split('\n').join('\n      ')}`);
        await page?.screenshot({ path: join(artifacts, 'ui-failure.png') }).catch(() => {});
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (server) cpSync(server.logPath, join(artifacts, logName));
    removeTempRoot(root);
    for (const sessionRoot of sessionRoots) removeTempRoot(sessionRoot);
  }
  log(`total ${Date.now() - started} ms`);
  return { passed, failed };
}

/** The centre of the error squiggle on the cursor's line (the editor has just revealed it). */
async function squiggleAtCursor(page, line) {
  const editor = page.locator('.editor-instance .monaco-editor').first();
  let found;
  await waitFor(async () => {
    const cursor = await editor.locator('.cursor').first().boundingBox();
    for (const squiggle of await editor.locator('.squiggly-error').all()) {
      const box = await squiggle.boundingBox();
      if (box && cursor && Math.abs(box.y - cursor.y) < cursor.height) {
        found = { x: box.x + box.width / 2, y: cursor.y + cursor.height / 2 };
        return true;
      }
    }
    return false;
  }, `a squiggle on line ${line}`);
  return found;
}

const vsix = resolve(process.argv[2] ?? join(repo, 'gongkai.vsix'));
if (!existsSync(vsix)) {
  console.error(`missing ${vsix}: build it with npm run package`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
log(`${vsix}: ${(statSync(vsix).size / 1024).toFixed(1)} KiB`);
const { passed, failed } = await runUi(vsix).catch((error) => { console.error(error); return { passed: 0, failed: 1 }; });
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
