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

export interface Collected {
  entries: Entry[];
  /** Folders named on the command line, for the "no report found" message. */
  folders: string[];
}

export function collectFiles(paths: string[]): Collected {
  const collected: Collected = { entries: [], folders: [] };
  const seen = new Set<string>();
  const add = (path: string, explicit: boolean) => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      collected.entries.push({ path, reason: describeFsError(error) });
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    collected.entries.push({ path, explicit });
  };
  for (const path of paths) {
    let stat: Stats;
    try {
      stat = statSync(path);
    } catch (error) {
      collected.entries.push({ path, reason: describeFsError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      collected.folders.push(path);
      walk(path, new Set([realpathOrSelf(path)]), collected, add);
    } else add(path, true);
  }
  return collected;
}

/** Every report file below `folder`, in name order; `ancestors` are the real paths above, to stop link loops. */
function walk(folder: string, ancestors: Set<string>, collected: Collected, add: (path: string, explicit: boolean) => void): void {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    collected.entries.push({ path: folder, reason: describeFsError(error) });
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
      const link = isSymbolicLink(child);
      if (isReportName || link) collected.entries.push({ path: child, reason: describeFsError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      const real = realpathOrSelf(child);
      if (ancestors.has(real)) {
        collected.entries.push({ path: child, reason: localized('符号链接指向其上级目录（循环），已跳过', 'a symbolic link to a folder above it (a loop); skipped') });
        continue;
      }
      walk(child, new Set([...ancestors, real]), collected, add);
      continue;
    }
    if (!isReportName) continue;
    if (!stat.isFile()) {
      collected.entries.push({ path: child, reason: notRegular(stat) });
      continue;
    }
    add(child, false);
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
