// The e2e layer in one command: Mode A (the mocha suite in the extension host) and then Mode B (the
// UI as a user), one after the other, since both start a code-server and a browser on a small
// machine. Prints the two runners' output and, last, the sum of their "N passed, M failed" lines.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SUMMARY = /^(\d+) passed, (\d+) failed$/;

let current;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => current?.kill(signal));

/** Runs one runner, echoing its output; a runner that ends without its summary line counts one failure. */
function runMode(script) {
  return new Promise((resolve) => {
    console.log(`\n== ${script}`);
    const child = spawn(process.execPath, [join(here, script)], { stdio: ['ignore', 'pipe', 'inherit'] });
    current = child;
    let summary;
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) summary = SUMMARY.exec(line) ?? summary;
    });
    child.on('exit', (code) => {
      summary = SUMMARY.exec(pending) ?? summary;
      const passed = summary ? Number(summary[1]) : 0;
      let failed = summary ? Number(summary[2]) : 0;
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ passed, failed });
    });
  });
}

const started = Date.now();
let passed = 0;
let failed = 0;
for (const script of ['run-ext-tests.mjs', 'run-ui.mjs']) {
  const result = await runMode(script);
  passed += result.passed;
  failed += result.failed;
}
console.log(`\ne2e: both modes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
