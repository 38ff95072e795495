// One build for everything: the extension and server bundles (dist/), the CLI, and, with --tests,
// every test and benchmark file bundled on its own into out/ so node's test runner can load it
// on Node 20 without a TypeScript loader.
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const withTests = process.argv.includes('--tests');
const withE2e = process.argv.includes('--e2e');
const production = process.argv.includes('--production');

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  // `gongkai --version` and the SARIF driver report the version they were built from.
  define: { GONGKAI_VERSION: JSON.stringify(version) },
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

function filesUnder(dir, predicate) {
  let found = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return found; }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(filesUnder(path, predicate));
    else if (predicate(path)) found.push(path);
  }
  return found;
}

const builds = [
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
];

if (withTests) {
  const testEntries = filesUnder('test', (p) => /\.test\.ts$/.test(p) && !p.startsWith(join('test', 'e2e')));
  const benchEntries = filesUnder('bench', (p) => p.endsWith('.ts'));
  builds.push(esbuild.build({
    ...common,
    entryPoints: [...testEntries, ...benchEntries],
    outdir: 'out',
    outbase: '.',
    packages: 'external',
  }));
}

if (withE2e) {
  // The e2e suite runs in the extension host, which loads it from inside the extension folder
  // (dist/test/); mocha is bundled into index.js, `vscode` is the host's own module.
  builds.push(esbuild.build({
    ...common,
    entryPoints: filesUnder(join('test', 'e2e', 'suite'), (p) => p.endsWith('.ts')),
    outdir: 'dist/test',
    external: ['vscode'],
    // mocha's parallel mode (never used here) resolves worker files at run time; bundling is harmless.
    logOverride: { 'require-resolve-not-external': 'silent' },
  }));
}

await Promise.all(builds);
// npm links the `gongkai` bin before `prepare` builds it, so the file must make itself executable.
chmodSync('dist/cli.js', 0o755);
