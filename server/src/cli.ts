// The `gongkai` command line: the same engine as the editor, over files and folders.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHECKS,
  checkReport,
  dumpReport,
  fixAll,
  parseReport,
  RULE_IDS,
  type CheckOptions,
  type Finding,
  type Locale,
  type Report,
  type RuleId,
  type SeveritySetting,
} from './engine';
import { reportFormats } from './engine/summary';

const USAGE = `用法 / usage:
  gongkai check [--format text|json|sarif] [--fix] [--locale zh-cn|en] [--rule RULE=off|hint|info|warning|error]... <file|dir>...
  gongkai dump <file>

退出码 / exit codes: 0 无错误 no errors · 1 有错误 errors found · 2 用法错误或文件无法读取 bad usage or unreadable file`;

const SEVERITIES: SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

class UsageError extends Error {}

interface CheckArgs {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  locale: Locale;
  rules: Partial<Record<RuleId, SeveritySetting>>;
  paths: string[];
}

function parseCheckArgs(args: string[]): CheckArgs {
  const parsed: CheckArgs = { format: 'text', fix: false, locale: 'zh-cn', rules: {}, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (name: string) => {
      const inline = arg.includes('=') && arg.startsWith('--') ? arg.slice(arg.indexOf('=') + 1) : undefined;
      if (inline !== undefined) return inline;
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${name} 缺少取值 / needs a value`);
      return next;
    };
    if (arg === '--fix') parsed.fix = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const format = value('--format');
      if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`未知格式 / unknown format: ${format}`);
      parsed.format = format;
    } else if (arg === '--locale' || arg.startsWith('--locale=')) {
      const locale = value('--locale').toLowerCase();
      if (locale !== 'zh-cn' && locale !== 'en') throw new UsageError(`未知语言 / unknown locale: ${locale}`);
      parsed.locale = locale;
    } else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const setting = value('--rule');
      const [rule, severity] = setting.split('=');
      if (!(RULE_IDS as readonly string[]).includes(rule)) throw new UsageError(`未知规则 / unknown rule: ${rule}`);
      if (!SEVERITIES.includes(severity as SeveritySetting)) throw new UsageError(`未知级别 / unknown severity: ${severity ?? ''}`);
      parsed.rules[rule as RuleId] = severity as SeveritySetting;
    } else if (arg.startsWith('-')) throw new UsageError(`未知选项 / unknown option: ${arg}`);
    else parsed.paths.push(arg);
  }
  if (parsed.paths.length === 0) throw new UsageError('缺少文件或目录 / no file or folder given');
  return parsed;
}

function filesOf(path: string): string[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [path];
  const found: string[] = [];
  for (const name of readdirSync(path).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const child = join(path, name);
    const childStat = statSync(child);
    if (childStat.isDirectory()) found.push(...filesOf(child));
    else if (/\.(txt|md)$/i.test(name)) found.push(child);
  }
  return found;
}

/** UTF-8, else GB18030 (what many government machines save), never a silent mojibake. */
export function decode(bytes: Uint8Array): string {
  if (bytes.indexOf(0) >= 0) throw new Error('不是文本文件（含 NUL 字节） / not a text file (contains NUL bytes)');
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (!utf8.includes('\uFFFD')) return utf8.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('无法识别的文本编码（不是 UTF-8 或 GB18030） / unknown text encoding (neither UTF-8 nor GB18030)');
  }
}

interface Checked {
  file: string;
  report: Report;
  findings: Finding[];
}

const SEVERITY_NAMES: Record<Locale, Record<string, string>> = {
  'zh-cn': { error: '错误', warning: '警告', info: '提示', hint: '建议' },
  en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
};

function printText(results: Checked[], locale: Locale, out: (line: string) => void): void {
  let errors = 0;
  let warnings = 0;
  for (const { file, report, findings } of results) {
    for (const finding of findings) {
      const { line, character } = report.lines.positionAt(finding.span.start);
      const fixable = finding.fixes.some((f) => f.preferred) ? (locale === 'en' ? ' (fixable)' : '（可自动修正）') : '';
      out(`${file}:${line + 1}:${character + 1}  ${SEVERITY_NAMES[locale][finding.severity]}  ${finding.rule}  ${finding.message[locale]}${fixable}`);
      if (finding.severity === 'error') errors++;
      if (finding.severity === 'warning') warnings++;
    }
  }
  const files = results.length;
  out(
    locale === 'en'
      ? `${files} file(s) checked: ${errors} error(s), ${warnings} warning(s).`
      : `共检查 ${files} 个文件：${errors} 个错误，${warnings} 个警告。`,
  );
}

function toJson(results: Checked[], locale: Locale): unknown[] {
  return results.map(({ file, report, findings }) => ({
    file,
    year: report.year ?? null,
    formats: reportFormats(report),
    diagnostics: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message[locale],
      range: report.lines.rangeOf(f.span),
      fixes: f.fixes.map((fix) => ({
        title: fix.title[locale],
        ...(fix.preferred ? { preferred: true } : {}),
        edits: fix.edits.map((e) => ({ range: report.lines.rangeOf(e.span), newText: e.newText })),
      })),
    })),
  }));
}

function toSarif(results: Checked[], locale: Locale): unknown {
  const level = (severity: string) => (severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note');
  const region = (report: Report, span: { start: number; end: number }) => {
    const range = report.lines.rangeOf(span);
    return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
  };
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'gongkai',
            rules: CHECKS.map((c) => ({
              id: c.id,
              shortDescription: { text: c.description[locale] },
              defaultConfiguration: { level: level(c.defaultSeverity) },
              helpUri: `docs/rules/${c.id}.md`,
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ file, report, findings }) =>
          findings.map((f) => ({
            ruleId: f.rule,
            level: level(f.severity),
            message: { text: f.message[locale] },
            locations: [{ physicalLocation: { artifactLocation: { uri: file.split('\\').join('/') }, region: region(report, f.span) } }],
            ...(f.fixes.length
              ? {
                  fixes: f.fixes.map((fix) => ({
                    description: { text: fix.title[locale] },
                    artifactChanges: [
                      {
                        artifactLocation: { uri: file.split('\\').join('/') },
                        replacements: fix.edits.map((e) => ({ deletedRegion: region(report, e.span), insertedContent: { text: e.newText } })),
                      },
                    ],
                  })),
                }
              : {}),
          })),
        ),
      },
    ],
  };
}

/** Reports of the same body a year apart, among the files given, for the carry-over comparison. */
function previousYearOf(report: Report, all: Report[]): Report | undefined {
  if (!report.body || report.year === undefined) return undefined;
  return all.find((other) => other !== report && other.body === report.body && other.year === report.year! - 1);
}

function isReadableReport(report: Report): boolean {
  return report.tables.length > 0 || report.sections.length > 0 || report.title !== undefined;
}

function runCheck(args: string[], out: (line: string) => void, err: (line: string) => void): number {
  const options = parseCheckArgs(args);
  let failed = false;
  const files: string[] = [];
  for (const path of options.paths) {
    try {
      files.push(...filesOf(path));
    } catch (error) {
      err(`${path}: ${describe(error)}`);
      failed = true;
    }
  }
  const loaded: { file: string; text: string; report: Report }[] = [];
  for (const file of files) {
    try {
      const text = decode(new Uint8Array(readFileSync(file)));
      loaded.push({ file, text, report: parseReport(text) });
    } catch (error) {
      err(`${file}: ${describe(error)}`);
      failed = true;
    }
  }
  // A folder holds other files too (a README): only what looks like a report is checked there.
  const explicit = new Set(options.paths);
  for (const item of [...loaded]) {
    if (!explicit.has(item.file) && !isReadableReport(item.report)) {
      loaded.splice(loaded.indexOf(item), 1);
      err(`${item.file}: ${options.locale === 'en' ? 'skipped: not an annual report' : '已跳过：不是政府信息公开年度报告'}`);
    }
  }
  const reports = loaded.map((l) => l.report);
  const results: Checked[] = [];
  for (const item of loaded) {
    const checkOptions: CheckOptions = { rules: options.rules, previousYear: previousYearOf(item.report, reports) };
    if (options.fix && isReadableReport(item.report)) {
      const fixed = fixAll(item.text, checkOptions);
      if (fixed.text !== item.text) writeFileSync(item.file, fixed.text);
      results.push({ file: item.file, ...fixed.result });
      continue;
    }
    if (options.fix) {
      err(`${item.file}: ${options.locale === 'en' ? 'not written: no report structure could be read' : '未修改：无法读取报告结构'}`);
    }
    results.push({ file: item.file, report: item.report, findings: checkReport(item.report, checkOptions) });
  }
  if (options.format === 'json') out(JSON.stringify(toJson(results, options.locale), null, 2));
  else if (options.format === 'sarif') out(JSON.stringify(toSarif(results, options.locale), null, 2));
  else printText(results, options.locale, out);
  if (failed) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return '文件不存在 / no such file or folder';
  if (code === 'EACCES') return '没有读取权限 / permission denied';
  if (code === 'EISDIR') return '是目录 / is a folder';
  return (error as Error).message;
}

export function main(argv: string[], out = (line: string) => console.log(line), err = (line: string) => console.error(line)): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'check') return runCheck(rest, out, err);
    if (command === 'dump') {
      if (rest.length !== 1) throw new UsageError('dump 需要一个文件 / dump takes one file');
      const text = decode(new Uint8Array(readFileSync(rest[0])));
      out(JSON.stringify({ file: rest[0], ...(dumpReport(parseReport(text)) as object) }, null, 2));
      return 0;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      out(USAGE);
      return 0;
    }
    throw new UsageError(command ? `未知命令 / unknown command: ${command}` : '缺少命令 / no command');
  } catch (error) {
    if (error instanceof UsageError) {
      err(error.message);
      err(USAGE);
      return 2;
    }
    err(`${rest[0] ?? ''}: ${describe(error)}`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

