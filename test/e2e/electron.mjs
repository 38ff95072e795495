// The Mode A suite under desktop VS Code through @vscode/test-electron, for a developer machine with
// internet: it downloads VS Code and the Chinese language pack, which the offline CI cannot (there,
// run-ext-tests.mjs runs the same suite in code-server). Build the suite first:
//
//   node esbuild.mjs --e2e && node test/e2e/electron.mjs
//
// Env: VSCODE_VERSION (default 'stable'), E2E_SEEDS_DIR (default <repo>/../shared/seeds).
import { runTests, runVSCodeCommand } from '@vscode/test-electron';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = process.env.E2E_SEEDS_DIR ?? resolve(repo, '../shared/seeds');
const version = process.env.VSCODE_VERSION ?? 'stable';
// The download goes beside code-server's, in the git-ignored .e2e/.
const cachePath = join(process.env.E2E_DIR ?? join(repo, '.e2e'), 'vscode-test');

const root = mkdtempSync(join(tmpdir(), 'gongkai-e2e-electron-'));
const workspace = join(root, 'workspace');
const profile = ['--extensions-dir', join(root, 'extensions'), '--user-data-dir', join(root, 'user-data')];
cpSync(seedsDir, workspace, { recursive: true });
mkdirSync(join(root, 'user-data', 'User'), { recursive: true });
writeFileSync(join(root, 'user-data', 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
}));

let exitCode = 1;
try {
  // Without a language pack VS Code keeps English as its display language, and the server would
  // answer in English (it follows the display language).
  await runVSCodeCommand(['--install-extension', 'MS-CEINTL.vscode-language-pack-zh-hans', ...profile], { version, cachePath });
  exitCode = await runTests({
    version,
    cachePath,
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'dist', 'test', 'index.js'),
    launchArgs: [workspace, '--locale', 'zh-cn', '--disable-workspace-trust', ...profile],
  });
} catch (error) {
  console.error(error);
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exitCode = exitCode;
