/**
 * Atomic output. The output path (`_site`) is a symbolic link to a complete build in a folder beside it
 * (`._site.builds/b-…/`). A build writes a new folder there and, when everything succeeded, points the link at it
 * with one rename(2) of a new link over the old one: at every moment the output path is either the previous
 * complete build or the new complete build, never missing or partial.
 *
 * A build that stops being current is kept for at least 30 seconds (a web server or a reader that resolved the
 * path a moment ago is not cut off; a file it has open is never cut off anyway), then removed by the next build
 * that runs by then, in a child process beside that build's work rather than before or after it. So
 * the disk holds two builds (the current and the one being made), more only while builds follow each other
 * within 30 seconds. The leftovers of builds that were killed are removed by the next build.
 *
 *   _site -> ._site.builds/b-mhx3k2-4711-9f2c     the current build (what a web server and the Pages upload read)
 *   ._site.builds/
 *     .insyn-builds                                 marker: this folder belongs to Insyn
 *     previous -> b-mhx2a1-4690-77aa                the build before it, while it is kept
 *     .retired-b-mhx2a1-4690-77aa                   a link whose time is when that build stopped being current
 *     b-mhx3k2-4711-9f2c/, b-mhx2a1-4690-77aa/
 *
 * A plain output folder of an earlier version (one with a `.insyn-site` marker) is moved into the builds folder
 * once, as the previous build; that one swap is two renames (Node has no atomic exchange of a folder for a link),
 * and a build killed between them is repaired by the next build. A failed build removes its folder and leaves the
 * output path as it was.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readlink, realpath, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { msg, safe, safeJoin, trusted, type Safe } from '../privacy/safe.ts';

/** A file in every build folder Insyn writes: proof that replacing the output replaces only an earlier build. */
export const OUTPUT_MARKER = '.insyn-site';
/** A file in the builds folder beside the output. */
export const BUILDS_MARKER = '.insyn-builds';

/** The output folder cannot be used (it would replace the data, the project or someone's files). */
export class OutputError extends Error {
  override name = 'OutputError';
  constructor(message: Safe) {
    super(message);
  }
}

/** A path for a message (masked, escaped, bounded). */
const p$ = (path: string): Safe => safe(path, 400);

function inside(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !r.startsWith(sep) && !/^[a-zA-Z]:/.test(r));
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

async function lstatOrNull(p: string) {
  try {
    return await lstat(p);
  } catch (e) {
    if (code(e) === 'ENOENT') return null;
    throw e;
  }
}

/**
 * `mkdir -p` that reports the real reason it failed: Node's recursive mkdir answers ENOENT on a read-only file
 * system, where this answers EROFS.
 */
export async function makeFolder(p: string): Promise<void> {
  const st = await stat(p).catch(() => null);
  if (st?.isDirectory()) return;
  const up = dirname(p);
  if (up !== p) await makeFolder(up);
  try {
    await mkdir(p);
  } catch (e) {
    if (code(e) !== 'EEXIST' || !(await stat(p)).isDirectory()) throw e;
  }
}

/** The builds folder for an output path: `<parent>/.<name>.builds`. */
export function buildsDirOf(outputPath: string): string {
  return join(dirname(outputPath), `.${basename(outputPath)}.builds`);
}

/** How long a build that stopped being current is kept at least, for readers still in it. */
export const RETIRED_GRACE_MS = 30_000;

const BUILD_NAME = /^b-[0-9a-z]+-(\d+)-[0-9a-f]+$/;
const TEMP_LINK = /^\.link-(\d+)-[0-9a-f]+$/;
const RETIRED = '.retired-';

/** Is `target` (a link's text) what Insyn writes for `outputPath`: `.<name>.builds/b-…`? */
function managedTarget(outputPath: string, target: string): string | null {
  const prefix = `.${basename(outputPath)}.builds`;
  const parts = target.split(/[\\/]/);
  if (parts.length === 2 && parts[0] === prefix && BUILD_NAME.test(parts[1])) return parts[1];
  // Windows junctions hold absolute targets.
  if (resolve(dirname(outputPath), target) === join(buildsDirOf(outputPath), basename(target)) && BUILD_NAME.test(basename(target))) return basename(target);
  return null;
}

/**
 * The real path of the folder `p` even when its last parts do not exist yet: the real path of the nearest
 * existing ancestor, with the rest appended. Throws an OutputError when that ancestor (or `p`) is a file.
 */
async function realFolderOf(p: string, shown: string): Promise<string> {
  const abs = resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    let real: string;
    try {
      real = await realpath(cur);
    } catch (e) {
      if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') throw e;
      const up = dirname(cur);
      if (up === cur) return abs;
      rest.unshift(basename(cur));
      cur = up;
      continue;
    }
    if (!(await stat(real)).isDirectory()) {
      throw new OutputError(msg`--output ${p$(shown)}: ${p$(cur)} is a file, not a folder, so nothing can be written in it. Choose a folder, e.g. _site.`);
    }
    return join(real, ...rest);
  }
}

/** Where a build goes: the output path (the link Insyn manages) and the builds folder beside it. */
export interface OutputTarget {
  /** As the user gave it (for messages). */
  shown: string;
  /** Absolute, with every symbolic link the user made followed: the path that becomes Insyn's link. */
  path: string;
  buildsDir: string;
}

/**
 * The output path with the user's own symbolic links followed: `--output _site` where `_site` is a link that
 * Insyn did not make (`_site -> /var/www/insyn`) builds at the place it points to (which becomes Insyn's link to
 * its builds) and leaves the user's link as it is. A link Insyn made (`_site -> ._site.builds/b-…`) is the output.
 */
export async function resolveOutput(outputDir: string): Promise<OutputTarget> {
  let p = join(await realFolderOf(dirname(resolve(outputDir)), outputDir), basename(resolve(outputDir)));
  for (let hops = 0; ; hops++) {
    if (hops > 40) throw new OutputError(msg`--output ${p$(outputDir)}: too many levels of symbolic links. Choose a folder, e.g. _site.`);
    const st = await lstatOrNull(p);
    if (!st?.isSymbolicLink()) break;
    const target = await readlink(p);
    if (managedTarget(p, target)) break;
    const next = resolve(dirname(p), target);
    p = join(await realFolderOf(dirname(next), outputDir), basename(next));
  }
  return { shown: outputDir, path: p, buildsDir: buildsDirOf(p) };
}

/**
 * Refuses an output that the build would destroy wrongly: the data folder, a folder holding it or inside it (real
 * paths: a symbolic link into an earlier build counts as that build), the project folder or one above it, a file,
 * a mount point (it cannot be replaced by a link), or an existing folder that is not an earlier Insyn build.
 */
export async function checkOutputDir(outputDir: string, protect: { dataDir: string; projectDir: string }): Promise<OutputTarget> {
  const target = await resolveOutput(outputDir);
  const { path, buildsDir } = target;
  const data = await realpath(protect.dataDir).catch(() => resolve(protect.dataDir));
  const project = await realpath(protect.projectDir).catch(() => resolve(protect.projectDir));
  const current = await realpath(path).catch(() => path);
  if (inside(path, data) || inside(data, path) || inside(data, current) || inside(current, data) || inside(data, buildsDir)) {
    throw new OutputError(msg`--output ${p$(outputDir)} would replace the data folder (${p$(protect.dataDir)}) or a folder that holds it. Choose a separate folder, e.g. _site.`);
  }
  if (inside(project, path) || inside(project, buildsDir)) {
    throw new OutputError(msg`--output ${p$(outputDir)} would replace the project folder. Choose a folder of its own, e.g. _site.`);
  }
  for (const part of ['content', 'templates', 'scripts', 'test', 'node_modules', '.git', 'data']) {
    if (inside(path, join(project, part))) throw new OutputError(msg`--output ${p$(outputDir)} is inside ${trusted(part)}/ of the project. Choose a folder of its own, e.g. _site.`);
  }
  if (/^\..+\.builds$/.test(basename(dirname(path))) && (await lstatOrNull(join(dirname(path), BUILDS_MARKER)))) {
    throw new OutputError(msg`--output ${p$(outputDir)} is (or links to) a build inside Insyn's builds folder ${p$(dirname(path))}: give the output path itself (${p$(join(dirname(dirname(path)), basename(dirname(path)).slice(1, -'.builds'.length)))}).`);
  }
  const bst = await lstatOrNull(buildsDir);
  if (bst) {
    if (!bst.isDirectory()) throw new OutputError(msg`--output ${p$(outputDir)}: ${p$(buildsDir)} is in the way (Insyn keeps its builds there, but it is not a folder of Insyn's). Move it, or choose another output folder.`);
    const entries = await readdir(buildsDir);
    if (entries.length > 0 && !entries.includes(BUILDS_MARKER)) {
      throw new OutputError(msg`--output ${p$(outputDir)}: ${p$(buildsDir)} holds other files and is not Insyn's builds folder. Move it, or choose another output folder.`);
    }
  }
  const st = await lstatOrNull(path);
  if (!st) return target;
  if (st.isSymbolicLink()) return target; // Insyn's own link (resolveOutput followed every other)
  if (!st.isDirectory()) throw new OutputError(msg`--output ${p$(outputDir)} is a file, not a folder. Choose a folder, e.g. _site.`);
  const entries = await readdir(path);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    throw new OutputError(
      msg`--output ${p$(outputDir)} holds other files (${safeJoin(entries.slice(0, 3).map((e) => safe(e)), ', ')}${trusted(entries.length > 3 ? ', …' : '')}) and is not an earlier Insyn build; the build would replace it whole. Choose an empty or new folder.`,
    );
  }
  if ((await stat(path)).dev !== (await stat(dirname(path))).dev) {
    throw new OutputError(
      msg`--output ${p$(outputDir)} is a mount point (another file system is mounted there). Insyn replaces the output path with a link to each complete build, which a mount point cannot be: give a folder inside the mount (e.g. ${p$(join(outputDir, 'site'))}) and point the web server there, or mount the parent folder instead.`,
    );
  }
  return target;
}

export interface Staging {
  /** Where this build writes. */
  dir: string;
  /** Points the output path at the staged build in one atomic rename; keeps the previous build. */
  commit(): Promise<void>;
  /** Removes the staged build. */
  abandon(): Promise<void>;
}

function alive(pid: number): boolean {
  // pid 0: a folder moved in from an earlier layout; our own pid: an earlier process that had it (containers
  // start at low pids again).
  if (pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) === 'EPERM';
  }
}

/** Replaces `path` by a symbolic link to `target` (text) in one rename(2). */
async function placeLink(target: string, path: string, tempDir: string): Promise<void> {
  const temp = join(tempDir, `.link-${process.pid}-${randomBytes(4).toString('hex')}`);
  if (process.platform === 'win32') await symlink(resolve(dirname(path), target), temp, 'junction');
  else await symlink(target, temp);
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => {});
    throw e;
  }
}

async function linkName(path: string, dir: string): Promise<string | null> {
  const st = await lstatOrNull(path);
  if (!st?.isSymbolicLink()) return null;
  const t = await readlink(path);
  const name = basename(t);
  return dirname(resolve(dirname(path), t)) === dir && BUILD_NAME.test(name) ? name : null;
}

/**
 * Removes build folders while the build goes on: `rm -rf` in a child process (a build of 20,000 supplier pages is
 * 64,000 files and 1.3 GB, 6 s of deleting on an idle disk and over 30 s beside Eleventy's writing), fs.rm where
 * there is no `rm`. What is due when the build starts is removed beside the build and waited for before the swap.
 * A build still within RETIRED_GRACE_MS is removed when its time is up, if this build still runs then, and that
 * removal is not waited for: it may go on after the build has finished (a folder it leaves half removed has no
 * links left, and the next build removes it as a dead build's leftover). `settle()` waits for the first kind and
 * drops the removals not yet due (the next build does them).
 */
class Sweeper {
  private readonly pending: Promise<void>[] = [];
  private readonly timers: NodeJS.Timeout[] = [];

  remove(path: string): void {
    this.pending.push(removeFolder(path, false));
  }

  later(ms: number, fn: () => Promise<void>): void {
    const timer = setTimeout(() => void fn().catch(() => {}), ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Removes `path` without anyone waiting for it (see above). */
  detached(path: string): void {
    void removeFolder(path, true);
  }

  async settle(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
    while (this.pending.length) await Promise.all(this.pending.splice(0));
  }
}

function removeFolder(path: string, detached: boolean): Promise<void> {
  const fallback = () => rm(path, { recursive: true, force: true }).catch(() => {});
  if (process.platform === 'win32') return fallback();
  return new Promise<void>((done) => {
    const child = spawn('rm', ['-rf', '--', path], { stdio: 'ignore', detached });
    if (detached) child.unref();
    child.on('error', () => void fallback().then(done));
    child.on('exit', (status) => void (status === 0 ? done() : fallback().then(done)));
  });
}

/**
 * Removes what no reader can be using: builds retired more than RETIRED_GRACE_MS ago, and folders and temporary
 * links of builds that are not running any more (killed, or failed without removing their folder). When the
 * output path is missing (a build was killed in the one-time move from a plain folder), the previous build is
 * linked back first. At the start of a build the folders are removed while the build runs (and a build still within
 * its grace when it is due); at its end, without waiting (the Sweeper above).
 */
async function tidy(target: OutputTarget, sweeper: Sweeper, when: 'start' | 'end'): Promise<void> {
  const { path, buildsDir } = target;
  let current = await linkName(path, buildsDir);
  const previousLink = join(buildsDir, 'previous');
  const previous = await linkName(previousLink, buildsDir);
  if (!(await lstatOrNull(path)) && previous && (await lstatOrNull(join(buildsDir, previous)))) {
    await placeLink(`${basename(buildsDir)}/${previous}`, path, buildsDir);
    current = previous;
  }
  const names = await readdir(buildsDir);
  const retiredAt = new Map<string, number>();
  for (const n of names) {
    if (!n.startsWith(RETIRED)) continue;
    const st = await lstatOrNull(join(buildsDir, n));
    if (st) retiredAt.set(n.slice(RETIRED.length), st.mtimeMs);
  }
  const now = Date.now();
  // A build's links go first, then its folder: a folder half removed when the process is killed has no links
  // left and is a dead build's leftover to the next build.
  const unlink = async (name: string) => {
    if ((await linkName(previousLink, buildsDir)) === name) await rm(previousLink, { force: true });
    await rm(join(buildsDir, `${RETIRED}${name}`), { force: true });
  };
  const remove = async (name: string, later = false) => {
    if ((await linkName(path, buildsDir)) === name) return; // current again (a build of its own)
    await unlink(name);
    // At the end of a build nothing waits for a removal any more.
    if (later || when === 'end') sweeper.detached(join(buildsDir, name));
    else sweeper.remove(join(buildsDir, name));
  };
  for (const name of names) {
    if (name === current || !BUILD_NAME.test(name)) continue;
    const retired = retiredAt.get(name);
    if (retired !== undefined) {
      const left = RETIRED_GRACE_MS - (now - retired);
      if (left > 0) {
        // A reader may still be in it: removed when its time is up, if this build still runs then.
        if (when === 'start') sweeper.later(left, () => remove(name, true));
        continue;
      }
    } else if (alive(Number((BUILD_NAME.exec(name) as RegExpExecArray)[1]))) {
      continue; // a build running now
    }
    await remove(name);
  }
  for (const name of names) {
    const m = TEMP_LINK.exec(name);
    if (m && !alive(Number(m[1]))) await rm(join(buildsDir, name), { force: true });
    const of = name.startsWith(RETIRED) ? name.slice(RETIRED.length) : null;
    if (of !== null && (of === current || !names.includes(of))) await rm(join(buildsDir, name), { force: true });
  }
  if (previous && (previous === current || !names.includes(previous))) await rm(previousLink, { force: true });
}

/** Marks `name` as no longer current (now): it is kept for RETIRED_GRACE_MS, and is the "previous" build. */
async function retire(buildsDir: string, name: string): Promise<void> {
  await placeLink(name, join(buildsDir, 'previous'), buildsDir);
  await placeLink(name, join(buildsDir, `${RETIRED}${name}`), buildsDir);
}

/**
 * The earlier layout's temporary folders beside the output (`.<name>.building-<pid>`, `.<name>.old-<pid>`), left
 * by builds that were killed: removed when their process is gone and they hold Insyn's marker.
 */
async function removeOldLeftovers(path: string): Promise<void> {
  const name = basename(path);
  const parent = dirname(path);
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    const m = /^\.(.+)\.(?:building|old)-(\d+)$/.exec(entry);
    if (!m || m[1] !== name || alive(Number(m[2]))) continue;
    if (await lstatOrNull(join(parent, entry, OUTPUT_MARKER))) await rm(join(parent, entry), { recursive: true, force: true });
  }
}

/** Starts a build: a new folder in the builds folder beside the output, after removing what killed builds left. */
export async function stage(output: string | OutputTarget): Promise<Staging> {
  const target = typeof output === 'string' ? await resolveOutput(output) : output;
  const { path, buildsDir } = target;
  const hadBuildsDir = (await lstatOrNull(buildsDir)) !== null;
  await makeFolder(buildsDir);
  await writeFile(
    join(buildsDir, BUILDS_MARKER),
    `Insyn's builds of ${basename(path)} (npm run build): ${basename(path)} links to the current one, "previous" to the one before.\n`,
  );
  const sweeper = new Sweeper();
  await tidy(target, sweeper, 'start');
  await removeOldLeftovers(path);
  const name = `b-${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = join(buildsDir, name);
  await mkdir(dir);
  await writeFile(join(dir, OUTPUT_MARKER), 'This folder is written by Insyn (npm run build), which replaces the output whole on every build.\n');
  const rel = `${basename(buildsDir)}/${name}`;
  return {
    dir,
    async commit() {
      await sweeper.settle();
      const st = await lstatOrNull(path);
      if (st?.isSymbolicLink()) {
        const old = await linkName(path, buildsDir);
        if (old) await retire(buildsDir, old);
        await placeLink(rel, path, buildsDir);
      } else if (st) {
        // The one-time move of a plain output folder (an earlier version's layout) into the builds folder.
        const moved = `b-${Date.now().toString(36)}-0-${randomBytes(4).toString('hex')}`;
        await retire(buildsDir, moved);
        await rename(path, join(buildsDir, moved));
        try {
          await placeLink(rel, path, buildsDir);
        } catch (e) {
          await rename(join(buildsDir, moved), path).catch(() => {});
          throw e;
        }
      } else {
        await placeLink(rel, path, buildsDir);
      }
      // The new build is in place: what is left is removed without waiting, or by the next build.
      await tidy(target, sweeper, 'end').catch(() => {});
    },
    async abandon() {
      await sweeper.settle().catch(() => {});
      await rm(dir, { recursive: true, force: true });
      if (!hadBuildsDir) {
        // A failed first build leaves nothing behind.
        const left = await readdir(buildsDir).catch(() => [] as string[]);
        if (left.every((n) => n === BUILDS_MARKER)) await rm(buildsDir, { recursive: true, force: true });
      }
    },
  };
}
