// Why a file could not be read or written, as a short reason in both languages: the cause, never a
// path or a stack (the caller names the file once, in front).
import { lstatSync, type Stats } from 'node:fs';
import type { Localized } from '../engine';
import { localized } from '../engine/rule';

export function notRegular(stat: Stats): Localized {
  if (stat.isFIFO()) return localized('是命名管道（FIFO），不是普通文件，已跳过', 'a named pipe (FIFO), not a regular file; skipped');
  if (stat.isSocket()) return localized('是套接字，不是普通文件，已跳过', 'a socket, not a regular file; skipped');
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return localized('是设备文件，不是普通文件，已跳过', 'a device, not a regular file; skipped');
  return localized('不是普通文件，已跳过', 'not a regular file; skipped');
}

/** A file-system error as a short reason: the cause, never a path or a stack. */
export function describeFsError(error: unknown): Localized {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return isDanglingLink(error)
        ? localized('符号链接指向的文件不存在', 'a symbolic link to nothing')
        : localized('文件或目录不存在', 'no such file or folder');
    case 'ELOOP':
      return localized('符号链接循环', 'a symbolic link loop');
    case 'EACCES':
    case 'EPERM':
      return localized('没有权限', 'permission denied');
    case 'ENAMETOOLONG':
      return localized('路径过长', 'path too long');
    case 'ENOTDIR':
      return localized('路径中有一部分不是目录', 'a part of the path is not a folder');
    case 'EISDIR':
      return localized('是目录', 'is a folder');
    case 'EFBIG':
      return localized('超出文件大小限制（EFBIG）', 'file too large for the file-size limit (EFBIG)');
    case 'ENOSPC':
      return localized('磁盘已满（ENOSPC）', 'no space left on the disk (ENOSPC)');
    case 'EDQUOT':
      return localized('超出磁盘配额（EDQUOT）', 'disk quota exceeded (EDQUOT)');
    case 'EROFS':
      return localized('文件系统只读（EROFS）', 'read-only file system (EROFS)');
    case 'EIO':
      return localized('读写错误（EIO）', 'input/output error (EIO)');
    default:
      return localized(`${code ?? (error as Error).message}`, `${code ?? (error as Error).message}`);
  }
}

function isDanglingLink(error: unknown): boolean {
  const path = (error as NodeJS.ErrnoException).path;
  try {
    return path !== undefined && lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export function prefixed(what: Localized, reason: Localized): Localized {
  return { 'zh-cn': `${what['zh-cn']}：${reason['zh-cn']}`, en: `${what.en}: ${reason.en}` };
}
