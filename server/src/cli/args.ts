// The command line as the contract (../shared/spec/contract.md) names it: parsing and the usage text.
import { availableParallelism } from 'node:os';
import { RULE_IDS, type Locale, type RuleId, type SeveritySetting } from '../engine';

export const USAGE = `用法 / usage:
  gongkai check [--format text|json|sarif|html|csv] [--output FILE] [--fix] [--locale zh-cn|en]
                [--rule RULE=off|hint|info|warning|error]... [--jobs N] [--quiet] [--summary] <file|dir>...
  gongkai dump <file>
  gongkai merge [--format html|csv|json] [--output FILE] [--locale zh-cn|en] [--summary] <result.json>...
  gongkai --help | -h | --version

  --format   text（默认 default）, json, sarif, html（汇总页 summary page）, csv（每个问题一行 one line per finding）
  --output   写入文件而不是标准输出 / write to FILE instead of stdout
  --fix      把可自动修正的问题写回文件（纯文本、.docx）/ write every safe fix into the file (plain text, .docx)
  --jobs     并行线程数，默认每个 CPU 核一个 / worker threads, one per core by default
  --quiet    不显示进度 / no progress line on stderr
  --summary  csv：每份报告一行 / csv: one line per report

文件按内容识别 / files are read by their content: .txt .md .docx .doc .wps .html .htm .shtml .pdf
每个文件向上最近的 .gongkai.json 适用，--rule 优先 / the nearest .gongkai.json up the folder tree applies; --rule wins

退出码 / exit codes: 0 无错误 no errors · 1 有错误 errors found ·
  2 用法错误、文件无法读取或写入、未找到报告 bad usage, a file unreadable or not written, no report found`;

export class UsageError extends Error {}

const SEVERITIES: SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export type OutputFormat = 'text' | 'json' | 'sarif' | 'html' | 'csv';

export interface CheckArgs {
  format: OutputFormat;
  output?: string;
  fix: boolean;
  locale: Locale;
  rules: Partial<Record<RuleId, SeveritySetting>>;
  jobs: number;
  quiet: boolean;
  summary: boolean;
  help: boolean;
  paths: string[];
}

type MergeArgs = Pick<CheckArgs, 'output' | 'locale' | 'summary' | 'help' | 'paths'> & { format: 'html' | 'csv' | 'json' };

/** Reads `--name value` and `--name=value` options; everything not an option is a path. */
function scan(args: string[], handle: (name: string, value: () => string) => boolean): string[] {
  const paths: string[] = [];
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      if (eq >= 0) return arg.slice(eq + 1);
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${name} 缺少取值 / needs a value`);
      return next;
    };
    if (!handle(name, value)) throw new UsageError(`未知选项 / unknown option: ${name}`);
  }
  return paths;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name}: 未知取值 / unknown value "${value}" (${allowed.join(', ')})`);
  return value as T;
}

function common(parsed: { locale: Locale; output?: string; summary: boolean; help: boolean }, name: string, value: () => string): boolean {
  if (name === '--locale') parsed.locale = oneOf('--locale', value().toLowerCase(), ['zh-cn', 'en'] as const);
  else if (name === '--output' || name === '-o') parsed.output = value();
  else if (name === '--summary') parsed.summary = true;
  else if (name === '--help' || name === '-h') parsed.help = true;
  else return false;
  return true;
}

export function parseCheckArgs(args: string[]): CheckArgs {
  const parsed: CheckArgs = { format: 'text', fix: false, locale: 'zh-cn', rules: {}, jobs: availableParallelism(), quiet: false, summary: false, help: false, paths: [] };
  parsed.paths = scan(args, (name, value) => {
    if (name === '--fix') parsed.fix = true;
    else if (name === '--quiet' || name === '-q') parsed.quiet = true;
    else if (name === '--format') parsed.format = oneOf('--format', value(), ['text', 'json', 'sarif', 'html', 'csv'] as const);
    else if (name === '--jobs' || name === '-j') {
      const jobs = value();
      if (!/^[1-9]\d{0,3}$/.test(jobs)) throw new UsageError(`--jobs: 需要 1 到 9999 的整数 / needs a whole number from 1 to 9999, not "${jobs}"`);
      parsed.jobs = Number(jobs);
    } else if (name === '--rule') {
      const setting = value();
      const [rule, severity] = setting.split('=');
      if (!(RULE_IDS as readonly string[]).includes(rule)) throw new UsageError(`未知规则 / unknown rule: ${rule}`);
      parsed.rules[rule as RuleId] = oneOf(`--rule ${rule}`, severity ?? '', SEVERITIES);
    } else return common(parsed, name, value);
    return true;
  });
  if (parsed.summary && parsed.format !== 'csv') throw new UsageError('--summary 只用于 --format csv / --summary goes with --format csv');
  if (!parsed.help && parsed.paths.length === 0) throw new UsageError('缺少文件或目录 / no file or folder given');
  return parsed;
}

export function parseMergeArgs(args: string[]): MergeArgs {
  const parsed: MergeArgs = { format: 'html', locale: 'zh-cn', summary: false, help: false, paths: [] };
  parsed.paths = scan(args, (name, value) => {
    if (name === '--format') parsed.format = oneOf('--format', value(), ['html', 'csv', 'json'] as const);
    else return common(parsed, name, value);
    return true;
  });
  if (parsed.summary && parsed.format !== 'csv') throw new UsageError('--summary 只用于 --format csv / --summary goes with --format csv');
  if (!parsed.help && parsed.paths.length === 0) throw new UsageError('缺少结果文件 / no result file given (gongkai check --format json --output FILE)');
  return parsed;
}
