// The project file `.gongkai.json`, read alike by the language server and the CLI: rule severities,
// findings ignored one by one, the body's level and last year's report. Parsing never fails: a
// broken file yields what could be read plus problems with their place in the file, so the rest of
// its settings still apply. No file I/O here: callers pass a reader, so this stays testable and the
// CLI and the server share it.
import * as path from 'node:path';
import { findNodeAtLocation, modify, applyEdits, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { anchorOf } from '../engine/anchor';
import type { Report } from '../engine/model';
import { RULE_IDS, type Finding, type Localized, type RuleId, type SeveritySetting, type Span } from '../engine/types';

export const PROJECT_FILE = '.gongkai.json';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

/** The levels of government a body belongs to, as clerks name them; `implausible` needs it. */
import { BODY_LEVELS, type BodyLevel } from '../engine/types';

export { BODY_LEVELS, type BodyLevel };

export interface IgnoredFinding {
  /** The report, relative to the project file's folder, with `/` separators. */
  file: string;
  rule: RuleId;
  /** The anchor's path (table/row/column); absent for a finding in prose. */
  anchor?: string;
  /** The anchored text when the finding was ignored: when it changes, the finding shows again. */
  text: string;
}

export interface ProjectConfig {
  rules: Partial<Record<RuleId, SeveritySetting>>;
  ignore: IgnoredFinding[];
  level?: BodyLevel;
  /**
   * Last year's report for `carry-over`, relative to the project file's folder: one path for every
   * report the file covers, or one per report (report path → last year's path).
   */
  previousYear?: string | Record<string, string>;
}

export interface ConfigProblem {
  span: Span;
  severity: 'error' | 'warning';
  message: Localized;
}

export interface ProjectFile {
  /** Absolute path of the `.gongkai.json`. */
  path: string;
  text: string;
  config: ProjectConfig;
  problems: ConfigProblem[];
}

const TOP_LEVEL_KEYS = ['$schema', 'rules', 'ignore', 'level', 'previousYear'] as const;

const localized = (zh: string, en: string): Localized => ({ 'zh-cn': zh, en });

export function parseProjectConfig(text: string): { config: ProjectConfig; problems: ConfigProblem[] } {
  const config: ProjectConfig = { rules: {}, ignore: [] };
  const problems: ConfigProblem[] = [];
  const problem = (node: { offset: number; length: number }, message: Localized, severity: ConfigProblem['severity'] = 'error') =>
    problems.push({ span: { start: node.offset, end: node.offset + node.length }, severity, message });

  // An empty file (just created) says nothing, and nothing is wrong with it.
  if (text.trim() === '') return { config, problems };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) {
    const code = printParseErrorCode(error.error);
    problem(error, localized(`JSON 语法错误（${code}）：此处之后的内容可能未被读取。`, `JSON syntax error (${code}): what follows may not have been read.`));
  }
  if (!root) {
    problem({ offset: 0, length: 0 }, localized('无法读取此文件。', 'This file could not be read.'));
    return { config, problems };
  }
  if (root.type !== 'object') {
    problem(root, localized('.gongkai.json 应为一个 JSON 对象 { … }。', '.gongkai.json must hold one JSON object { … }.'));
    return { config, problems };
  }
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    switch (key) {
      case '$schema':
        break;
      case 'rules':
        readRules(valueNode, config, problem);
        break;
      case 'ignore':
        readIgnore(valueNode, config, problem);
        break;
      case 'level':
        if (BODY_LEVELS.includes(valueNode.value)) config.level = valueNode.value;
        else problem(valueNode, localized(`机关层级应为 ${BODY_LEVELS.join('、')} 之一。`, `The level must be one of ${BODY_LEVELS.join(', ')}.`));
        break;
      case 'previousYear':
        readPreviousYear(valueNode, config, problem);
        break;
      default:
        problem(
          keyNode,
          localized(`未知的设置“${key}”，已忽略。可用的设置：${TOP_LEVEL_KEYS.join('、')}。`, `Unknown setting "${key}", ignored. Known: ${TOP_LEVEL_KEYS.join(', ')}.`),
          'warning',
        );
    }
  }
  return { config, problems };
}

type Report_ = (node: { offset: number; length: number }, message: Localized, severity?: ConfigProblem['severity']) => void;

function isRule(value: unknown): value is RuleId {
  return typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value);
}

function unknownRule(rule: string): Localized {
  return localized(`未知规则“${rule}”，已忽略。`, `Unknown rule "${rule}", ignored.`);
}

function readRules(node: Node, config: ProjectConfig, problem: Report_): void {
  if (node.type !== 'object') {
    problem(node, localized('"rules" 应为对象，如 { "blank-cell": "off" }。', '"rules" must be an object such as { "blank-cell": "off" }.'));
    return;
  }
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const rule = String(keyNode.value);
    if (!isRule(rule)) problem(keyNode, unknownRule(rule), 'warning');
    else if (!SEVERITY_SETTINGS.includes(valueNode.value)) {
      problem(valueNode, localized(`级别应为 ${SEVERITY_SETTINGS.join('、')} 之一。`, `The severity must be one of ${SEVERITY_SETTINGS.join(', ')}.`));
    } else config.rules[rule] = valueNode.value;
  }
}

function readIgnore(node: Node, config: ProjectConfig, problem: Report_): void {
  if (node.type !== 'array') {
    problem(node, localized('"ignore" 应为数组。', '"ignore" must be an array.'));
    return;
  }
  for (const item of node.children ?? []) {
    const field = (name: string) => item.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1];
    const file = field('file')?.value;
    const rule = field('rule')?.value;
    const anchor = field('anchor');
    const text = field('text')?.value;
    if (item.type !== 'object' || typeof file !== 'string' || typeof text !== 'string' || (anchor && typeof anchor.value !== 'string')) {
      problem(
        item,
        localized(
          '忽略项应为 { "file": 文件, "rule": 规则, "anchor": 位置（可省略）, "text": 原文 }，此项已忽略。',
          'An ignored finding is { "file", "rule", "anchor" (optional), "text" }; this entry is skipped.',
        ),
      );
      continue;
    }
    if (!isRule(rule)) {
      problem(field('rule') ?? item, unknownRule(String(rule)), 'warning');
      continue;
    }
    config.ignore.push({ file, rule, ...(anchor ? { anchor: anchor.value } : {}), text });
  }
}

function readPreviousYear(node: Node, config: ProjectConfig, problem: Report_): void {
  if (node.type === 'string') {
    config.previousYear = node.value;
    return;
  }
  const pairs = node.type === 'object' ? (node.children ?? []).map((p) => [p.children?.[0]?.value, p.children?.[1]?.value]) : [];
  if (node.type !== 'object' || pairs.some(([, value]) => typeof value !== 'string')) {
    problem(
      node,
      localized(
        '"previousYear" 应为上一年度报告的路径，或 { "本年报告": "上年报告" } 形式的对象。',
        '"previousYear" must be the path of last year\'s report, or an object { "this year\'s report": "last year\'s report" }.',
      ),
    );
    return;
  }
  config.previousYear = Object.fromEntries(pairs);
}

/**
 * The nearest project file at or above `startDir`, read through `read` (undefined when a file is
 * absent or unreadable). `stopAt`, when given, is the highest folder searched: a folder opened in
 * Restricted Mode must not pick up a file from outside it.
 */
export function findProjectFile(
  startDir: string,
  read: (file: string) => string | undefined,
  stopAt?: string,
): ProjectFile | undefined {
  let dir = path.resolve(startDir);
  const top = stopAt === undefined ? undefined : path.resolve(stopAt);
  if (top !== undefined && !isInside(dir, top)) return undefined;
  while (true) {
    const file = path.join(dir, PROJECT_FILE);
    const text = read(file);
    if (text !== undefined) return { path: file, text, ...parseProjectConfig(text) };
    const parent = path.dirname(dir);
    if (parent === dir || dir === top) return undefined;
    dir = parent;
  }
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A report's name as the project file records it: relative to its folder, with `/`. */
export function projectRelative(project: ProjectFile, reportPath: string): string {
  return path.relative(path.dirname(project.path), reportPath).split(path.sep).join('/');
}

/** Rule severities of the editor's or the command line's settings with the file's on top: the file wins. */
export function mergeRules(
  settings: Partial<Record<RuleId, SeveritySetting>>,
  project: ProjectConfig | undefined,
): Partial<Record<RuleId, SeveritySetting>> {
  return project ? { ...settings, ...project.rules } : settings;
}

/**
 * Last year's report the file names for this report (absolute), if it names one. A report never
 * counts as its own last year.
 */
export function namedPreviousYear(project: ProjectFile, reportPath: string): string | undefined {
  const named = project.config.previousYear;
  const relative = typeof named === 'string' ? named : named?.[projectRelative(project, reportPath)];
  if (relative === undefined) return undefined;
  const absolute = path.resolve(path.dirname(project.path), relative);
  return absolute === path.resolve(reportPath) ? undefined : absolute;
}

/**
 * Last year's report of the same body among candidates (e.g. the reports of the same folder), when
 * the file names none: same body name from the title, year one less.
 */
export function samePreviousYear<T extends { report: Report }>(report: Report, candidates: T[]): T | undefined {
  if (!report.body || report.year === undefined) return undefined;
  return candidates.find((c) => c.report !== report && c.report.body === report.body && c.report.year === report.year! - 1);
}

/** The entry that would ignore this finding of this report. */
export function ignoreEntry(project: ProjectFile, reportPath: string, report: Report, finding: Finding): IgnoredFinding {
  const anchor = anchorOf(report, finding.span);
  return { file: projectRelative(project, reportPath), rule: finding.rule, ...(anchor.path ? { anchor: anchor.path } : {}), text: anchor.text };
}

/** The findings the project file does not ignore. */
export function withoutIgnored(project: ProjectFile | undefined, reportPath: string, report: Report, findings: Finding[]): Finding[] {
  if (!project || project.config.ignore.length === 0) return findings;
  const file = projectRelative(project, reportPath);
  const entries = project.config.ignore.filter((entry) => entry.file === file);
  if (entries.length === 0) return findings;
  return findings.filter((finding) => {
    const candidates = entries.filter((entry) => entry.rule === finding.rule);
    if (candidates.length === 0) return true;
    const anchor = anchorOf(report, finding.span);
    return !candidates.some((entry) => entry.anchor === anchor.path && entry.text === anchor.text);
  });
}

/**
 * The project file's text with one more ignored finding, keeping everything else as written
 * (comments, order, indentation); `text` may be empty for a file yet to be created. Throws when
 * the text holds something other than a JSON object.
 */
export function addIgnored(text: string, entry: IgnoredFinding): string {
  const base = text.trim() === '' ? '{}\n' : text;
  const eol = base.includes('\r\n') ? '\r\n' : '\n';
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol };
  const root = parseTree(base);
  // Writing into a file that is not a JSON object would make it worse: the caller says so instead.
  if (root?.type !== 'object') throw new Error(`${PROJECT_FILE} is not a JSON object`);
  const list = findNodeAtLocation(root, ['ignore']);
  const edits =
    list?.type === 'array'
      ? modify(base, ['ignore', list.children?.length ?? 0], entry, { formattingOptions, isArrayInsertion: true })
      : modify(base, ['ignore'], [entry], { formattingOptions });
  return applyEdits(base, edits);
}

/**
 * Problems with the reports `previousYear` names: a file that does not exist, or one the caller may
 * not read (outside the folder in Restricted Mode). Checked by the caller's functions, not here.
 */
export function previousYearProblems(
  project: ProjectFile,
  exists: (file: string) => boolean,
  allowed: (file: string) => boolean,
): ConfigProblem[] {
  const root = parseTree(project.text);
  const named = root && findNodeAtLocation(root, ['previousYear']);
  if (!named) return [];
  const targets = named.type === 'string' ? [named] : (named.children ?? []).map((p) => p.children?.[1]).filter((n): n is Node => n?.type === 'string');
  const problems: ConfigProblem[] = [];
  for (const node of targets) {
    const file = path.resolve(path.dirname(project.path), String(node.value));
    const span = { start: node.offset, end: node.offset + node.length };
    if (!allowed(file)) {
      problems.push({
        span,
        severity: 'warning',
        message: localized('受限模式下不读取工作区文件夹之外的文件：未比较上年结转数。', 'Restricted Mode reads nothing outside the workspace folder: carry-over is not compared.'),
      });
    } else if (!exists(file)) {
      problems.push({ span, severity: 'warning', message: localized(`找不到文件 ${node.value}。`, `No such file: ${node.value}.`) });
    }
  }
  return problems;
}
