/**
 * The whole build, as a table of contents: load settings and metadata → publish each dataset (pipeline, or the
 * cache when nothing changed) → the site model → the DCAT catalogue → the Eleventy site → swap the output in.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject, normalizeBaseUrl, publisherOf, ConfigError } from '../config/load.ts';
import { writeCatalog } from '../dcat/index.ts';
import type { DatasetBuild, SiteModel } from '../model.ts';
import { publishDataset, type PublishOptions } from '../pipeline/dataset.ts';
import { buildSite } from '../site/index.ts';
import { checkOutputDir, stage } from './atomic.ts';
import { msg, quoted, trusted } from '../privacy/safe.ts';
import { BuildCache } from './cache.ts';

/** The project folder (templates, content, scripts). */
const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuildOptions {
  dataDir: string;
  outputDir: string;
  /** Overrides `baseUrl` in site.json. */
  baseUrl?: string;
  /** Where unchanged datasets are kept between builds (`.cache/insyn`); null for no cache. */
  cacheDir?: string | null;
  log?(message: string): void;
  /** Problems that do not stop the build (an unusable cache); default: `log`. */
  warn?(message: string): void;
  progress?: PublishOptions['onProgress'];
  /** Called after the datasets are published, before the site is built (tests use it to break a build). */
  afterDatasets?(model: SiteModel, stagingDir: string): Promise<void> | void;
}

export interface BuildResult {
  model: SiteModel;
  outputDir: string;
  /** Datasets taken from the cache / published afresh. */
  cached: string[];
  published: string[];
  skipped: { id: string; reason: string }[];
  /** Export files read to hash them (0 when every file was known by size, mtime and inode). */
  hashedFiles: number;
}

/** `https://user.github.io/repo` → `https://user.github.io/repo/`; refuses what is not an absolute http(s) URL. */
export function checkBaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(trusted('--base-url'), [msg`${quoted(url)} is not an absolute URL; give it as https://example.se/path/`]);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ConfigError(trusted('--base-url'), [msg`${quoted(url)} must start with https:// or http://`]);
  if (u.search || u.hash) throw new ConfigError(trusted('--base-url'), [msg`${quoted(url)} must not have a ?query or #fragment`]);
  return normalizeBaseUrl(u.href);
}

/** `SOURCE_DATE_EPOCH` as YYYY-MM-DD, else the latest date in the data, else 1970-01-01. */
export function referenceDate(datasets: DatasetBuild[]): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  let latest = '';
  for (const d of datasets) if (d.summary.period && d.summary.period.last > latest) latest = d.summary.period.last;
  return latest || '1970-01-01';
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const log = opts.log ?? (() => {});
  const warn = opts.warn ?? ((m: string) => log(`warning: ${m}`));
  const project = await loadProject(opts.dataDir);
  const { settings } = project;
  const baseUrl = checkBaseUrl(opts.baseUrl ?? settings.baseUrl);
  const target = await checkOutputDir(opts.outputDir, { dataDir: opts.dataDir, projectDir: PROJECT_DIR });
  if (project.ignored.length) {
    const shown = project.ignored.slice(0, 10).join(', ');
    log(`ignored on purpose (notes and hidden files are never published): ${shown}${project.ignored.length > 10 ? ` and ${project.ignored.length - 10} more` : ''}`);
  }
  const cache = opts.cacheDir === null ? null : await BuildCache.open(opts.cacheDir ?? '.cache/insyn', PROJECT_DIR, warn);
  const staging = await stage(target);
  const cached: string[] = [];
  const published: string[] = [];
  try {
    const datasets: DatasetBuild[] = [];
    for (const source of project.datasets) {
      const publisher = publisherOf(settings, source.metadata.publisher);
      const key = cache?.usable ? await cache.key(source, publisher) : null;
      const restored = cache && key ? await cache.restore(source.id, key, staging.dir) : null;
      if (restored && 'build' in restored) {
        log(`${source.id}: unchanged since the last build (taken from the cache, every file checked against its SHA-256)`);
        datasets.push(restored.build);
        cached.push(source.id);
        continue;
      }
      if (restored) warn(`${source.id}: the cached copy is damaged (${restored.damaged}); it is not used, the export files are read again`);
      log(`${source.id}: reading ${source.files.length} export file${source.files.length === 1 ? '' : 's'}`);
      const built = await publishDataset(source, publisher, staging.dir, {
        onProgress: opts.progress,
        onFile: (r) => log(`  ${r.file}: ${r.rows} rows, ${r.valid} published, ${r.rejected} rejected, ${r.redacted} redacted (${r.encoding}, "${r.delimiter === '\t' ? '\\t' : r.delimiter}")`),
      });
      if (cache?.usable && key) await cache.store(source.id, key, staging.dir, built);
      datasets.push(built);
      published.push(source.id);
    }
    for (const s of project.skipped) log(`${s.id}: skipped, ${s.reason}`);
    const model: SiteModel = {
      settings: { ...settings, baseUrl },
      baseUrl,
      pathPrefix: new URL(baseUrl).pathname,
      datasets,
      buildDate: referenceDate(datasets),
    };
    await opts.afterDatasets?.(model, staging.dir);
    await writeCatalog(model, staging.dir);
    await buildSite(model, staging.dir);
    await staging.commit();
    await cache?.save();
    return { model, outputDir: resolve(opts.outputDir), cached, published, skipped: project.skipped, hashedFiles: cache?.hashedFiles ?? 0 };
  } catch (e) {
    await staging.abandon();
    throw e;
  }
}
