// A supervising office's folder run: `gongkai check DIR` over generated reports on one thread and on
// one worker per core, process start included, the figures a national run would be planned with.
import { spawnSync } from 'node:child_process';
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
  singleReportsPerSec: number;
  workersReportsPerSec: number;
  /** Workers' rate ÷ one thread's (target ≥ 1.8 on 2 cores). */
  speedup: number;
}

export function folderRun(cli: string, quick: boolean, progress: (what: string) => void): FolderFigures {
  const count = quick ? 100 : 1000;
  const runs = quick ? 1 : 3;
  const jobs = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-folder-'));
  try {
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    for (let i = 0; i < count; i++) {
      const errors = i % 4 === 0 ? 1 + (i % 3) : 0;
      const { text } = generateReport(5000 + i, { layout: LAYOUTS[i % LAYOUTS.length], errors });
      writeFileSync(join(reports, `report-${String(i).padStart(4, '0')}.txt`), text);
    }
    // One thread and the workers take turns, so that a change in the machine's load hits both alike.
    const samples: Record<'single' | 'workers', number[]> = { single: [], workers: [] };
    for (let run = 0; run < runs; run++) {
      for (const kind of ['single', 'workers'] as const) {
        progress(`folder: gongkai check --jobs ${kind === 'single' ? 1 : jobs} over ${count} reports (run ${run + 1}/${runs})`);
        const t0 = performance.now();
        const result = spawnSync(process.execPath, [cli, 'check', '--quiet', '--jobs', String(kind === 'single' ? 1 : jobs), '--format', 'json', '--output', join(dir, 'out.json'), reports], {
          cwd: dir,
          stdio: 'ignore',
        });
        if (result.error || result.status === null || result.status > 1) throw new Error(`gongkai check failed: ${result.error ?? result.status}`);
        samples[kind].push((performance.now() - t0) / 1000);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const singleSeconds = median(samples.single);
    const workersSeconds = median(samples.workers);
    const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
    return {
      reports: count,
      runs,
      jobs,
      singleSeconds: round(singleSeconds, 2),
      workersSeconds: round(workersSeconds, 2),
      singleReportsPerSec: round(count / singleSeconds, 0),
      workersReportsPerSec: round(count / workersSeconds, 0),
      speedup: round(singleSeconds / workersSeconds, 2),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function folderLine(f: FolderFigures): string {
  return (
    `Folder run over ${f.reports} generated reports (median of ${f.runs}, process start included): one thread ${f.singleReportsPerSec} reports/s (${f.singleSeconds} s), ` +
    `${f.jobs} workers ${f.workersReportsPerSec} reports/s (${f.workersSeconds} s), ${f.speedup}× (target ≥ 1.8)`
  );
}
