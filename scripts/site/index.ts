/**
 * Builds the website: runs Eleventy (input `content/`, layouts and partials in `templates/`, configuration in
 * `.eleventy.js`) with the build's model as the global data `insyn`, writing into `outDir`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import { existsSync, readdirSync } from 'node:fs';
import type { SiteModel } from '../model.ts';
import { CATALOG_FILES } from '../dcat/index.ts';
import { checkLinks, recordLinks, type PageLink } from './links.ts';
import { readReport, type ReportData } from './report-data.ts';
import { deepFreeze } from './freeze.ts';
import { holdFileSystemRejections } from './held-rejections.ts';
import { closeSupplierMains, openSupplierMains } from './supplier-main.ts';
import { outputGuard, SitePageError } from './transforms.ts';

export { SitePageError } from './transforms.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds run one at a time (they change the working directory while they run). */
let queue: Promise<unknown> = Promise.resolve();

/** A page that is not a file in `content/` (Eleventy's virtual templates): generated pages for benchmarks and tests. */
export interface ExtraTemplate {
  /** Input path relative to `content/` (`bench/leverantor.11ty.js`; a layout: `../templates/layouts/x.njk`). */
  path: string;
  /** The template's text, or for `.11ty.js` its module (`{ data, render }`). */
  content: string | Record<string, unknown>;
  /** Its front matter, as data (functions allowed: `permalink`, `eleventyComputed`). */
  data?: Record<string, unknown>;
}

export interface SiteOptions {
  templates?: ExtraTemplate[];
  /** Files still being written beside Eleventy (the suppliers' rows files): waited for before the links are checked. */
  pending?: Promise<unknown>;
}

/**
 * Builds the site from `model` into `outDir`. The model is frozen (deeply, in place): the site is the last stage,
 * nothing changes the model after it, and Eleventy hands a frozen object to every page instead of copying it.
 */
export function buildSite(model: SiteModel, outDir: string, options: SiteOptions = {}): Promise<void> {
  const run = queue.then(() => runEleventy(model, path.resolve(outDir), options));
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

async function runEleventy(model: SiteModel, output: string, options: SiteOptions): Promise<void> {
  const reports = await loadReports(model, output);
  const links: PageLink[] = [];
  // Eleventy resolves its folders, ignores and passthrough copies from the working directory: run it from the
  // repository root, whatever the caller's.
  const before = filesIn(output);
  const cwd = process.cwd();
  process.chdir(ROOT);
  // A file write that fails while Eleventy still writes other pages is held, not a crash (held-rejections.ts).
  const rejections = holdFileSystemRejections();
  let left: unknown[] = [];
  openSupplierMains();
  try {
    const elev = new Eleventy('content', output, {
      quietMode: true,
      configPath: '.eleventy.js',
      pathPrefix: model.pathPrefix,
      config(cfg: any) {
        // Frozen, Eleventy gives it to every page as it is, neither copied nor wrapped (scripts/site/freeze.ts).
        cfg.addGlobalData('insyn', deepFreeze(model));
        // What the pipeline found, for the validation report pages (scripts/site/report-page.ts).
        cfg.addGlobalData('reports', deepFreeze(reports));
        // SOURCE_DATE_EPOCH's date when it is set (the build checked it), for the feed's month entries.
        cfg.addGlobalData('sourceDate', process.env.SOURCE_DATE_EPOCH ? model.buildDate : null);
        // Eleventy's "Benchmark … Transform" timing notes are noise in a build log.
        cfg.benchmarkManager?.get('Configuration')?.setIsVerbose(false);
        // Pages stay inside the output and never overwrite what the pipeline and the catalogue wrote: the files
        // there before Eleventy ran (listed once, not looked up on disk for every page).
        cfg.addTransform('output-guard', outputGuard(output, (file) => before.has(file)));
        // Every link written in a Markdown page, checked once the site is written (links.ts).
        cfg.amendLibrary('md', recordLinks(links));
        // A site in Swedish only has no English pages.
        if (!model.settings.languages.includes('en')) cfg.ignores.add('content/en/**');
        for (const t of options.templates ?? []) cfg.addTemplate(t.path, t.content, t.data ?? {});
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
    await options.pending;
    checkLinks(links, output, model.pathPrefix, builtBeside(model));
  } finally {
    process.chdir(cwd);
    await closeSupplierMains();
    left = await rejections.release();
  }
  // A page's file that failed to be written, and that Eleventy never reported.
  if (left.length > 0) throw toSiteError(left[0]);
}

/** Every file under `dir` (absolute paths); none when it does not exist yet. */
function filesIn(dir: string): Set<string> {
  if (!existsSync(dir)) return new Set();
  return new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => path.join(e.parentPath, e.name)),
  );
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
