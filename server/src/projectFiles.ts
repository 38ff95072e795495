// What the server reads from disk besides the open documents: the project file `.gongkai.json` that
// applies to a document, last year's report for carry-over, and reports of the workspace that are
// not open. Cached until the client says a file changed (workspace/didChangeWatchedFiles). In
// Restricted Mode nothing outside the workspace folders is read.
import { chmodSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReport, type Report } from './engine';
import {
  addIgnored,
  findProjectFile,
  isInside,
  namedPreviousYear,
  parseProjectConfig,
  previousYearProblems,
  PROJECT_FILE,
  samePreviousYear,
  type IgnoredFinding,
  type ProjectFile,
} from './config/project';
import { DOCUMENT_SCHEME } from './protocol';

/** Report files read from disk: the same extensions the CLI reads in a folder. */
const REPORT_FILE = /\.(txt|md)$/i;

/** UTF-8 (byte-order mark dropped), else GB18030, what many government machines save; else undefined. */
function decodeReport(bytes: Uint8Array): string | undefined {
  if (bytes.indexOf(0) >= 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
}

export function readReportFile(file: string): string | undefined {
  try {
    return statSync(file).isFile() ? decodeReport(new Uint8Array(readFileSync(file))) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file a document's text comes from: a file: URI's path, and for the view of a report file
 * (.docx, .pdf …) that file's path, so that its project file, last year's report and ignored
 * findings apply to the view as to the file.
 */
export function pathOf(uri: string): string | undefined {
  const view = `${DOCUMENT_SCHEME}:`;
  const fileUri = uri.startsWith(view) ? `file:${uri.slice(view.length)}` : uri;
  if (!fileUri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(fileUri);
  } catch {
    return undefined;
  }
}

interface ParsedFile {
  /** The text it was parsed from, to tell an open document's edits from the cached parse. */
  text: string;
  report: Report;
}

export class ProjectFiles {
  /** Workspace folders (absolute); set only in Restricted Mode, where nothing outside them is read. */
  restrictTo: string[] | undefined;
  private readonly projects = new Map<string, ProjectFile | null>();
  private readonly parsed = new Map<string, ParsedFile>();
  private readonly folders = new Map<string, string[]>();
  /** Last year's report found for each report, and for which body and year: found once, not per keystroke. */
  private readonly previous = new Map<string, { body?: string; year?: number; report: Report | undefined }>();

  /** The project file that applies to a document on disk; undefined for other documents or when there is none. */
  projectFor(file: string): ProjectFile | undefined {
    const dir = path.dirname(file);
    const cached = this.projects.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const root = this.rootOf(file);
    if (this.restrictTo && root === undefined) return undefined;
    const found = findProjectFile(dir, (candidate) => readText(candidate), root) ?? null;
    found?.problems.push(...previousYearProblems(found, (named) => readReportFile(named) !== undefined, (named) => this.allowed(named)));
    this.projects.set(dir, found);
    return found ?? undefined;
  }

  /** Project files read so far, for their diagnostics. */
  loadedProjects(): ProjectFile[] {
    const unique = new Map<string, ProjectFile>();
    for (const project of this.projects.values()) if (project) unique.set(project.path, project);
    return [...unique.values()];
  }

  /**
   * Last year's report of a document: the one the project file names, else the one of the same body
   * and the year before in the same folder. `openText` gives an open document's unsaved text.
   */
  previousYearOf(file: string, report: Report, openText: (file: string) => string | undefined): Report | undefined {
    const project = this.projectFor(file);
    const named = project && namedPreviousYear(project, file);
    if (named !== undefined) return this.allowed(named) ? this.reportAt(named, openText) : undefined;
    if (!report.body || report.year === undefined) return undefined;
    const known = this.previous.get(file);
    if (known && known.body === report.body && known.year === report.year) return known.report;
    const candidates = this.reportFilesIn(path.dirname(file))
      .filter((other) => other !== file)
      .map((other) => ({ file: other, report: this.reportAt(other, openText) }))
      .filter((c): c is { file: string; report: Report } => c.report !== undefined);
    const found = samePreviousYear(report, candidates)?.report;
    this.previous.set(file, { body: report.body, year: report.year, report: found });
    return found;
  }

  /** An open document was edited: reports beside it look for their last year's report again. */
  edited(file: string): void {
    for (const other of this.previous.keys()) {
      if (other !== file && path.dirname(other) === path.dirname(file)) this.previous.delete(other);
    }
  }

  /**
   * Records an ignored finding in the project file that applies to `file`, or in a new one in
   * `newFileDir`; returns the project file's path. Throws when the file exists but is no JSON object.
   */
  ignore(file: string, newFileDir: string, entry: (project: ProjectFile) => IgnoredFinding): string {
    const existing = this.projectFor(file);
    const target = existing?.path ?? path.join(newFileDir, PROJECT_FILE);
    // The file as it is now on disk, not as cached: the user may have edited it since.
    const text = readText(target) ?? '';
    const current: ProjectFile = { path: target, text, ...parseProjectConfig(text) };
    const added = entry(current);
    const known = current.config.ignore.some(
      (e) => e.file === added.file && e.rule === added.rule && e.anchor === added.anchor && e.text === added.text,
    );
    if (!known) writeAtomically(target, addIgnored(text, added));
    this.changed(target);
    return target;
  }

  /** Whether Restricted Mode lets the server read this file. */
  allowed(file: string): boolean {
    return !this.restrictTo || this.rootOf(file) !== undefined;
  }

  /** A file changed, appeared or went away on disk. */
  changed(file: string): void {
    this.parsed.delete(file);
    this.folders.delete(path.dirname(file));
    this.edited(file);
    this.previous.delete(file);
    if (path.basename(file) === PROJECT_FILE) this.projects.clear();
  }

  private rootOf(file: string): string | undefined {
    return this.restrictTo?.filter((folder) => isInside(file, folder)).sort((a, b) => b.length - a.length)[0];
  }

  private reportFilesIn(dir: string): string[] {
    let files = this.folders.get(dir);
    if (!files) {
      try {
        files = readdirSync(dir)
          .filter((name) => REPORT_FILE.test(name))
          .sort()
          .map((name) => path.join(dir, name));
      } catch {
        files = [];
      }
      this.folders.set(dir, files);
    }
    return files;
  }

  private reportAt(file: string, openText: (file: string) => string | undefined): Report | undefined {
    const open = openText(file);
    const cached = this.parsed.get(file);
    if (cached && (open === undefined || cached.text === open)) return cached.report;
    const text = open ?? readReportFile(file);
    if (text === undefined) return undefined;
    const report = parseReport(text);
    this.parsed.set(file, { text, report });
    return report;
  }
}

/**
 * Writes through a temporary file renamed over the target, so a failed write never leaves half a
 * file; through a symlink to its target, keeping the file's permissions.
 */
function writeAtomically(file: string, text: string): void {
  let target = file;
  let mode: number | undefined;
  try {
    target = realpathSync(file);
    mode = statSync(target).mode;
  } catch {
    // A new file.
  }
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
