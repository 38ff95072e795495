// The run() contract of @vscode/test-electron, which code-server's extension host honours too: the host
// requires this file (extensionTestsPath) and exits 0 when run() resolves, 1 when it rejects. The
// runner echoes what lies between the markers and, as a second channel, reads E2E_RESULTS_FILE.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

/**
 * Marks the reporter's lines: the workbench's own log lines reach the runner through the same channel,
 * interleaved. (console.log itself cannot be wrapped: the extension host pins it.)
 */
const TAG = 'E2E| ';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  // Each *.test.ts is bundled on its own beside this file (esbuild.mjs --e2e).
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(TAG + format(...args));
  console.log('E2E-TESTS-BEGIN');
  return new Promise((resolve, reject) => {
    const runner = mocha.run(() => {
      console.log('E2E-TESTS-END');
      // Hook failures count too; tests a failed hook skipped do not.
      const { passes, failures } = runner.stats ?? { passes: 0, failures: 1 };
      if (process.env.E2E_RESULTS_FILE) {
        writeFileSync(process.env.E2E_RESULTS_FILE, JSON.stringify({ total: passes + failures, failures }));
      }
      if (failures > 0) reject(new Error(`${failures} of ${passes + failures} e2e tests failed`));
      else resolve();
    });
  });
}
