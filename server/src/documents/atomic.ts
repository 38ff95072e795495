// Every file the project writes goes through here: a report must survive a write that fails half-way
// (disk full, quota, a file-size limit, a crash). The new content is written to a temporary file
// beside the target, flushed, and renamed over it, so the target is either the old file or the new
// one, never a mix.
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replaces `path` with `data` atomically. A symbolic link is written through: its target is
 * replaced and the link stays. The file keeps its mode (and its owner, where the process may set
 * it). Throws the first error, after removing the temporary file; the original is then untouched.
 */
export function writeFileAtomic(path: string, data: Uint8Array): void {
  const target = realTarget(path);
  const existing = statOrUndefined(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = existing ? existing.mode & 0o7777 : 0o666;
  let fd: number | undefined;
  try {
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    // openSync's mode is filtered by the umask; the target's own mode must survive exactly.
    if (existing) {
      fchmodSync(fd, mode);
      try {
        fchownSync(fd, existing.uid, existing.gid);
      } catch {
        // Only a privileged process may give a file away; the mode is what matters for the owner.
      }
    }
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already renamed: nothing to clean up.
    }
    throw error;
  }
  syncFolder(dirname(target));
}

/** The file a path finally names: symbolic links followed, so the link itself is never replaced. */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // A new file: its folder must exist; the name is taken as given.
    return join(realpathSync(dirname(path)), basename(path));
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The rename is durable only once the folder's entry is on disk; not every platform can say so. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder; the rename has happened either way.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
