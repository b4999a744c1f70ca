/**
 * The build stage after Eleventy: the site's search index (Pagefind), written into the output as `pagefind/`
 * before the output is swapped in. It indexes
 *   - the built pages that mark their main content with `data-pagefind-body` (datasets, statistics, publishers,
 *     guides: base.njk does it for a page whose data has `searchKind`), with their `kind` and `publisher` filters;
 *   - records that are not pages of their own or whose words are not all on a page (suppliers under every name
 *     they were written with, accounts, departments): `SearchRecord`s, given to `writeSearchIndex`.
 * The search page (`/sok/`, `/en/search/`, templates/layouts/search.njk and content/assets/search.js) loads
 * the index from the site itself: nothing from another origin, and it works under a project path.
 *
 * Pagefind runs as a binary (the `pagefind` package's optional dependency for the platform); the index is the
 * same for the same input (its file names are hashes of their content), on any machine where the records fit in
 * /dev/shm, and always on the same machine (search-pagefind.ts).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../model.ts';
import { sectionPages, startPagefindBeside } from './search-pagefind.ts';

/** What a record or page is, in the index's `kind` filter; the search page names each in its language. */
export type SearchKind = 'dataset' | 'statistics' | 'publisher' | 'guide' | 'supplier' | 'account' | 'department';

/** One search result that is not (only) a built page. */
export interface SearchRecord {
  /** Root-relative URL of the page it leads to (`/leverantorer/5560360793/`); the search page adds the prefix. */
  url: string;
  /** The result's title (shown as text, never as HTML). */
  title: string;
  /** The words it is found by: every name a supplier was written with, its organisation number, accounts, … */
  content: string;
  /** The language of the page it leads to: each language has an index of its own, searched from its pages. */
  lang: Language;
  filters: {
    /** The ids (`site.json` → publishers) of the publishers it belongs to: the search page filters by them. */
    publisher?: string[];
    kind: SearchKind;
  };
  /** More to show with the result, as text (`orgNumber: "556036-0793"`). `title` and `kind` are set from above. */
  meta?: Record<string, string>;
}

export interface SearchIndexOptions {
  /** Records to add to the built pages (any iterable: a generator keeps a large list out of memory). */
  records?: Iterable<SearchRecord> | AsyncIterable<SearchRecord>;
  /**
   * At most this many fragment files (one per result, what a result shows) per language; more are bundled.
   * Default 2,000: a site of 20,000 suppliers has 4,000 files instead of 40,000, the first search still loads
   * well under 500 KB.
   */
  maxFragments?: number;
  /**
   * Where an index made before is kept (the build cache): the same pages and records with the same code give the
   * same index (Pagefind's files are named by their content), so it is copied instead of made again.
   */
  cache?: SearchIndexCache | null;
  /**
   * What the site's pages are made from, as known before Eleventy runs (with a cache): when the last index made
   * from the same records and inputs can be copied, Pagefind is not started early. Only a hint: the cache's key
   * is still the pages and records themselves.
   */
  inputs?: string;
}

/** The build cache's entries, as the search stage uses them (scripts/build/cache.ts). */
export interface SearchIndexCache {
  readonly codeKey: string;
  getEntry(kind: string, id: string, key: string): Promise<string | null>;
  putEntry(kind: string, id: string, key: string, dir: string | null, extra?: Record<string, string>): Promise<void>;
  /** Copies an entry's files into `to`, but those named in `skip`. */
  copyOut(entry: string, to: string, skip: ReadonlySet<string>): Promise<{ files: number; bytes: number }>;
}

/** The files of a search index entry that are not the index. */
const ENTRY_FILES: ReadonlySet<string> = new Set(['manifest.json', 'counts.json']);

export interface SearchIndexResult {
  /** Built pages indexed and records added. */
  pages: number;
  records: number;
  /** The index as written: files and bytes under `pagefind/`. */
  files: number;
  bytes: number;
}

/** The folders (below the output) whose pages can be indexed: Pagefind reads no other HTML file. */
export const SEARCHED_SECTIONS = ['datasets', 'en/datasets', 'utgivare', 'en/publishers', 'guider', 'en/guides'];


export { SearchIndexError } from './search-pagefind.ts';

/**
 * A search index being made: `startSearchIndex` before Eleventy runs gives Pagefind (a process of its own, driven
 * from a thread of its own: search-pagefind.ts) the records at once, so that it indexes them on the other core
 * while Eleventy writes the pages; `finish` adds the built pages and writes the index.
 */
export interface SearchIndexJob {
  finish(): Promise<SearchIndexResult>;
  /** Stops Pagefind (the build failed before the index was written). */
  abandon(): Promise<void>;
}

/** Makes the search index of the built site in `siteDir` (`startSearchIndex` then `finish`). */
export async function writeSearchIndex(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  return (await startSearchIndex(siteDir, options)).finish();
}

export async function startSearchIndex(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexJob> {
  // Not indexed: the charts (their tables say the same), breadcrumbs and other navigation, the edit link.
  const config = { maxFragments: options.maxFragments ?? 2000, excludeSelectors: ['svg', 'nav', '.edit-link'] };
  const records: SearchRecord[] = [];
  for await (const r of options.records ?? []) records.push(r);
  const recordsKey = createHash('sha256');
  for (const r of records) recordsKey.update(`\u0001${JSON.stringify(r)}`);
  const recordsHash = recordsKey.digest('hex');
  const cache = options.cache ?? null;
  // With a cache, Pagefind starts early only when the index is not expected to come from the cache: the last index
  // made from the same records and site inputs is remembered by a hint (its key), checked after Eleventy.
  const hint = cache && options.inputs !== undefined ? hash(JSON.stringify({ code: cache.codeKey, config, recordsHash, inputs: options.inputs })) : null;
  const hinted = cache && hint ? await cache.getEntry('search-hint', 'site', hint) : null;
  let running = hinted ? null : startPagefindBeside(config, records);
  const stop = async () => {
    const r = running;
    running = null;
    if (r) await r.stop();
  };
  return {
    abandon: stop,
    async finish() {
      const outputPath = join(siteDir, 'pagefind');
      let key = '';
      if (cache) {
        key = await inputKey(siteDir, recordsHash, config, cache.codeKey);
        const hit = await cache.getEntry('search', 'site', key);
        if (hit) {
          await stop();
          // The entry is the index as written (Pagefind's own interfaces already removed) and its counts.
          const size = await cache.copyOut(hit, outputPath, ENTRY_FILES);
          const counts = JSON.parse(await readFile(join(hit, 'counts.json'), 'utf8')) as { pages: number; records: number };
          return { ...counts, ...size };
        }
      }
      running ??= startPagefindBeside(config, records);
      const job = running;
      running = null;
      const result = await job.finish(siteDir, outputPath, SEARCHED_SECTIONS);
      if (cache) {
        await cache.putEntry('search', 'site', key, outputPath, { 'counts.json': JSON.stringify({ pages: result.pages, records: result.records }) });
        if (hint) await cache.putEntry('search-hint', 'site', hint, null, { key });
      }
      return result;
    },
  };
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** What the index is made from: the code, the settings, every page Pagefind would read (path and bytes), the records. */
async function inputKey(siteDir: string, recordsHash: string, config: object, code: string): Promise<string> {
  const h = createHash('sha256');
  h.update(JSON.stringify({ code, config, recordsHash }));
  for (const page of await sectionPages(siteDir, SEARCHED_SECTIONS)) {
    h.update(`\u0000${page}\u0000`);
    h.update(await readFile(join(siteDir, page)));
  }
  return h.digest('hex').slice(0, 32);
}
