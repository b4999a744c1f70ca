/** The error every source raises for a file that cannot be used at all. */
import { msg, safe, type Safe } from '../privacy/safe.ts';

/** A file that cannot be used at all: which file, what is wrong and what to do, and the line where there is one. */
export class UnusableFileError extends Error {
  constructor(
    readonly file: Safe,
    readonly reason: Safe,
    readonly line?: number,
  ) {
    super(line ? msg`${file}, line ${line}: ${reason}` : msg`${file}: ${reason}`);
    this.name = 'UnusableFileError';
  }
}

/** The code of a system error (`ENOENT`), safe to show. */
export function errorCode(e: unknown): Safe {
  return safe(String((e as NodeJS.ErrnoException | undefined)?.code ?? 'error'));
}
