/**
 * Atomic output: the build writes into a temporary folder beside the output and swaps it in only when everything
 * succeeded. A failed build removes its temporary folder and leaves the last good output as it was.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** A file in every output folder Insyn writes: proof that replacing the folder replaces only an earlier build. */
export const OUTPUT_MARKER = '.insyn-site';

/** The output folder cannot be used (it would replace the data, the project or someone's files). */
export class OutputError extends Error {
  override name = 'OutputError';
}

function inside(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && r !== '..');
}

/**
 * Refuses an output folder that the swap would destroy wrongly: the data folder, a folder holding it or inside
 * it, the project folder or one above it, a file, or an existing folder that is not an earlier Insyn build.
 */
export async function checkOutputDir(outputDir: string, protect: { dataDir: string; projectDir: string }): Promise<void> {
  const target = resolve(outputDir);
  const data = resolve(protect.dataDir);
  const project = resolve(protect.projectDir);
  if (inside(target, data) || inside(data, target)) {
    throw new OutputError(`--output ${outputDir} would replace the data folder (${protect.dataDir}) or a folder that holds it. Choose a separate folder, e.g. _site.`);
  }
  if (inside(project, target)) {
    throw new OutputError(`--output ${outputDir} would replace the project folder. Choose a folder of its own, e.g. _site.`);
  }
  for (const part of ['content', 'templates', 'scripts', 'test', 'node_modules', '.git']) {
    if (inside(target, join(project, part))) throw new OutputError(`--output ${outputDir} is inside ${part}/ of the project. Choose a folder of its own, e.g. _site.`);
  }
  let st;
  try {
    st = await stat(target);
  } catch {
    return; // does not exist yet
  }
  if (!st.isDirectory()) throw new OutputError(`--output ${outputDir} is a file, not a folder. Choose a folder, e.g. _site.`);
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    throw new OutputError(
      `--output ${outputDir} holds other files (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}) and is not an earlier Insyn build; the build would replace it whole. Choose an empty or new folder.`,
    );
  }
}

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
  await writeFile(join(dir, OUTPUT_MARKER), 'This folder is written by Insyn (npm run build), which replaces it whole on every build.\n');
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
