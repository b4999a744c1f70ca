/**
 * Temporary folders named for the process that made them (`insyn-index-<pid>-XXXXXX`), so that a build killed
 * before it could remove its own (SIGKILL, the machine out of memory) leaves nothing for long: the next build
 * removes the folders of its kind whose process is gone. A folder of a process still running is never touched.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether a process with this id is running (one of another user's counts as running). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the folders `<kind><pid>-…` in `place` whose process is gone. */
export async function sweepFolders(kind: string, place = tmpdir()): Promise<void> {
  for (const name of await readdir(place).catch(() => [] as string[])) {
    if (!name.startsWith(kind)) continue;
    const owner = Number(name.slice(kind.length).split('-')[0]);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !alive(owner)) await rm(join(place, name), { recursive: true, force: true }).catch(() => {});
  }
}

/** A new folder `<kind><this pid>-XXXXXX` in the system's temporary folder, after sweeping those of its kind. */
export async function processTempDir(kind: string): Promise<string> {
  await sweepFolders(kind);
  return mkdtemp(join(tmpdir(), `${kind}${process.pid}-`));
}
