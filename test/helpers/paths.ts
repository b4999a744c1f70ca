/** Paths tests share: the repository root, `../shared` beside it (may be missing outside CI), temp folders. */
import { existsSync, mkdtempSync } from 'node:fs';
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

export function tempDir(prefix = 'insyn-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
