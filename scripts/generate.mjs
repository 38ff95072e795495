// Writes the parts of other files that list the rules, from the rule metadata (the engine's
// CHECKS), so they cannot drift from the code: the `gongkai.rules` settings schema in
// package.json, its texts in package.nls*.json, and the README's rule table between
// <!-- rules:start --> and <!-- rules:end --> (README is left alone when the markers are absent).
//
//   node scripts/generate.mjs          rewrite what is out of date
//   node scripts/generate.mjs --check  change nothing; exit 1 and name the stale files
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkOnly = process.argv.includes('--check');

const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];
const GENERATED_NLS_PREFIX = 'config.rules.';
const FIXABLE = { en: ' (Fixable.)', 'zh-cn': '（可自动修正）' };
const README_START = '<!-- rules:start -->';
const README_END = '<!-- rules:end -->';

/** The engine is TypeScript: bundle the rule metadata into out/ and load it. */
async function loadRules() {
  const outfile = join(root, 'out', 'generate', 'rules.cjs');
  await esbuild.build({
    stdin: {
      contents: "export { CHECKS } from './checks'; export { RULE_IDS } from './types';",
      resolveDir: join(root, 'server', 'src', 'engine'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  delete require.cache[outfile];
  const { CHECKS, RULE_IDS } = require(outfile);
  const seen = new Set();
  for (const check of CHECKS) {
    if (!RULE_IDS.includes(check.id)) throw new Error(`check ${check.id} is not in RULE_IDS (types.ts)`);
    if (seen.has(check.id)) throw new Error(`two checks have the id ${check.id}`);
    seen.add(check.id);
  }
  // The contract's order (RULE_IDS), not the order checks run in.
  return [...CHECKS].sort((a, b) => RULE_IDS.indexOf(a.id) - RULE_IDS.indexOf(b.id));
}

function ruleSettings(rules) {
  return Object.fromEntries(
    rules.map((rule) => [
      rule.id,
      {
        type: 'string',
        enum: SEVERITIES,
        enumDescriptions: SEVERITIES.map((severity) => `%config.severity.${severity}%`),
        default: rule.defaultSeverity,
        markdownDescription: `%${GENERATED_NLS_PREFIX}${rule.id}%`,
      },
    ]),
  );
}

const json = (value) => JSON.stringify(value, null, 2) + '\n';

function packageJson(text, rules) {
  const manifest = JSON.parse(text);
  const setting = manifest.contributes?.configuration?.properties?.['gongkai.rules'];
  if (!setting) throw new Error('package.json has no contributes.configuration.properties["gongkai.rules"]');
  if (JSON.stringify(setting.properties) === JSON.stringify(ruleSettings(rules))) return text;
  setting.properties = ruleSettings(rules);
  return json(manifest);
}

function nls(text, rules, locale) {
  const kept = Object.entries(JSON.parse(text)).filter(([key]) => !key.startsWith(GENERATED_NLS_PREFIX));
  const generated = rules.map((rule) => [
    GENERATED_NLS_PREFIX + rule.id,
    rule.description[locale] + (rule.fixable ? FIXABLE[locale] : ''),
  ]);
  return json(Object.fromEntries([...kept, ...generated]));
}

function readmeTable(rules) {
  const cell = (text) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  const lines = [
    '| 规则 rule | 默认级别 default | 可自动修正 fixable | 说明 | description |',
    '|---|---|---|---|---|',
    ...rules.map(
      (rule) =>
        `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.defaultSeverity} | ${rule.fixable ? '✓' : ''} | ` +
        `${cell(rule.description['zh-cn'])} | ${cell(rule.description.en)} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}

function readme(text, rules) {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END, start);
  if (start < 0 || end < 0) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const table = readmeTable(rules).replace(/\n/g, eol);
  return text.slice(0, start + README_START.length) + eol + table + text.slice(end);
}

const rules = await loadRules();
const targets = [
  ['package.json', (text) => packageJson(text, rules)],
  ['package.nls.json', (text) => nls(text, rules, 'en')],
  ['package.nls.zh-cn.json', (text) => nls(text, rules, 'zh-cn')],
  ['README.md', (text) => readme(text, rules)],
];

const stale = [];
for (const [name, generate] of targets) {
  const path = join(root, name);
  if (name === 'README.md' && !existsSync(path)) continue;
  const before = readFileSync(path, 'utf8');
  const after = generate(before);
  if (after === before) continue;
  stale.push(name);
  if (!checkOnly) writeFileSync(path, after);
}

if (checkOnly && stale.length > 0) {
  console.error(`Out of date (run \`node scripts/generate.mjs\`): ${stale.join(', ')}`);
  process.exit(1);
}
if (!checkOnly) console.log(stale.length > 0 ? `Updated ${stale.join(', ')}` : 'Everything is up to date.');
