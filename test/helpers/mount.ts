/**
 * Small file systems for the environment tests: a shell script run in a private mount namespace
 * (`unshare --mount`, or `unshare --user --map-root-user --mount` when not root), where it may mount tmpfs file
 * systems (size-limited, read-only) that vanish with the process. `canMount()` says whether this machine allows
 * it; tests print a notice and skip when it does not.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './paths.ts';

let prefix: string[] | null | undefined;

function probe(args: string[]): boolean {
  const dir = tempDir('insyn-mount-probe-');
  mkdirSync(join(dir, 'm'));
  const r = spawnSync('unshare', [...args, 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0" && touch "$0/x"', join(dir, 'm')], { encoding: 'utf8' });
  return r.status === 0;
}

/** The `unshare` arguments that give a private mount namespace with the right to mount tmpfs, or null. */
export function mountNamespace(): string[] | null {
  if (prefix !== undefined) return prefix;
  const candidates = [
    ['--mount', '--propagation', 'private'],
    ['--user', '--map-root-user', '--mount', '--propagation', 'private'],
  ];
  prefix = candidates.find(probe) ?? null;
  return prefix;
}

export function canMount(): boolean {
  return mountNamespace() !== null;
}

/** Runs a POSIX shell script in a private mount namespace (`$1`… are `args`). */
export function inMountNamespace(script: string, args: string[] = [], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const ns = mountNamespace();
  if (!ns) throw new Error('mounting is not possible here');
  const r = spawnSync('unshare', [...ns, 'sh', '-c', script, 'sh', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
