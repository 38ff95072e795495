// Mode B of /work/shared/e2e.md: a user's session in code-server, driven through the UI with Playwright.
// Installs the packaged .vsix, opens seed 003, and checks what a user sees: the squiggles under the two
// wrong 总计 cells, the Chinese message on hover, the quick fix, and the file saved with the fix.
// Screenshots go to test/e2e/artifacts/.
//
//   node test/e2e/run-ui.mjs [path/to/gongkai.vsix]    (default: <repo>/gongkai.vsix)
//
// Env: E2E_STEP_TIMEOUT_MS (default 30000) bounds each wait; E2E_KEEP_TMP=1 keeps the temp dir.
import { cpSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  artifacts, codeServerCli, launchBrowser, log, makeTempRoot, removeTempRoot, repo, startCodeServer,
} from './run-ext-tests.mjs';

const SEED = '003_bb67cb1c2b4a6a16.txt';
/** 1-based lines of the two wrong 总计 cells, and the totals the quick fix must write. */
const FIRST_TOTAL = { line: 114, fixed: '2' };
const SECOND_TOTAL = { line: 257, fixed: '1' };
const CJK = /[\u4e00-\u9fff]/;
const stepTimeout = Number(process.env.E2E_STEP_TIMEOUT_MS ?? 30_000);

/** The error count in the status bar's Problems item ("Errors: 2, Warnings: 1", or "No Problems"). */
async function errorCount(page) {
  const label = await page.locator('[id="status.problems"]').getAttribute('aria-label');
  return { count: Number(/Errors: (\d+)/.exec(label ?? '')?.[1] ?? 0), label };
}

async function waitFor(predicate, what) {
  const deadline = Date.now() + stepTimeout;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${stepTimeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function fileLine(path, line) {
  return readFileSync(path, 'utf8').split('\n')[line - 1].trim();
}

async function runUi(vsix) {
  const started = Date.now();
  for (const stale of ['1-diagnostics.png', '2-quickfix-menu.png', '3-fixed.png', 'ui-failure.png']) {
    rmSync(join(artifacts, stale), { force: true });
  }
  const root = makeTempRoot('ui');
  const seedPath = join(root, 'workspace', SEED);
  let server;
  let browser;
  let page;
  let errorsBefore;
  let squiggle;

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
    }],
    ['opens seed 003 with Ctrl+P; squiggles and the Problems count show the errors; the hover shows the Chinese message', async () => {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(SEED);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: SEED }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: SEED }).waitFor();
      await waitFor(async () => (await errorCount(page)).count >= 2, 'the Problems item to count 2 errors');
      errorsBefore = await errorCount(page);
      log(`Problems before the fix: "${errorsBefore.label}"`);

      // Both wrong totals lie below the first screen: go to the first (Ctrl+P :line:column; the browser
      // keeps Ctrl+G) and hover its squiggle, as a user reading the finding.
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(`:${FIRST_TOTAL.line}:2`);
      await page.keyboard.press('Enter');
      squiggle = await squiggleAtCursor(page);
      await page.mouse.move(squiggle.x, squiggle.y);
      // The problem's part of the hover: its message, then "gongkai(row-total)".
      const problem = page.locator('.monaco-hover:visible .marker.hover-contents', { hasText: 'row-total' }).first();
      await problem.waitFor();
      const message = await problem.locator('span').first().innerText();
      if (!CJK.test(message)) throw new Error(`the message is not in Chinese: ${message}`);
      log(`hover message: ${message}`);
      await page.screenshot({ path: join(artifacts, '1-diagnostics.png') });
    }],
    ['offers the quick fix on the squiggle (click, Ctrl+.)', async () => {
      await page.mouse.move(0, 0);
      await page.mouse.click(squiggle.x, squiggle.y);
      await page.keyboard.press('Control+.');
      const fixes = page.locator('.action-widget .monaco-list-row.action');
      await fixes.first().waitFor();
      log(`quick fixes: ${(await fixes.allInnerTexts()).map((t) => t.trim()).join(' | ')}`);
      await page.screenshot({ path: join(artifacts, '2-quickfix-menu.png') });
      // The first entry is the cell's own fix; the rule-wide "fix all" comes after it.
      await fixes.first().click();
    }],
    ['applies the fix: the Problems count goes down', async () => {
      await waitFor(async () => (await errorCount(page)).count < errorsBefore.count, 'the error count to go down');
      const after = await errorCount(page);
      log(`Problems after the fix: "${after.label}"`);
      await page.screenshot({ path: join(artifacts, '3-fixed.png') });
    }],
    ['saves with Ctrl+S: the file on disk has the fixed totals', async () => {
      await page.keyboard.press('Control+S');
      await waitFor(() => fileLine(seedPath, FIRST_TOTAL.line) === FIRST_TOTAL.fixed, `line ${FIRST_TOTAL.line} to read ${FIRST_TOTAL.fixed} on disk`);
      const second = fileLine(seedPath, SECOND_TOTAL.line);
      if (second !== SECOND_TOTAL.fixed) throw new Error(`line ${SECOND_TOTAL.line} reads ${second} on disk, not ${SECOND_TOTAL.fixed}`);
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
    if (server) cpSync(server.logPath, join(artifacts, 'code-server-ui.log'));
    removeTempRoot(root);
  }
  log(`total ${Date.now() - started} ms`);
  return { passed, failed };
}

/** The centre of the error squiggle on the cursor's line (the editor has just revealed it). */
async function squiggleAtCursor(page) {
  const editor = page.locator('.editor-instance .monaco-editor');
  const cursor = await editor.locator('.cursor').first().boundingBox();
  let found;
  await waitFor(async () => {
    for (const squiggle of await editor.locator('.squiggly-error').all()) {
      const box = await squiggle.boundingBox();
      if (box && cursor && Math.abs(box.y - cursor.y) < cursor.height) {
        found = { x: box.x + box.width / 2, y: cursor.y + cursor.height / 2 };
        return true;
      }
    }
    return false;
  }, `a squiggle on line ${FIRST_TOTAL.line}`);
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
