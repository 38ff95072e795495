// A supervising office's folder run: `gongkai check DIR` over generated reports on one thread, on one
// worker thread per core, and as one single-threaded process per core over shards of the folder (what
// the README's sharding does with GNU parallel), process start included: the figures a national run is
// planned with. The shard figure tells the pool's overhead apart from what the machine itself gives.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateReport, LAYOUTS } from './reports';

export interface FolderFigures {
  reports: number;
  runs: number;
  jobs: number;
  singleSeconds: number;
  workersSeconds: number;
  shardsSeconds: number;
  singleReportsPerSec: number;
  workersReportsPerSec: number;
  shardsReportsPerSec: number;
  /** Workers' rate ÷ one thread's (target ≥ 1.8 on 2 cores). */
  speedup: number;
  /** One process per core over shards ÷ one thread. */
  shardSpeedup: number;
  /** What the machine gives at that moment: one busy loop per core at once ÷ one alone (2 on two free cores). */
  machineSpeedup: number;
}

/** A second of pure arithmetic in a fresh process: what any parallel run can hope for is what these give. */
const SPIN = 'let s = 0; for (let i = 0; i < 7e8; i++) s += i & 7; if (s < 0) console.log(s);';

type Kind = 'single' | 'workers' | 'shards' | 'spin' | 'spins';

export async function folderRun(cli: string, quick: boolean, progress: (what: string) => void): Promise<FolderFigures> {
  const count = quick ? 100 : 1000;
  const runs = quick ? 1 : 3;
  const jobs = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-folder-'));
  try {
    const shards = Array.from({ length: jobs }, (_, i) => join(dir, 'reports', `shard-${i}`));
    for (const shard of shards) mkdirSync(shard, { recursive: true });
    for (let i = 0; i < count; i++) {
      const errors = i % 4 === 0 ? 1 + (i % 3) : 0;
      const { text } = generateReport(5000 + i, { layout: LAYOUTS[i % LAYOUTS.length], errors });
      writeFileSync(join(shards[i % jobs], `report-${String(i).padStart(4, '0')}.txt`), text);
    }
    const run = (args: string[]) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, args, { cwd: dir, stdio: 'ignore' });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`))));
      });
    const check = (args: string[], output: string) =>
      // Carry-over off: the generated reports are a few bodies over five years, so nearly every report
      // has a pair, which shards split by file name would not see; a real office's folder of one year has none.
      run([cli, 'check', '--quiet', '--rule', 'carry-over=off', '--format', 'json', '--output', join(dir, output), ...args]);
    const commands: Record<Kind, () => Promise<unknown>> = {
      single: () => check(['--jobs', '1', join(dir, 'reports')], 'single.json'),
      workers: () => check(['--jobs', String(jobs), join(dir, 'reports')], 'workers.json'),
      shards: () => Promise.all(shards.map((shard, i) => check(['--jobs', '1', shard], `shard-${i}.json`))),
      spin: () => run(['-e', SPIN]),
      spins: () => Promise.all(shards.map(() => run(['-e', SPIN]))),
    };
    // The three take turns, so that a change in the machine's load hits them alike.
    const samples: Record<Kind, number[]> = { single: [], workers: [], shards: [], spin: [], spins: [] };
    for (let round = 0; round < runs; round++) {
      for (const kind of ['single', 'workers', 'shards', 'spin', 'spins'] as const) {
        progress(`folder: ${kind} (run ${round + 1}/${runs})`);
        const t0 = performance.now();
        await commands[kind]();
        samples[kind].push((performance.now() - t0) / 1000);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
    const [single, workers, sharded] = [median(samples.single), median(samples.workers), median(samples.shards)];
    return {
      reports: count,
      runs,
      jobs,
      singleSeconds: round(single, 2),
      workersSeconds: round(workers, 2),
      shardsSeconds: round(sharded, 2),
      singleReportsPerSec: round(count / single, 0),
      workersReportsPerSec: round(count / workers, 0),
      shardsReportsPerSec: round(count / sharded, 0),
      speedup: round(single / workers, 2),
      shardSpeedup: round(single / sharded, 2),
      // The spins do jobs times the work of one.
      machineSpeedup: round((jobs * median(samples.spin)) / median(samples.spins), 2),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function folderLine(f: FolderFigures): string {
  return (
    `Folder run over ${f.reports} generated reports (median of ${f.runs}, process start included, carry-over off): one thread ${f.singleReportsPerSec} reports/s (${f.singleSeconds} s); ` +
    `${f.jobs} worker threads ${f.workersReportsPerSec} reports/s (${f.workersSeconds} s), ${f.speedup}× (target ≥ 1.8); ` +
    `${f.jobs} processes over shards ${f.shardsReportsPerSec} reports/s (${f.shardsSeconds} s), ${f.shardSpeedup}×; ` +
    `the machine itself: ${f.jobs} busy loops at once do ${f.machineSpeedup}× the work of one`
  );
}
