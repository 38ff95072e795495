// Which files a `check` run reads: the files named, and every report below the folders named, each
// file once. A folder run must check the folder whatever it holds, so a bad entry (a FIFO, a
// dangling link, a link loop, a folder it may not read) is set aside with its reason and the walk
// goes on; reading a file (./sources) opens it without blocking, so nothing here can hang.
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join } from 'node:path';
import type { Localized } from '../engine';
import { localized } from '../engine/rule';
import { describeFsError, notRegular } from './reasons';
import { REPORT_EXTENSIONS } from './sources';

/** A file to read, or an entry set aside with its reason, in the order the walk met them. */
export type Entry =
  | {
      /** The path as the user wrote it, or as found below a folder they named. */
      path: string;
      /** Named on the command line (checked even if it does not look like a report), not found in a folder. */
      explicit: boolean;
      reason?: undefined;
    }
  | { path: string; reason: Localized };

/** The entries of a run: the files to read and the entries set aside, each once, in the order met. */
export function collectFiles(paths: string[]): Entry[] {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  // A file named twice, or reached through a link or a folder named twice, is one file.
  const push = (entry: Entry) => {
    let key = `\u0000${entry.path}`;
    if (!entry.reason) {
      try {
        key = realpathSync(entry.path);
      } catch (error) {
        entry = { path: entry.path, reason: describeFsError(error) };
      }
    }
    if (seen.has(key)) return;
    seen.add(key);
    entries.push(entry);
  };
  for (const path of paths) {
    let stat: Stats;
    try {
      stat = statSync(path);
    } catch (error) {
      push({ path, reason: describeFsError(error) });
      continue;
    }
    if (stat.isDirectory()) walk(path, new Set([realpathOrSelf(path)]), push);
    else push({ path, explicit: true });
  }
  return entries;
}

/** Every report file below `folder`, in name order; `ancestors` are the real paths above, to stop link loops. */
function walk(folder: string, ancestors: Set<string>, push: (entry: Entry) => void): void {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    push({ path: folder, reason: describeFsError(error) });
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const child = join(folder, name);
    const isReportName = REPORT_EXTENSIONS.has(extname(name).toLowerCase());
    let stat: Stats;
    try {
      stat = statSync(child);
    } catch (error) {
      // A link to nothing (or to itself): say so when it looks like it meant a report or a folder.
      if (isReportName || isSymbolicLink(child)) push({ path: child, reason: describeFsError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      const real = realpathOrSelf(child);
      if (ancestors.has(real)) {
        push({ path: child, reason: localized('符号链接指向其上级目录（循环），已跳过', 'a symbolic link to a folder above it (a loop); skipped') });
        continue;
      }
      walk(child, new Set([...ancestors, real]), push);
      continue;
    }
    if (!isReportName) continue;
    if (!stat.isFile()) {
      push({ path: child, reason: notRegular(stat) });
      continue;
    }
    push({ path: child, explicit: false });
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The real path, or the path as given where it has none (it is gone, or a link to nothing). */
export function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
