// The `.gongkai.json` of each file of a run: the nearest one up the folder tree (contract), read once
// per folder in the main thread and handed to the workers with the file's task. A broken project file
// never stops a run: what could be read of it applies, and its problems are said once, with their
// place in the file, as an editor would show them.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { LineIndex, type Locale, type Localized } from '../engine';
import { localized } from '../engine/rule';
import { findProjectFile, previousYearProblems, type ProjectFile } from '../config/project';
import { escapeControls } from './output/escape';
import { describeFsError, notRegular, prefixed } from './reasons';
import { severityName } from './results';

export class RunProjects {
  private readonly byFolder = new Map<string, ProjectFile | undefined>();
  /** Project files that exist but could not be read, and why. */
  private readonly unreadable = new Map<string, Localized>();

  /** The project file that applies to a file, if any. */
  of(file: string): ProjectFile | undefined {
    const folder = dirname(file);
    if (!this.byFolder.has(folder)) {
      const project = findProjectFile(folder, (candidate) => this.read(candidate));
      project?.problems.push(...previousYearProblems(project, isFile, () => true));
      this.byFolder.set(folder, project);
    }
    return this.byFolder.get(folder);
  }

  /** Every problem of the project files met so far, once each: `file:line:column: 错误：…`. */
  problems(locale: Locale): string[] {
    const lines: string[] = [];
    for (const [file, reason] of this.unreadable) lines.push(`${shown(file)}: ${escapeControls(prefixed(localized('项目文件未读取', 'project file not read'), reason)[locale])}`);
    const seen = new Set<string>();
    for (const project of this.byFolder.values()) {
      if (!project || seen.has(project.path)) continue;
      seen.add(project.path);
      const index = new LineIndex(project.text);
      const sorted = [...project.problems].sort((a, b) => a.span.start - b.span.start);
      for (const problem of sorted) {
        const { line, character } = index.positionAt(problem.span.start);
        const colon = locale === 'en' ? ': ' : '：';
        lines.push(`${shown(project.path)}:${line + 1}:${character + 1}: ${severityName(problem.severity, locale)}${colon}${escapeControls(problem.message[locale])}`);
      }
    }
    return lines;
  }

  /** A project file's text; undefined when there is none. A file there that cannot be read is remembered, never read as absent in silence. */
  private read(file: string): string | undefined {
    try {
      const stat = statSync(file);
      if (!stat.isFile()) {
        this.unreadable.set(file, notRegular(stat));
        return undefined;
      }
      // Notepad saves UTF-8 with a byte-order mark, which is no JSON.
      const text = readFileSync(file, 'utf8');
      return text.startsWith('\uFEFF') ? text.slice(1) : text;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.unreadable.set(file, describeFsError(error));
      return undefined;
    }
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A path as the user would type it from here: relative below the working folder, else absolute. */
function shown(file: string): string {
  const below = relative(process.cwd(), file);
  return escapeControls(below && !below.startsWith('..') && !isAbsolute(below) ? below : file);
}

