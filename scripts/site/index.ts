/**
 * Builds the website: runs Eleventy (input `content/`, layouts and partials in `templates/`, configuration in
 * `.eleventy.js`) with the build's model as the global data `insyn`, writing into `outDir`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import { existsSync } from 'node:fs';
import type { SiteModel } from '../model.ts';
import { CATALOG_FILES } from '../dcat/index.ts';
import { checkLinks, recordLinks, type PageLink } from './links.ts';
import { readReport, type ReportData } from './report-data.ts';
import { outputGuard, SitePageError } from './transforms.ts';

export { SitePageError } from './transforms.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds run one at a time (they change the working directory while they run). */
let queue: Promise<unknown> = Promise.resolve();

export function buildSite(model: SiteModel, outDir: string): Promise<void> {
  const run = queue.then(() => runEleventy(model, path.resolve(outDir)));
  queue = run.catch(() => {});
  return run;
}

/** What the build writes beside the site (scripts/dcat/, the pipeline): links to it are never broken. */
function builtBeside(model: SiteModel): string[] {
  const files = Object.values(CATALOG_FILES) as string[];
  for (const d of model.datasets) {
    files.push(d.datapackage.path, d.report.path, `datasets/${d.id}/summary.json`, ...Object.values(d.summary.lists).map((f) => f.path));
    for (const p of d.summary.periods) files.push(...p.files.map((f) => f.path));
  }
  return files;
}

/** Each dataset's report.json as the pipeline wrote it into the output (null where there is none), by dataset id. */
async function loadReports(model: SiteModel, output: string): Promise<Record<string, ReportData | null>> {
  const reports: Record<string, ReportData | null> = {};
  for (const d of model.datasets) reports[d.id] = await readReport(path.join(output, d.report.path));
  return reports;
}

async function runEleventy(model: SiteModel, output: string): Promise<void> {
  const reports = await loadReports(model, output);
  const links: PageLink[] = [];
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
        // What the pipeline found, for the validation report pages (scripts/site/report-page.ts).
        cfg.addGlobalData('reports', reports);
        // SOURCE_DATE_EPOCH's date when it is set (the build checked it), for the feed's month entries.
        cfg.addGlobalData('sourceDate', process.env.SOURCE_DATE_EPOCH ? model.buildDate : null);
        // Eleventy's "Benchmark … Transform" timing notes are noise in a build log.
        cfg.benchmarkManager?.get('Configuration')?.setIsVerbose(false);
        // Pages stay inside the output and never overwrite what the pipeline and the catalogue wrote.
        cfg.addTransform('output-guard', outputGuard(output, existsSync));
        // Every link written in a Markdown page, checked once the site is written (links.ts).
        cfg.amendLibrary('md', recordLinks(links));
        // A site in Swedish only has no English pages.
        if (!model.settings.languages.includes('en')) cfg.ignores.add('content/en/**');
      },
    });
    // Keep Eleventy's warnings and errors, drop its "Wrote 43 files" line: the build reports for itself.
    // Its errors come back to the build as one SitePageError (printed once, without a stack trace).
    elev.logger.overrideLogger({ log() {}, info() {}, warn: console.warn, error() {} });
    try {
      await elev.write();
    } catch (e) {
      throw toSiteError(e);
    }
    checkLinks(links, output, model.pathPrefix, builtBeside(model));
  } finally {
    process.chdir(cwd);
  }
}

/** Eleventy's error (and the errors it wraps) as one message that names the page. */
function toSiteError(e: unknown): Error {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur instanceof Error && depth < 5; depth++) {
    if (cur instanceof SitePageError) return cur;
    const msg = cur.message.replace(/\s*\(via \w+\)\s*$/, '').trim();
    if (msg && !parts.includes(msg)) parts.push(msg);
    cur = (cur as { originalError?: unknown }).originalError ?? (cur as { cause?: unknown }).cause;
  }
  // The cause is kept: a full disk or a read-only file system inside Eleventy is reported as what it is.
  return new SitePageError(`a page of the site could not be built: ${parts.join(' — ')}`, { cause: e });
}
