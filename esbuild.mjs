// One build for everything: the extension and server bundles (dist/), the CLI, and, with --tests,
// every test and benchmark file bundled on its own into out/ so node's test runner can load it
// on Node 20 without a TypeScript loader.
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow; its ES build bundles.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
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
  // The table preview's page runs in the webview (a browser), not in node.
  esbuild.build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/preview/main.ts'], outfile: 'dist/preview.js' }),
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
  // The .docx fixture of the UI run (run-ui.mjs is plain JavaScript): written by the tests' own writer.
  builds.push(esbuild.build({ ...common, entryPoints: [join('test', 'e2e', 'docx.ts')], outfile: join('out', 'e2e', 'docx.js') }));
}

await Promise.all(builds);
// The PDF reader (server/src/documents/pdf.ts) loads pdf.js at run time from dist/pdfjs/, with the
// character maps and standard fonts without which pdf.js silently drops Chinese text in fonts the
// PDF does not embed. Copied rather than bundled: pdf.js is ESM and only a PDF should load it.
const pdfjs = 'node_modules/pdfjs-dist';
cpSync(`${pdfjs}/legacy/build/pdf.min.mjs`, 'dist/pdfjs/pdf.mjs');
cpSync(`${pdfjs}/legacy/build/pdf.worker.min.mjs`, 'dist/pdfjs/pdf.worker.mjs');
cpSync(`${pdfjs}/cmaps`, 'dist/pdfjs/cmaps', { recursive: true });
cpSync(`${pdfjs}/standard_fonts`, 'dist/pdfjs/standard_fonts', { recursive: true });
cpSync(`${pdfjs}/LICENSE`, 'dist/pdfjs/LICENSE');
// npm links the `gongkai` bin before `prepare` builds it, so the file must make itself executable.
chmodSync('dist/cli.js', 0o755);
