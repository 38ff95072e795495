// Facts about this installation of Gongkai that outputs cite: its version, and where each rule's
// documentation page is.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

declare const GONGKAI_VERSION: string | undefined;

/** The package's version, put in by the build (esbuild `define`), else read from package.json. */
export const VERSION: string = typeof GONGKAI_VERSION === 'string' ? GONGKAI_VERSION : versionFromPackage();

function versionFromPackage(): string {
  const root = packageRoot();
  return root ? (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string) : 'unknown';
}

/** The folder holding package.json and docs/, from wherever the bundle runs (dist/ or out/test/…). */
function packageRoot(): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docs', 'rules'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A rule's page as an absolute URI: the page installed with this copy of Gongkai (docs/ ships in the
 * package), so the link works offline and names the documentation of the very version that ran.
 * The project has no public web address to point at; a made-up one would be a dead link.
 */
export function ruleDocUri(rule: string): string {
  const root = packageRoot() ?? join(__dirname, '..');
  return pathToFileURL(join(root, 'docs', 'rules', `${rule}.md`)).href;
}
