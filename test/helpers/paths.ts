/** Paths tests share: the repository root, `../shared` beside it (may be missing outside CI), temp folders (removed when the test process exits). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(ROOT, '..', 'shared');
export const hasShared = existsSync(join(SHARED, 'spec'));

/** Prints the one-line notice for a test that needs `../shared` and returns whether it is there. */
export function needShared(what: string): boolean {
  if (!hasShared) console.log(`notice: ../shared is missing, skipping ${what}`);
  return hasShared;
}

/** The temporary folders this test process made: removed when it exits (kept with INSYN_KEEP_TEMP=1, to look into). */
const made: string[] = [];

export function tempDir(prefix = 'insyn-test-', parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, prefix));
  if (made.push(dir) === 1) process.on('exit', removeTempDirs);
  return dir;
}

function removeTempDirs(): void {
  if (process.env.INSYN_KEEP_TEMP) return;
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // a folder a test made read-only: left for the system's cleaning
    }
  }
}
