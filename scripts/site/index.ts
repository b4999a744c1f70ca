/**
 * Builds the website: runs Eleventy (input `content/`, layouts and partials in `templates/`, configuration in
 * `.eleventy.js`) with the build's model as the global data `insyn`, writing into `outDir`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import type { SiteModel } from '../model.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds run one at a time (they change the working directory while they run). */
let queue: Promise<unknown> = Promise.resolve();

export function buildSite(model: SiteModel, outDir: string): Promise<void> {
  const run = queue.then(() => runEleventy(model, path.resolve(outDir)));
  queue = run.catch(() => {});
  return run;
}

async function runEleventy(model: SiteModel, output: string): Promise<void> {
  // Eleventy resolves its folders, ignores and passthrough copies from the working directory: run it from the
  // repository root, whatever the caller's.
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const elev = new Eleventy('content', output, {
      quietMode: true,
      configPath: '.eleventy.js',
      pathPrefix: model.pathPrefix,
      config(cfg: any) {
        cfg.addGlobalData('insyn', model);
        // Eleventy's "Benchmark … Transform" timing notes are noise in a build log.
        cfg.benchmarkManager?.get('Configuration')?.setIsVerbose(false);
        // A site in Swedish only has no English pages.
        if (!model.settings.languages.includes('en')) cfg.ignores.add('content/en/**');
      },
    });
    // Keep Eleventy's warnings and errors, drop its "Wrote 43 files" line: the build reports for itself.
    elev.logger.overrideLogger({ log() {}, info() {}, warn: console.warn, error: console.error });
    await elev.write();
  } finally {
    process.chdir(cwd);
  }
}
