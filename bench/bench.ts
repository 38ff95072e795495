// `npm run bench`: the full check (parse + every rule) of each seed report, median and p95 after
// warm-up. Prints figures only; speed is never asserted in a test.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkText } from '../server/src/engine';

const repoRoot = resolve(__dirname, '..', '..');
const seedsDir = resolve(repoRoot, '..', 'shared', 'seeds');

export interface Timing {
  medianMs: number;
  p95Ms: number;
  runs: number;
}

/** Time `work` over enough runs for a stable median: warm-up first so the JIT has settled. */
export function measure(work: () => void, minRuns = 200, minMs = 500): Timing {
  for (let i = 0; i < 50; i++) work();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < minMs) {
    const t0 = performance.now();
    work();
    samples.push(performance.now() - t0);
    if (samples.length >= 100_000) break;
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { medianMs: at(0.5), p95Ms: at(0.95), runs: samples.length };
}

function main(): void {
  const json = process.argv.includes('--json');
  const rows: { input: string; kb: number; findings: number; timing: Timing }[] = [];
  for (const name of readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).sort()) {
    const text = readFileSync(join(seedsDir, name), 'utf8');
    const findings = checkText(text).findings.length;
    rows.push({ input: name, kb: Buffer.byteLength(text) / 1024, findings, timing: measure(() => checkText(text)) });
  }
  if (json) {
    console.log(JSON.stringify({ node: process.version, fullCheck: rows.map((r) => ({ input: r.input, kb: r.kb, oursMs: r.timing.medianMs, oursP95Ms: r.timing.p95Ms, runs: r.timing.runs })) }));
    return;
  }
  console.log(`Full check (parse + all rules), node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log('input                          KB   findings   median ms   p95 ms   runs');
  for (const r of rows) {
    console.log(
      `${r.input.padEnd(28)} ${r.kb.toFixed(1).padStart(5)} ${String(r.findings).padStart(10)} ${r.timing.medianMs.toFixed(3).padStart(11)} ${r.timing.p95Ms.toFixed(3).padStart(8)} ${String(r.timing.runs).padStart(6)}`,
    );
  }
}

main();
