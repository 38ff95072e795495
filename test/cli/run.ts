// Runs the built `gongkai` command (dist/cli.js) as a user would: a child process, its exit code,
// stdout and stderr. GONGKAI_CLI points the tests at another build (to show a test failing on an
// older one). Test folders are made fresh under the system's temporary folder.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root, found from wherever this file was bundled to. */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no repository above ${__dirname}`);
    dir = dirname(dir);
  }
  return dir;
})();

export const cliPath = process.env.GONGKAI_CLI ?? join(repoRoot, 'dist', 'cli.js');
export const shared = join(repoRoot, '..', 'shared');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: SpawnSyncOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28, ...options });
  return { code: result.status, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The CLI under a shell prelude (a `ulimit`, say); arguments are passed as "$@", never spliced into the script. */
export function runCliUnder(prelude: string, args: string[], options: SpawnSyncOptions = {}): CliRun {
  const script = `${prelude}\nexec "${process.execPath}" "${cliPath}" "$@"`;
  const result = spawnSync('bash', ['-c', script, 'gongkai', ...args], { encoding: 'utf8', timeout: 60_000, ...options });
  return { code: result.status, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export function tempFolder(name: string): string {
  return mkdtempSync(join(tmpdir(), `gongkai-${name}-`));
}

export function seed(name: string): string {
  return readFileSync(join(shared, 'seeds', name), 'utf8');
}
