// Writes the parts of other files that list the rules, from the rule metadata (the engine's
// CHECKS), so they cannot drift from the code: the `gongkai.rules` settings schema in
// package.json, its texts in package.nls*.json, the JSON schema of the project file `.gongkai.json`
// (schemas/gongkai.schema.json, contributed through jsonValidation), and the README's rule table
// between <!-- rules:start --> and <!-- rules:end --> (README is left alone when the markers are absent).
//
//   node scripts/generate.mjs          rewrite what is out of date
//   node scripts/generate.mjs --check  change nothing; exit 1 and name the stale files
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
      contents:
        "export { CHECKS } from './checks'; export { RULE_IDS } from './types'; " +
        "export { BODY_LEVELS, PROJECT_FILE, SEVERITY_SETTINGS } from '../config/project';",
      resolveDir: join(root, 'server', 'src', 'engine'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    // As in esbuild.mjs: jsonc-parser's UMD "main" does not bundle.
    alias: { 'jsonc-parser': join(root, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') },
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  delete require.cache[outfile];
  const { CHECKS, RULE_IDS, BODY_LEVELS, PROJECT_FILE, SEVERITY_SETTINGS } = require(outfile);
  Object.assign(project, { BODY_LEVELS, PROJECT_FILE, SEVERITY_SETTINGS });
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

/** What config/project.ts reads, filled in by loadRules. */
const project = {};

const LEVEL_DESCRIPTIONS = {
  乡镇: '乡镇人民政府、街道办事处及其所属机构 / a township government or street office',
  县级: '县、县级市、区、旗的政府及其部门 / a county-level government or its department',
  市级: '设区的市、自治州的政府及其部门 / a prefecture-level city government or its department',
  省级: '省、自治区、直辖市的政府及其部门 / a provincial government or its department',
  部门: '国务院部门等其他机关 / a central department or other body',
};

/** The JSON schema of .gongkai.json (texts in both languages: a schema file has no translations). */
function projectSchema(rules) {
  const severity = {
    type: 'string',
    enum: project.SEVERITY_SETTINGS,
  };
  const ruleIds = rules.map((rule) => rule.id);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: project.PROJECT_FILE,
    description: 'Gongkai 项目文件：本文件夹及其子文件夹中年度报告的检查设置（编辑器与命令行共用）。 / Gongkai project file: how the annual reports in this folder and below are checked, by the editor and the command line alike.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        description: '各规则的级别，优先于 VS Code 设置 gongkai.rules。 / Severity per rule; wins over the VS Code setting gongkai.rules.',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          rules.map((rule) => [
            rule.id,
            { ...severity, default: rule.defaultSeverity, description: `${rule.description['zh-cn']} / ${rule.description.en}` },
          ]),
        ),
      },
      ignore: {
        description: '逐条忽略的问题（用快速修复“忽略此问题”添加）；所锚定的原文改变后问题重新显示。 / Findings ignored one by one (added by the quick fix "Ignore this finding"); one shows again when its anchored text changes.',
        type: 'array',
        items: {
          type: 'object',
          required: ['file', 'rule', 'text'],
          additionalProperties: false,
          properties: {
            file: { type: 'string', description: '报告文件，相对于本文件所在文件夹。 / The report, relative to this file\'s folder.' },
            rule: { type: 'string', enum: ruleIds },
            anchor: { type: 'string', description: '表格/行/列，如 requests/partial/total；正文中的问题无此项。 / table/row/column, e.g. requests/partial/total; absent for a finding in prose.' },
            text: { type: 'string', description: '忽略时所锚定的原文。 / The anchored text when the finding was ignored.' },
          },
        },
      },
      level: {
        description: '报告机关的层级，供 implausible 规则判断（如乡镇、县级机关不制定规章）。 / The body\'s level, for the implausible rule (e.g. a township or county body makes no 规章).',
        type: 'string',
        enum: project.BODY_LEVELS,
        enumDescriptions: project.BODY_LEVELS.map((level) => LEVEL_DESCRIPTIONS[level]),
      },
      previousYear: {
        description: '上一年度报告（供 carry-over 规则比较结转数），相对于本文件所在文件夹；未填写时在同一文件夹中按机关名称和年度查找。受限模式下，文件夹之外的路径不读取。 / Last year\'s report for carry-over, relative to this file\'s folder; when absent it is looked for in the same folder by body and year. In Restricted Mode a path outside the folder is not read.',
        oneOf: [
          { type: 'string' },
          { type: 'object', additionalProperties: { type: 'string' }, description: '{ "本年报告": "上年报告" } / { "this year\'s report": "last year\'s report" }' },
        ],
      },
    },
  };
}

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
  ['schemas/gongkai.schema.json', () => json(projectSchema(rules))],
];

const stale = [];
for (const [name, generate] of targets) {
  const path = join(root, name);
  if (name === 'README.md' && !existsSync(path)) continue;
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const after = generate(before);
  if (after === before) continue;
  stale.push(name);
  if (!checkOnly) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, after);
  }
}

if (checkOnly && stale.length > 0) {
  console.error(`Out of date (run \`node scripts/generate.mjs\`): ${stale.join(', ')}`);
  process.exit(1);
}
if (!checkOnly) console.log(stale.length > 0 ? `Updated ${stale.join(', ')}` : 'Everything is up to date.');
