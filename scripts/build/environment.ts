/**
 * Errors of the machine rather than of the data or of Insyn: a full disk, a read-only file system, a missing
 * permission, a failing disk, too many open files. They are named as such (with the path and what to do), get
 * their own exit code, and never read as "a bug in Insyn" or come with a stack trace.
 */
import { msg, safe, trusted, type Safe } from '../privacy/safe.ts';

/** The exit code of a build or preview that failed because of the machine (see the README). */
export const ENVIRONMENT_EXIT = 3;

const WHAT: Record<string, string> = {
  ENOSPC: 'the disk is full (no space left on the device)',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'a file is larger than the file system allows',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EIO: 'an input/output error (a failing disk or a lost network drive)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  ENOMEM: 'the system is out of memory',
  EXDEV: 'a file cannot be moved across file systems',
  EBUSY: 'a file or folder is busy (in use by another program, or a mount point)',
  ENAMETOOLONG: 'a file name is too long for the file system',
  ELOOP: 'too many levels of symbolic links',
  ETXTBSY: 'a file is busy',
  ESTALE: 'a network file system lost a file (stale file handle)',
};

const WHAT_TO_DO: Record<string, string> = {
  ENOSPC: 'Free some space (or give --output a folder on another disk) and build again.',
  EDQUOT: 'Free some space within your quota and build again.',
  EROFS: 'Give --output a folder on a writable disk (and run the build where it can write .cache/).',
  EACCES: 'Check the permissions of that path (the build must be able to write the output folder, the folder beside it and .cache/).',
  EPERM: 'Check the permissions of that path.',
  EIO: 'Check the disk or the network drive and build again.',
  EMFILE: 'Raise the limit of open files (ulimit -n) and build again.',
  ENFILE: 'Close other programs, or raise the limit, and build again.',
  EXDEV: 'Give --output a folder on one disk with the folder beside it.',
  EBUSY: 'Close what uses it, or choose another --output, and build again.',
};

export interface EnvironmentProblem {
  code: string;
  message: Safe;
}

/** The errno code of the machine error in `e` or in what it wraps (Eleventy wraps write errors), or null. */
export function environmentProblem(e: unknown): EnvironmentProblem | null {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 8; depth++) {
    const err = cur as NodeJS.ErrnoException & { originalError?: unknown };
    if (typeof err.code === 'string' && err.code in WHAT) {
      const what = trusted(WHAT[err.code]);
      const todo = trusted(WHAT_TO_DO[err.code] ?? 'Fix the machine and build again.');
      return { code: err.code, message: err.path ? msg`${what} (${safe(String(err.path), 400)}). ${todo}` : msg`${what}. ${todo}` };
    }
    cur = err.originalError ?? err.cause;
  }
  return null;
}
