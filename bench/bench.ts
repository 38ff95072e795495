// `npm run bench`: how fast the engine, the server and the CLI are, side by side with peers run on
// the same text in the same process (markdownlint, autocorrect-node) and with a floor (one regex per
// line). Every figure is a median (and p95) of repeated runs after warm-up; figures are printed,
// never asserted. `--json` prints one JSON object instead of the table; `--quick` is a smoke run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintFor } from 'autocorrect-node';
import { checkText, CheckSession, type Report } from '../server/src/engine';
import { LspClient, fileUri, sleep } from '../test/protocol/lsp-client';
import { generateReport, LAYOUTS, random, typicalReport } from './reports';
import { folderLine, folderRun, type FolderFigures } from './folder';
import { documentsBench, printDocuments, type DocumentFigures } from './documents';

const repoRoot = resolve(__dirname, '..', '..');
const seedsDir = resolve(repoRoot, '..', 'shared', 'seeds');
const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');

/** Progress goes to stderr so that `--json` leaves stdout to the one JSON object. */
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Statistics

interface Stats {
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  runs: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { medianMs: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), runs: sorted.length };
}

/** Keeps results alive so the JIT cannot drop the work being timed. */
let sink = 0;

/**
 * Times several contenders on the same input, interleaved run by run so that a burst of load from
 * elsewhere on the machine hits all of them alike. Warm-up first; then at least `minRuns` runs and
 * `budgetMs` of work per contender, capped so a slow peer on a long input cannot stall the bench.
 */
function race(contenders: Record<string, () => unknown>, minRuns: number, budgetMs: number): Record<string, Stats> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const spent: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const name of names) {
    const warmStart = performance.now();
    for (let i = 0; i < 20 && performance.now() - warmStart < budgetMs / 4; i++) sink ^= Number(Boolean(contenders[name]()));
  }
  const done = (name: string) => samples[name].length >= 2000 || (samples[name].length >= minRuns && spent[name] >= budgetMs);
  while (!names.every(done)) {
    for (const name of names) {
      if (done(name)) continue;
      const t0 = performance.now();
      sink ^= Number(Boolean(contenders[name]()));
      const ms = performance.now() - t0;
      samples[name].push(ms);
      spent[name] += ms;
    }
  }
  return Object.fromEntries(names.map((n) => [n, stats(samples[n])]));
}

// ---------------------------------------------------------------------------------------------
// Full check against peers

// The floor: what any line-based checker must at least do, split the text and test each line once.
const FLOOR_PATTERN = /^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)|\d+\s*$/;
function floor(text: string): number {
  let hits = 0;
  for (const line of text.split('\n')) if (FLOOR_PATTERN.test(line)) hits++;
  return hits;
}

interface FullCheckRow {
  input: string;
  kb: number;
  findings: number;
  oursMs: number;
  oursP95Ms: number;
  markdownlintMs: number;
  markdownlintP95Ms: number;
  autocorrectMs: number;
  autocorrectP95Ms: number;
  floorMs: number;
  floorP95Ms: number;
  runs: number;
}

type Lint = (options: { strings: Record<string, string> }) => unknown;

async function fullCheck(): Promise<FullCheckRow[]> {
  // markdownlint 0.42 is ESM only; its sync entry runs every default rule.
  const { lint } = (await import('markdownlint/sync')) as { lint: Lint };
  const typical = typicalReport();
  const inputs: [string, string][] = [['typical x1', typical]];
  for (const name of readdirSync(seedsDir).filter((n) => n.endsWith('.txt')).sort()) {
    inputs.push([`seed ${name.slice(0, 3)}`, readFileSync(join(seedsDir, name), 'utf8')]);
  }
  inputs.push(['typical x10', Array(10).fill(typical).join('\n')], ['typical x30', Array(30).fill(typical).join('\n')]);
  // Warm every contender on every input first: otherwise the first input measured pays for the JIT.
  const warmUntil = performance.now() + (quick ? 500 : 3000);
  while (performance.now() < warmUntil) {
    for (const [, text] of inputs.slice(0, -2)) sink ^= checkText(text).findings.length + floor(text) + Number(Boolean(lint({ strings: { report: text } }))) + lintFor(text, 'report.txt').lines.length;
  }
  const rows: FullCheckRow[] = [];
  for (const [input, text] of inputs) {
    progress(`full check: ${input}`);
    const timed = race(
      {
        ours: () => checkText(text),
        markdownlint: () => lint({ strings: { report: text } }),
        // Reports are plain text; the .txt file type makes autocorrect lint every line as prose.
        autocorrect: () => lintFor(text, 'report.txt'),
        floor: () => floor(text),
      },
      quick ? 5 : 30,
      quick ? 100 : 1500,
    );
    rows.push({
      input,
      kb: round(Buffer.byteLength(text) / 1024, 1),
      findings: checkText(text).findings.length,
      oursMs: round(timed.ours.medianMs),
      oursP95Ms: round(timed.ours.p95Ms),
      markdownlintMs: round(timed.markdownlint.medianMs),
      markdownlintP95Ms: round(timed.markdownlint.p95Ms),
      autocorrectMs: round(timed.autocorrect.medianMs),
      autocorrectP95Ms: round(timed.autocorrect.p95Ms),
      floorMs: round(timed.floor.medianMs, 4),
      floorP95Ms: round(timed.floor.p95Ms, 4),
      runs: Math.min(...Object.values(timed).map((s) => s.runs)),
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Re-check after a one-cell edit

/** Numeric cells of the report's tables, where a clerk would correct a value. */
function numericCells(report: Report) {
  return report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c) => c.kind === 'number')));
}

interface EditFigures {
  /** TextDocument.update + a session's check, as the server does it. */
  session: Stats;
  /** TextDocument.update + a full check of the same text, as before sessions. */
  full: Stats;
  edits: number;
  /** How the session came by its tables over all the edits. */
  tables: { read: number; retyped: number; reused: number };
}

/**
 * A clerk corrects one cell: the value is overwritten, then put back, each edit applied to a
 * TextDocument and followed by a check. Every check thus sees the report with at most one wrong
 * cell, as while typing, never an accumulation of random values. The session and the full check
 * are timed on the same edits, interleaved.
 */
function editRecheck(): EditFigures {
  const rounds = quick ? 2 : 10;
  const rand = random(7);
  const document = TextDocument.create('file:///typical.txt', 'plaintext', 1, typicalReport());
  const cells = numericCells(checkText(document.getText()).report);
  const session = new CheckSession();
  session.check(document.getText());
  const samples = { session: [] as number[], full: [] as number[] };
  const tables = { read: 0, retyped: 0, reused: 0 };
  const edit = (start: number, end: number, text: string, measured: boolean) => {
    const t0 = performance.now();
    TextDocument.update(document, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text }], document.version + 1);
    sink ^= session.check(document.getText()).findings.length;
    const t1 = performance.now();
    sink ^= checkText(document.getText()).findings.length;
    const t2 = performance.now();
    if (!measured) return;
    samples.session.push(t1 - t0);
    samples.full.push(t2 - t1);
    for (const key of ['read', 'retyped', 'reused'] as const) tables[key] += session.lastRun[key];
  };
  for (let round = 0; round <= rounds; round++) {
    for (let i = 0; i < 50; i++) {
      const cell = cells[Math.floor(rand() * cells.length)];
      const changed = String(Math.floor(rand() * 200));
      // Round 0 is the warm-up.
      edit(cell.span.start, cell.span.end, changed, round > 0);
      edit(cell.span.start, cell.span.start + changed.length, cell.raw, round > 0);
    }
  }
  return { session: stats(samples.session), full: stats(samples.full), edits: samples.session.length, tables };
}

// ---------------------------------------------------------------------------------------------
// Memory of a session over many edits

interface MemoryFigures {
  edits: number;
  liveHeapBeforeMb: number;
  liveHeapAfterMb: number;
  rssBeforeMb: number;
  rssAfterMb: number;
}

const collectGarbage = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const liveHeap = () => {
  collectGarbage();
  return round(process.memoryUsage().heapUsed / 2 ** 20, 1);
};

/**
 * 10,000 edits of one document through one session, in this process: cells retyped and restored,
 * prose typed and deleted, a line added at the top and removed. The live heap after a full GC, and
 * the RSS, before and after: a session holds one document's parts, whatever the edits.
 */
function sessionMemory(): MemoryFigures {
  const count = quick ? 1000 : 10_000;
  const rand = random(13);
  let text = typicalReport();
  const session = new CheckSession();
  session.check(text);
  const heapBefore = liveHeap();
  const rssBefore = round(process.memoryUsage().rss / 2 ** 20, 1);
  for (let i = 0; i < count; i++) {
    const report = session.check(text).report;
    const kind = rand();
    if (kind < 0.6) {
      const cells = numericCells(report);
      const cell = cells[Math.floor(rand() * cells.length)];
      text = text.slice(0, cell.span.start) + String(Math.floor(rand() * 500)) + text.slice(cell.span.end);
    } else if (kind < 0.9) {
      // At the start of the line under the first heading: the overview's prose.
      const at = text.indexOf('\n', report.sections[0]?.headingSpan.end ?? 0) + 1;
      text = rand() < 0.5 ? text.slice(0, at) + PROSE_TO_TYPE.slice(0, 1 + Math.floor(rand() * 6)) + text.slice(at) : text.slice(0, at) + text.slice(at).replace(/^[^\n]{1,6}/, '');
    } else {
      text = text.startsWith('附：\n') ? text.slice(3) : '附：\n' + text;
    }
  }
  return { edits: count, liveHeapBeforeMb: heapBefore, liveHeapAfterMb: liveHeap(), rssBeforeMb: rssBefore, rssAfterMb: round(process.memoryUsage().rss / 2 ** 20, 1) };
}

// ---------------------------------------------------------------------------------------------
// Keystroke to diagnostics over LSP

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: round(kb('VmRSS') / 1024, 1), peak: round(kb('VmHWM') / 1024, 1) };
}

// Preloaded into the server (NODE_OPTIONS=--require): on SIGUSR2 a full GC, then the live heap on
// stderr. RSS alone cannot tell a leak from V8 keeping the pages its heap grew into.
const HEAP_PROBE = `const v8 = require('v8');
v8.setFlagsFromString('--expose-gc');
const gc = require('vm').runInNewContext('gc');
process.on('SIGUSR2', () => { gc(); process.stderr.write('gongkai-heap ' + process.memoryUsage().heapUsed + '\\n'); });
`;

async function liveHeapMb(client: LspClient): Promise<number> {
  const seen = client.stderr.length;
  client.process.kill('SIGUSR2');
  for (let waited = 0; waited < 5_000; waited += 10) {
    const bytes = /gongkai-heap (\d+)/.exec(client.stderr.slice(seen))?.[1];
    if (bytes) return round(Number(bytes) / 2 ** 20, 1);
    await sleep(10);
  }
  throw new Error('the heap probe did not answer');
}

interface LspFigures {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  keystrokes: number;
  proseP99Ms: number;
  cellP99Ms: number;
  serverCheckMedianMs: number;
  serverCheckP99Ms: number;
  arithmeticDelayMs: number;
  debounceMedianMs: number;
  debounceSamples: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  rssPeakMb: number;
  liveHeapBeforeMb: number;
  liveHeapAfterMb: number;
  /** With the table preview open: keystroke to the preview of that version (p50, p99). */
  previewP50Ms?: number;
  previewP99Ms?: number;
}

const PROSE_TO_TYPE = '本年度进一步加强政务公开工作，主动回应社会关切，提升公开质量。';

async function startProbedServer(probe: string, settings: Record<string, unknown>): Promise<LspClient> {
  writeFileSync(probe, HEAP_PROBE);
  const previous = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${previous ?? ''} --require ${probe}`.trim();
  try {
    return await LspClient.start({ settings });
  } finally {
    if (previous === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previous;
  }
}

/** `preview`: with the table preview of the document open, as a clerk with it beside the editor. */
async function keystrokes(preview = false): Promise<LspFigures> {
  const arithmeticDelay = 300;
  const probeDir = mkdtempSync(join(tmpdir(), 'gongkai-probe-'));
  const client = await startProbedServer(join(probeDir, 'heap-probe.js'), { arithmeticDelay });
  try {
    const uri = fileUri('bench-typing.txt');
    await client.open(uri, typicalReport(), 'gongkai-report');
    await client.waitForDiagnostics(uri, 1);
    const previewLatencies: number[] = [];
    if (preview) {
      await client.connection.sendNotification('gongkai/previewSubscription', { uri, open: true });
      await client.waitFor(() => client.previews.find((p) => p.uri === uri), 'the first preview');
    }
    const pid = client.process.pid!;
    const before = rssMb(pid);
    const heapBefore = await liveHeapMb(client);
    const rand = random(11);
    const count = quick ? 200 : 1000;
    const latencies: number[] = [];
    const byKind = { prose: [] as number[], cell: [] as number[] };
    const press = async (kind: keyof typeof byKind, offset: number, length: number, newText: string) => {
      const document = client.document(uri);
      const range = { start: document.positionAt(offset), end: document.positionAt(offset + length) };
      const t0 = performance.now();
      const version = await client.change(uri, [{ range, newText }]);
      await client.waitForDiagnostics(uri, version);
      const ms = performance.now() - t0;
      latencies.push(ms);
      byKind[kind].push(ms);
      if (preview) {
        await client.waitFor(() => client.previews.find((p) => p.uri === uri && p.version === version), `the preview of v${version}`);
        previewLatencies.push(performance.now() - t0);
      }
    };
    // Episodes as a clerk works: a phrase typed at the end of a paragraph, or a digit typed into a
    // table cell and taken back again (which breaks, then restores, the row's totals). The next key
    // goes as soon as the diagnostics of the last one are in: faster than any typist.
    while (latencies.length < count) {
      const current = checkText(client.text(uri)).report;
      if (rand() < 0.5) {
        const paragraphs = current.sections.filter((s) => s.titleId === 'overview' || s.titleId === 'problems');
        const section = paragraphs[Math.floor(rand() * paragraphs.length)];
        let at = section.headingSpan.end + 1 + client.text(uri).slice(section.headingSpan.end + 1).indexOf('\n');
        for (const ch of PROSE_TO_TYPE.slice(0, 5 + Math.floor(rand() * 15))) {
          if (latencies.length >= count) break;
          await press('prose', at, 0, ch);
          at++;
        }
      } else {
        const cells = numericCells(current);
        const cell = cells[Math.floor(rand() * cells.length)];
        for (let i = 0; i < 4 && latencies.length < count; i++) {
          await press('cell', cell.span.end, 0, String(1 + Math.floor(rand() * 9)));
          if (latencies.length < count) await press('cell', cell.span.end, 1, '');
        }
      }
    }
    const typing = stats(latencies);
    const checks = stats(client.statuses.filter((s) => s.uri === uri).map((s) => s.ms));
    await sleep(arithmeticDelay + 200);
    const after = rssMb(pid);
    const heapAfter = await liveHeapMb(client);

    // The held-back arithmetic: a wrong total typed into a row shows after arithmeticDelay.
    const debounce: number[] = [];
    for (let i = 0; i < (quick ? 2 : 8); i++) {
      const report = checkText(client.text(uri)).report;
      const requests = report.tables.find((t) => t.kind === 'requests')!;
      const total = requests.rows.filter((r) => r.cells.length === 7)[i % 10].cells[6];
      const document = client.document(uri);
      const at = document.positionAt(total.span.end);
      const t0 = performance.now();
      const version = await client.change(uri, [{ range: { start: at, end: at }, newText: '7' }]);
      await client.waitForDiagnostics(uri, version, (d) => d.some((x) => x.code === 'row-total'), 10_000);
      debounce.push(performance.now() - t0);
      const typed = client.document(uri);
      await client.change(uri, [{ range: { start: typed.positionAt(total.span.end), end: typed.positionAt(total.span.end + 1) }, newText: '' }]);
      await sleep(arithmeticDelay + 50);
    }
    return {
      p50Ms: round(typing.medianMs),
      p95Ms: round(typing.p95Ms),
      p99Ms: round(typing.p99Ms),
      maxMs: round(Math.max(...latencies)),
      keystrokes: latencies.length,
      proseP99Ms: round(stats(byKind.prose).p99Ms),
      cellP99Ms: round(stats(byKind.cell).p99Ms),
      serverCheckMedianMs: round(checks.medianMs),
      serverCheckP99Ms: round(checks.p99Ms),
      arithmeticDelayMs: arithmeticDelay,
      debounceMedianMs: round(stats(debounce).medianMs),
      debounceSamples: debounce.length,
      rssBeforeMb: before.rss,
      rssAfterMb: after.rss,
      rssPeakMb: after.peak,
      liveHeapBeforeMb: heapBefore,
      liveHeapAfterMb: heapAfter,
      ...(preview ? { previewP50Ms: round(stats(previewLatencies).medianMs), previewP99Ms: round(stats(previewLatencies).p99Ms) } : {}),
    };
  } finally {
    await client.stop();
    rmSync(probeDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// CLI batch

interface CliFigures {
  reports: number;
  reportsPerSec: number;
  peerReportsPerSec: number;
  oursSeconds: number;
  peerSeconds: number;
  runs: number;
}

function cliBatch(): CliFigures {
  const count = quick ? 100 : 1000;
  const runs = quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  try {
    for (let i = 0; i < count; i++) {
      // A quarter carry one to three planted errors; layouts cycle through every kind.
      const errors = i % 4 === 0 ? 1 + (i % 3) : 0;
      const { text } = generateReport(1000 + i, { layout: LAYOUTS[i % LAYOUTS.length], errors });
      writeFileSync(join(dir, `report-${String(i).padStart(4, '0')}.txt`), text);
    }
    const wall = (command: string, args: string[]) => {
      const samples: number[] = [];
      for (let run = 0; run < runs; run++) {
        const t0 = performance.now();
        // cwd is the folder itself so that no configuration file of this repository applies.
        const result = spawnSync(command, args, { cwd: dir, stdio: 'ignore', maxBuffer: 1 << 30 });
        if (result.error || result.status === null || result.status > 1) throw new Error(`${command} ${args.join(' ')} failed: ${result.error ?? result.status}`);
        samples.push(performance.now() - t0);
      }
      return stats(samples).medianMs / 1000;
    };
    progress(`CLI: gongkai check over ${count} reports`);
    const ours = wall(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', dir]);
    progress(`CLI: markdownlint-cli2 over ${count} reports`);
    const peer = wall(process.execPath, [join(repoRoot, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), `${dir}/**/*.txt`]);
    return { reports: count, reportsPerSec: round(count / ours, 0), peerReportsPerSec: round(count / peer, 0), oursSeconds: round(ours), peerSeconds: round(peer), runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function versionOf(name: string): string {
  return JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
}

const load = () => loadavg().map((l) => round(l, 2));

async function main(): Promise<void> {
  const meta = {
    date: new Date().toISOString(),
    quick,
    node: process.version,
    versions: {
      gongkai: JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version,
      markdownlint: versionOf('markdownlint'),
      'markdownlint-cli2': versionOf('markdownlint-cli2'),
      'autocorrect-node': versionOf('autocorrect-node'),
    },
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: round(totalmem() / 2 ** 30, 1), freeGb: round(freemem() / 2 ** 30, 1) },
    loadBefore: load(),
    loadAfter: [] as number[],
  };
  const full = await fullCheck();
  progress('re-check after one-cell edits');
  const edit = editRecheck();
  progress('a session over 10,000 edits');
  const memory = sessionMemory();
  progress('keystrokes over LSP');
  const lsp = await keystrokes();
  progress('keystrokes over LSP with the table preview open');
  const lspPreview = await keystrokes(true);
  const cli = cliBatch();
  const folder = await folderRun(join(repoRoot, 'dist', 'cli.js'), quick, progress);
  const documents = await documentsBench(quick, progress);
  meta.loadAfter = load();

  const typical = full[0];
  const x30 = full.find((r) => r.input === 'typical x30')!;
  const ratios = {
    oursOverMarkdownlint: round(typical.oursMs / typical.markdownlintMs),
    oursOverAutocorrect: round(typical.oursMs / typical.autocorrectMs),
    oursOverFloor: round(typical.oursMs / typical.floorMs, 1),
    x30OverX1: round(x30.oursMs / typical.oursMs, 1),
    markdownlintX30OverX1: round(x30.markdownlintMs / typical.markdownlintMs, 1),
    autocorrectX30OverX1: round(x30.autocorrectMs / typical.autocorrectMs, 1),
    cliOursOverPeer: round(cli.reportsPerSec / cli.peerReportsPerSec, 2),
  };
  const result = {
    meta,
    fullCheck: full,
    ratios,
    edit: {
      p50Ms: round(edit.session.medianMs),
      p95Ms: round(edit.session.p95Ms),
      p99Ms: round(edit.session.p99Ms),
      fullP50Ms: round(edit.full.medianMs),
      fullP95Ms: round(edit.full.p95Ms),
      fullP99Ms: round(edit.full.p99Ms),
      edits: edit.edits,
      tables: edit.tables,
    },
    memory,
    lsp,
    lspPreview,
    cli,
    folder,
    documents,
  };
  if (json) console.log(JSON.stringify(result));
  else printTable(result);
}

function printTable(r: {
  meta: { date: string; node: string; versions: Record<string, string>; machine: { cpus: number; cpu?: string; memGb: number }; loadBefore: number[]; loadAfter: number[]; quick: boolean };
  fullCheck: FullCheckRow[];
  ratios: Record<string, number>;
  edit: { p50Ms: number; p95Ms: number; p99Ms: number; fullP50Ms: number; fullP95Ms: number; fullP99Ms: number; edits: number; tables: EditFigures['tables'] };
  memory: MemoryFigures;
  lsp: LspFigures;
  lspPreview: LspFigures;
  cli: CliFigures;
  folder: FolderFigures;
  documents: DocumentFigures[];
}): void {
  const { meta } = r;
  const out = (line = '') => console.log(line);
  const ms = (v: number, p95: number) => `${v.toFixed(3)} / ${p95.toFixed(3)}`.padStart(17);
  out(`Gongkai bench ${meta.date.slice(0, 16)}Z${meta.quick ? ' (--quick)' : ''}: node ${meta.node}, ` + Object.entries(meta.versions).map(([k, v]) => `${k} ${v}`).join(', '));
  out(`machine: ${meta.machine.cpus} × ${meta.machine.cpu}, ${meta.machine.memGb} GB; load average ${meta.loadBefore.join(' ')} before, ${meta.loadAfter.join(' ')} after`);
  out();
  out('Full check, ms median / p95          KB  findings              ours      markdownlint       autocorrect             floor');
  for (const row of r.fullCheck) {
    out(
      `${row.input.padEnd(33)} ${row.kb.toFixed(1).padStart(6)} ${String(row.findings).padStart(9)} ${ms(row.oursMs, row.oursP95Ms)} ${ms(row.markdownlintMs, row.markdownlintP95Ms)} ${ms(row.autocorrectMs, row.autocorrectP95Ms)} ${`${row.floorMs.toFixed(4)} / ${row.floorP95Ms.toFixed(4)}`.padStart(17)}`,
    );
  }
  const q = r.ratios;
  out();
  out(`Ratios on the typical report: ours ÷ markdownlint ${q.oursOverMarkdownlint} (target ≤ 0.1), ours ÷ autocorrect ${q.oursOverAutocorrect} (≤ 0.5), ours ÷ floor ${q.oursOverFloor} (≤ 10)`);
  out(`Linearity, 30× ÷ 1×: ours ${q.x30OverX1} (≤ 32), markdownlint ${q.markdownlintX30OverX1}, autocorrect ${q.autocorrectX30OverX1}`);
  out();
  const e = r.edit;
  out(`Re-check after a one-cell edit (TextDocument.update + the session's check, ${e.edits} edits): p50 ${e.p50Ms} ms, p95 ${e.p95Ms} ms (target ≤ 0.3), p99 ${e.p99Ms} ms`);
  out(`  tables read ${e.tables.read}, patched (number retyped) ${e.tables.retyped}, reused ${e.tables.reused}; the same edits with a full check: p50 ${e.fullP50Ms} ms, p95 ${e.fullP95Ms} ms, p99 ${e.fullP99Ms} ms`);
  const m = r.memory;
  out(`A session over ${m.edits} edits (cells, prose, a line at the top), in process: live heap after a full GC ${m.liveHeapBeforeMb} → ${m.liveHeapAfterMb} MB, RSS ${m.rssBeforeMb} → ${m.rssAfterMb} MB`);
  const l = r.lsp;
  out(
    `Keystroke → publishDiagnostics over LSP (${l.keystrokes} one-character didChange): p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms, p99 ${l.p99Ms} ms (target ≤ 3), max ${l.maxMs} ms`,
  );
  out(`  p99 typing prose ${l.proseP99Ms} ms, typing in cells ${l.cellP99Ms} ms; the server's own check: median ${l.serverCheckMedianMs} ms, p99 ${l.serverCheckP99Ms} ms`);
  out(`  held-back arithmetic of the typed row (gongkai.arithmeticDelay ${l.arithmeticDelayMs} ms): shown after ${l.debounceMedianMs} ms median (${l.debounceSamples} samples)`);
  out(
    `  server RSS ${l.rssBeforeMb} MB before, ${l.rssAfterMb} MB after (growth ${round(l.rssAfterMb - l.rssBeforeMb, 1)} MB, target < 10), peak ${l.rssPeakMb} MB; ` +
      `live heap after a full GC ${l.liveHeapBeforeMb} → ${l.liveHeapAfterMb} MB`,
  );
  const v = r.lspPreview;
  out(
    `  with the table preview open: p50 ${v.p50Ms} ms, p95 ${v.p95Ms} ms, p99 ${v.p99Ms} ms, max ${v.maxMs} ms; keystroke → preview p50 ${v.previewP50Ms} ms, p99 ${v.previewP99Ms} ms`,
  );
  const c = r.cli;
  out(
    `CLI over ${c.reports} generated reports (median of ${c.runs} run(s), process start included): gongkai check ${c.reportsPerSec} reports/s (${c.oursSeconds} s), markdownlint-cli2 ${c.peerReportsPerSec} reports/s (${c.peerSeconds} s), ratio ${q.cliOursOverPeer}`,
  );
  out(folderLine(r.folder));
  printDocuments(r.documents, out);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
