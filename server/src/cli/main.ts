// The `gongkai` commands: check (files and folders, in any output format, fixes written back),
// dump (the parsed model), merge (several runs' JSON into one summary).
import { dumpReport, parseReport, type Locale } from '../engine';
import { localized } from '../engine/rule';
import { namedPreviousYear } from '../config/project';
import { writeFileAtomic } from '../documents/atomic';
import { VERSION } from './about';
import { parseCheckArgs, parseMergeArgs, UsageError, USAGE, type CheckArgs, type OutputFormat } from './args';
import type { CarryOverPair, CarryOverTask, CheckTask } from './check-file';
import { collectFiles, realpathOrSelf } from './files';
import { toCsv } from './output/csv';
import { escapeControls } from './output/escape';
import { toHtml, type RunFacts } from './output/html';
import { fromJson, toJson } from './output/json';
import { toSarif } from './output/sarif';
import { formatProblems, formatText } from './output/text';
import { runTasks } from './pool';
import { progressLine } from './progress';
import { RunProjects } from './project';
import { describeFsError } from './reasons';
import { exitCode, type Diagnostic, type FileResult } from './results';
import { readSource, REPORT_EXTENSIONS, SourceError } from './sources';

export interface Io {
  /** Standard output, whole text at once. */
  out: (text: string) => void;
  /** One line of diagnostics for the user (stderr). */
  err: (line: string) => void;
  /** The terminal for the progress line, when stderr is one. */
  progress?: NodeJS.WriteStream;
  /** The CLI bundle, which worker threads run; without it everything runs in this thread. */
  workerScript?: string;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(line + '\n'),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'check') return await runCheck(parseCheckArgs(rest), io);
    if (command === 'merge') return await runMerge(rest, io);
    if (command === 'dump') return await runDump(rest, io);
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE + '\n');
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(`gongkai ${VERSION}\n`);
      return 0;
    }
    throw new UsageError(command ? `未知命令 / unknown command: ${escapeControls(command)}` : '缺少命令 / no command');
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(escapeControls(error.message));
      io.err(USAGE);
      return 2;
    }
    io.err(`gongkai: ${escapeControls((error as Error).stack ?? String(error))}`);
    return 2;
  }
}

async function runCheck(args: CheckArgs, io: Io): Promise<number> {
  if (args.help) {
    io.out(USAGE + '\n');
    return 0;
  }
  const { locale } = args;
  const entries = collectFiles(args.paths);
  const projects = new RunProjects();
  const tasks: CheckTask[] = [];
  for (const entry of entries) {
    if (entry.reason) continue;
    const project = projects.of(entry.path);
    // Contract: the project file's rules apply, and --rule on the command line wins over them.
    const rules = { ...project?.config.rules, ...args.rules };
    tasks.push({ path: entry.path, explicit: entry.explicit, fix: args.fix, rules, ...(project ? { project } : {}) });
  }
  for (const line of projects.problems(locale)) io.err(line);

  const progress = io.progress && !args.quiet && tasks.length > 1 ? progressLine(tasks.length, locale, io.progress) : undefined;
  const failed = (task: { path: string }, error: string): FileResult => ({
    file: task.path,
    status: 'unreadable',
    reason: localized(`检查时出错：${error}`, `failed while checking: ${error}`),
    diagnostics: [],
  });
  const checked = await runTasks('check', tasks, { jobs: args.jobs, workerScript: io.workerScript, onDone: (i) => progress?.done(tasks[i].path) }, failed);
  progress?.end();
  await addCarryOver(checked, tasks, args, io);

  // Entries set aside by the walk keep their place among the files read.
  let next = 0;
  const results: FileResult[] = entries.map((entry) =>
    entry.reason ? { file: entry.path, status: 'unreadable', reason: entry.reason, diagnostics: [] } : checked[next++],
  );

  for (const line of formatProblems(results, locale)) io.err(line);
  if (!results.some((r) => r.status === 'checked')) {
    const where = args.paths.map(escapeControls).join(' ');
    const kinds = [...REPORT_EXTENSIONS].join(' ');
    io.err(locale === 'en' ? `No annual report found in ${where} (files looked for: ${kinds}).` : `在 ${where} 中没有找到年度报告（查找的文件：${kinds}）。`);
  }
  const code = exitCode(results);
  const written = emit(results, args.format, locale, args.summary, args.output, io, { at: new Date(), version: VERSION, inputs: args.paths });
  return written ? code : 2;
}

/** Pairs compared in one task: enough to share the reading of last year's report, few enough to spread over the workers. */
const PAIRS_PER_TASK = 16;

/**
 * Each report compared with last year's for carry-over: the one its project file names, else the
 * report of the same body and the year before among the files of this run.
 */
async function addCarryOver(results: FileResult[], tasks: CheckTask[], args: CheckArgs, io: Io): Promise<void> {
  const key = (body: string, year: number) => `${body}\u0000${year}`;
  const byBodyYear = new Map<string, FileResult>();
  const reports = results.filter((r) => r.status === 'checked');
  for (const r of reports) if (r.body && r.year !== undefined && !byBodyYear.has(key(r.body, r.year))) byBodyYear.set(key(r.body, r.year), r);
  const byRealPath = new Map(reports.map((r) => [realpathOrSelf(r.file), r.file]));
  const paired: { result: FileResult; pair: CarryOverPair; body: string; year: number }[] = [];
  results.forEach((result, i) => {
    const task = tasks[i];
    if (result.status !== 'checked' || task.rules['carry-over'] === 'off') return;
    const named = task.project && namedPreviousYear(task.project, task.path);
    const previousPath = named !== undefined ? byRealPath.get(realpathOrSelf(named)) ?? named : result.body && result.year !== undefined ? byBodyYear.get(key(result.body, result.year - 1))?.file : undefined;
    if (previousPath === undefined) return;
    const pair: CarryOverPair = { path: result.file, previousPath, severity: task.rules['carry-over'], ...(task.project ? { project: task.project } : {}) };
    paired.push({ result, pair, body: result.body ?? '', year: result.year ?? 0 });
  });
  // One body's years side by side, so a task reads each of its files once.
  paired.sort((a, b) => a.body.localeCompare(b.body) || a.year - b.year);
  const carryTasks: CarryOverTask[] = [];
  for (let i = 0; i < paired.length; i += PAIRS_PER_TASK) carryTasks.push({ pairs: paired.slice(i, i + PAIRS_PER_TASK).map((p) => p.pair) });
  const found = (await runTasks('carry-over', carryTasks, { jobs: args.jobs, workerScript: io.workerScript }, (task) => task.pairs.map(() => undefined))).flat();
  paired.forEach(({ result, pair }, i) => {
    if (!found[i]) return;
    result.comparedWith = pair.previousPath;
    result.diagnostics = [...result.diagnostics, ...found[i]!].sort(byPlace);
  });
}

/** The engine's order: by start, then end, then rule. */
function byPlace(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    a.rule.localeCompare(b.rule)
  );
}

/** Writes the results in one format to stdout or `--output`; false when the output file could not be written. */
function emit(results: FileResult[], format: OutputFormat, locale: Locale, summary: boolean, output: string | undefined, io: Io, facts: RunFacts): boolean {
  const text =
    format === 'json'
      ? JSON.stringify(toJson(results, locale), null, 2) + '\n'
      : format === 'sarif'
        ? JSON.stringify(toSarif(results, locale), null, 2) + '\n'
        : format === 'html'
          ? toHtml(results, locale, facts)
          : format === 'csv'
            ? toCsv(results, locale, summary)
            : formatText(results, locale).join('\n') + '\n';
  if (output === undefined) {
    io.out(text);
    return true;
  }
  try {
    writeFileAtomic(output, new TextEncoder().encode(text));
    return true;
  } catch (error) {
    const reason = describeFsError(error);
    io.err(`${escapeControls(output)}: ${locale === 'en' ? 'cannot write the output' : '无法写入输出文件'}：${reason[locale]}`);
    return false;
  }
}

async function runMerge(rest: string[], io: Io): Promise<number> {
  const args = parseMergeArgs(rest);
  if (args.help) {
    io.out(USAGE + '\n');
    return 0;
  }
  const results: FileResult[] = [];
  let failed = false;
  for (const path of args.paths) {
    try {
      results.push(...fromJson(JSON.parse((await readSource(path)).text)));
    } catch (error) {
      const reason = error instanceof SourceError ? error.reason[args.locale] : (error as Error).message;
      io.err(`${escapeControls(path)}: ${escapeControls(reason)}`);
      failed = true;
    }
  }
  const written = emit(results, args.format, args.locale, args.summary, args.output, io, { at: new Date(), version: VERSION, inputs: args.paths, merged: true });
  if (failed || !written) return 2;
  return exitCode(results);
}

async function runDump(rest: string[], io: Io): Promise<number> {
  if (rest.length !== 1) throw new UsageError('dump 需要一个文件 / dump takes one file');
  try {
    const source = await readSource(rest[0]);
    io.out(JSON.stringify({ file: rest[0], ...(dumpReport(parseReport(source.text)) as object) }, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    io.err(`${escapeControls(rest[0])}: ${error.reason['zh-cn']} / ${error.reason.en}`);
    return 2;
  }
}
