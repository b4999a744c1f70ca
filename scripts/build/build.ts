/**
 * The whole build, as a table of contents: load settings and metadata → publish each dataset (pipeline, or the
 * cache when nothing changed) → the site model → the DCAT catalogue → the Eleventy site → its search index →
 * swap the output in.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject, normalizeBaseUrl, publisherOf, ConfigError } from '../config/load.ts';
import { MAX_SERIES_MEMBERS } from '../dcat/entries.ts';
import { writeCatalog } from '../dcat/index.ts';
import type { DatasetBuild, SiteModel } from '../model.ts';
import { startIndex } from '../index/index.ts';
import { noticeLine, publishDataset, type PublishOptions } from '../pipeline/dataset.ts';
import { buildSite } from '../site/index.ts';
import { startSearchIndex, type SearchIndexJob } from '../site/search.ts';
import { searchRecords } from '../site/search-records.ts';
import { checkOutputDir, stage } from './atomic.ts';
import { msg, quoted, safe, trusted, type Safe } from '../privacy/safe.ts';
import { BuildCache } from './cache.ts';

/** A setting of the command or its environment (not a file) that cannot be used: a usage mistake (exit 2). */
export class BuildArgumentError extends Error {
  override name = 'BuildArgumentError';
  constructor(
    readonly what: Safe,
    problem: Safe,
  ) {
    super(msg`${what}: ${problem}`);
  }
}

/** The data read fine but cannot be published as it is (exit 1): the message says what to do. */
export class PublishError extends Error {
  override name = 'PublishError';
  constructor(message: Safe) {
    super(message);
  }
}

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
  warn?(message: Safe): void;
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
  /** Seconds each step took (for the benchmark). */
  timings: { datasets: number; index: number; catalog: number; site: number; search: number; commit: number; total: number };
}

/**
 * `https://user.github.io/repo` → `https://user.github.io/repo/`; refuses what is not an absolute http(s) URL, a
 * `?` or `#` (even a bare one, which `new URL()` would drop), and a user name or password (it would be published
 * on every page and in the catalogue; the message never repeats it).
 */
export function checkBaseUrl(url: string, source: Safe = trusted('--base-url')): string {
  const shown = quoted(url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1…@'));
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url)) {
    throw new ConfigError(source, [msg`${shown} holds a user name or password (user:pass@…): it would be published on every page and in the catalogue. Give the address without it.`]);
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(source, [msg`${shown} is not an absolute URL; give it as https://example.se/path/`]);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ConfigError(source, [msg`${shown} must start with https:// or http://`]);
  if (u.username || u.password) throw new ConfigError(source, [msg`${shown} holds a user name or password: give the address without it.`]);
  if (/[?#]/.test(url)) {
    throw new ConfigError(source, [msg`${shown} must not have a ?query or #fragment (not even a bare ? or #): give the address of the site's folder, e.g. https://example.se/insyn/`]);
  }
  return normalizeBaseUrl(u.href);
}

/** The largest SOURCE_DATE_EPOCH a date can be made of: 9999-12-31T23:59:59Z. */
const MAX_EPOCH = 253402300799;

/** `SOURCE_DATE_EPOCH` as YYYY-MM-DD, or null when it is not set; refuses a value that is not a usable time. */
export function sourceDate(): string | null {
  const raw = process.env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return null;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_EPOCH) {
    throw new BuildArgumentError(
      trusted('SOURCE_DATE_EPOCH'),
      msg`${quoted(raw, 40)} is not a time Insyn can use: it must be whole seconds since 1970-01-01 UTC (for example the last commit's, git log -1 --format=%ct), at most ${MAX_EPOCH} (9999-12-31). Set it right, or unset it to take dates from the data.`,
    );
  }
  return new Date(Number(raw) * 1000).toISOString().slice(0, 10);
}

/** `SOURCE_DATE_EPOCH` as YYYY-MM-DD, else the latest date in the data, else 1970-01-01. */
export function referenceDate(datasets: DatasetBuild[]): string {
  const epoch = sourceDate();
  if (epoch) return epoch;
  let latest = '';
  for (const d of datasets) if (d.summary.period && d.summary.period.last > latest) latest = d.summary.period.last;
  return latest || '1970-01-01';
}

/** The files of a dataset whose SHA-256 the pipeline computed as it wrote them, by path below `datasets/<id>/`. */
function hashedOutputs(d: DatasetBuild): Map<string, string> {
  const prefix = `datasets/${d.id}/`;
  const files = [...d.summary.periods.flatMap((p) => p.files), d.summary.lists.suppliers, d.summary.lists.accounts, d.summary.lists.departments, d.report, d.datapackage];
  return new Map(files.filter((f) => f.path.startsWith(prefix)).map((f) => [f.path.slice(prefix.length), f.sha256]));
}

/** DCAT-AP-SE: a yearly dataset is a series of at most 50 datasets, one per year. */
function checkSeriesLength(d: DatasetBuild, dir: string): void {
  const years = d.summary.periods.length;
  if (d.metadata.series !== 'yearly' || years <= MAX_SERIES_MEMBERS) return;
  // Period keys of a yearly dataset are years (four digits), and the id a checked slug.
  const first = safe(d.summary.periods[0].key);
  const last = safe(d.summary.periods[years - 1].key);
  throw new PublishError(
    msg`${safe(dir, 400)}: ${years} years of data (${first}–${last}), but DCAT-AP-SE allows at most ${MAX_SERIES_MEMBERS} datasets (years) in a dataset series, so the catalogue cannot describe it. \
Move the oldest years' exports to a dataset folder of their own (for example ${safe(d.id)}-arkiv, with its own dataset.json), or publish the dataset as one file with "series": "cumulative" in its dataset.json.`,
  );
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const log = opts.log ?? (() => {});
  const warn = opts.warn ?? ((m: Safe) => log(`warning: ${m}`));
  sourceDate(); // a SOURCE_DATE_EPOCH that cannot be used is refused before anything is read
  const project = await loadProject(opts.dataDir);
  const { settings } = project;
  const baseUrl = opts.baseUrl !== undefined ? checkBaseUrl(opts.baseUrl) : checkBaseUrl(settings.baseUrl, msg`${safe(relative(process.cwd(), resolve(opts.dataDir, 'site.json')))} (baseUrl)`);
  const target = await checkOutputDir(opts.outputDir, { dataDir: opts.dataDir, projectDir: PROJECT_DIR });
  if (project.ignored.length) {
    const shown = project.ignored.slice(0, 10).join(', ');
    log(`ignored on purpose (notes and hidden files are never published): ${shown}${project.ignored.length > 10 ? ` and ${project.ignored.length - 10} more` : ''}`);
  }
  const started = process.hrtime.bigint();
  const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
  const cache = opts.cacheDir === null ? null : await BuildCache.open(opts.cacheDir ?? '.cache/insyn', PROJECT_DIR, warn);
  const staging = await stage(target);
  const cached: string[] = [];
  const published: string[] = [];
  const datasetKeys: (string | null)[] = [];
  let searchJob: SearchIndexJob | null = null;
  let rowsWritten: Promise<void> | null = null;
  try {
    const datasets: DatasetBuild[] = [];
    for (const source of project.datasets) {
      const publisher = publisherOf(settings, source.metadata.publisher);
      const key = cache?.usable ? await cache.key(source, publisher) : null;
      datasetKeys.push(key);
      const restored = cache && key ? await cache.restore(source.id, key, staging.dir) : null;
      if (restored && 'build' in restored) {
        log(`${source.id}: unchanged since the last build (taken from the cache, every file checked against its SHA-256)`);
        for (const n of restored.build.summary.notices ?? []) warn(noticeLine(source.id, n));
        datasets.push(restored.build);
        cached.push(source.id);
        continue;
      }
      if (restored) warn(msg`${safe(source.id)}: the cached copy is damaged (${restored.damaged}); it is not used, the export files are read again`);
      log(`${source.id}: reading ${source.files.length} export file${source.files.length === 1 ? '' : 's'}`);
      const built = await publishDataset(source, publisher, staging.dir, {
        onProgress: opts.progress,
        units: cache?.usable ? cache.unitStore(source, publisher) : undefined,
        formats: cache?.usable ? cache.formatStore(source.id) : undefined,
        onDerived: (name, fromCache) => log(`  ${name}: ${fromCache ? 'its CSV is unchanged: from the cache' : 'written'}`),
        onFile: (r, fromCache) =>
          log(
            `  ${r.file}: ${r.rows} rows, ${r.valid} published, ${r.rejected} rejected, ${r.redacted} redacted (${r.sheet !== undefined ? `Excel workbook, sheet "${r.sheet}"` : `${r.encoding}, "${r.delimiter === '\t' ? '\\t' : r.delimiter}"`})${fromCache ? ', unchanged: from the cache' : ''}`,
          ),
      });
      for (const n of built.summary.notices) warn(noticeLine(source.id, n));
      if (cache?.usable && key) await cache.store(source.id, key, staging.dir, built, hashedOutputs(built));
      datasets.push(built);
      published.push(source.id);
    }
    for (const s of project.skipped) log(`${s.id}: skipped, ${s.reason}`);
    for (const [i, d] of datasets.entries()) checkSeriesLength(d, relative(process.cwd(), project.datasets[i].dir) || project.datasets[i].dir);
    const model: SiteModel = {
      settings: { ...settings, baseUrl },
      baseUrl,
      pathPrefix: new URL(baseUrl).pathname,
      datasets,
      buildDate: referenceDate(datasets),
    };
    const datasetsSeconds = seconds(started);
    const indexStart = process.hrtime.bigint();
    // The suppliers' rows files are written beside Eleventy (scripts/index/rows-files.ts), done before the swap.
    const indexed = await startIndex(model, staging.dir, cache?.usable ? cache : null);
    rowsWritten = indexed.written;
    model.index = indexed.index;
    const indexSeconds = seconds(indexStart);
    await opts.afterDatasets?.(model, staging.dir);
    const catalogStart = process.hrtime.bigint();
    await writeCatalog(model, staging.dir);
    const catalog = seconds(catalogStart);
    // The search index's records go to Pagefind before Eleventy runs: it indexes them beside it (scripts/site/search.ts).
    const searchStart = process.hrtime.bigint();
    const inputs = JSON.stringify({ datasetKeys, settings: model.settings, buildDate: model.buildDate });
    searchJob = await startSearchIndex(staging.dir, { records: searchRecords(model), cache: cache?.usable ? cache : null, inputs });
    const searchStarting = seconds(searchStart);
    const siteStart = process.hrtime.bigint();
    await buildSite(model, staging.dir, { pending: rowsWritten });
    const site = seconds(siteStart);
    const searchFinish = process.hrtime.bigint();
    const search = await searchJob.finish();
    searchJob = null;
    // What the search stage added to the build: its start and what was left after Eleventy.
    const searchSeconds = searchStarting + seconds(searchFinish);
    log(`search index: ${search.pages} pages, ${search.records} records, ${(search.bytes / 1e6).toFixed(1)} MB in ${search.files} files`);
    await rowsWritten;
    const commitStart = process.hrtime.bigint();
    await staging.commit();
    await cache?.save();
    const commit = seconds(commitStart);
    const timings = { datasets: datasetsSeconds, index: indexSeconds, catalog, site, search: searchSeconds, commit, total: seconds(started) };
    return { model, outputDir: resolve(opts.outputDir), cached, published, skipped: project.skipped, hashedFiles: cache?.hashedFiles ?? 0, timings };
  } catch (e) {
    await searchJob?.abandon().catch(() => {});
    await rowsWritten?.catch(() => {});
    await staging.abandon().catch(() => {}); // the error that stopped the build is the one to report
    throw e;
  }
}
