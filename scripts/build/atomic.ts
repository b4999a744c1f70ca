/**
 * Atomic output: the build writes into a temporary folder beside the output and swaps it in only when everything
 * succeeded. A failed build removes its temporary folder and leaves the last good output as it was.
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export interface Staging {
  /** Where this build writes. */
  dir: string;
  /** Moves the staged output into place (the old output is removed only after the new one is in place). */
  commit(): Promise<void>;
  /** Removes the staged output. */
  abandon(): Promise<void>;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export async function stage(outputDir: string): Promise<Staging> {
  const target = resolve(outputDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const dir = join(parent, `.${basename(target)}.building-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return {
    dir,
    async commit() {
      const old = join(parent, `.${basename(target)}.old-${process.pid}`);
      const had = await exists(target);
      if (had) await rename(target, old);
      try {
        await rename(dir, target);
      } catch (e) {
        if (had) await rename(old, target);
        throw e;
      }
      if (had) await rm(old, { recursive: true, force: true });
    },
    async abandon() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
