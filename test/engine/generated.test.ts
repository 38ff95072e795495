// The files generated from rule metadata are current, and every user-visible string of the
// extension has its Chinese text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS, RULE_IDS } from '../../server/src/engine';

// This file runs bundled from out/test/engine/.
const root = join(__dirname, '..', '..', '..');
const readJson = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, name), 'utf8'));

test('the settings schema, its texts and the README rule table are generated from the current rules', () => {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'generate.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr + run.stdout);
});

test('every rule id of the contract has a check', () => {
  const checked = new Set(CHECKS.map((check) => check.id));
  assert.deepEqual(RULE_IDS.filter((id) => !checked.has(id)), []);
});

test('every %key% of package.json has an English and a Chinese text', () => {
  const english = Object.keys(readJson('package.nls.json')).sort();
  assert.deepEqual(Object.keys(readJson('package.nls.zh-cn.json')).sort(), english);
  const used = [...readFileSync(join(root, 'package.json'), 'utf8').matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
  assert.deepEqual(used.filter((key) => !english.includes(key)), []);
});

test('every string the client localises has a Chinese translation, and no translation is unused', () => {
  const dir = join(root, 'client', 'src');
  const strings = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const match of source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) strings.add(match[1].replace(/\\(.)/g, '$1'));
  }
  assert.ok(strings.size > 0);
  assert.deepEqual(Object.keys(readJson('l10n/bundle.l10n.zh-cn.json')).sort(), [...strings].sort());
});
