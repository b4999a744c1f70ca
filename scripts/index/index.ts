/**
 * Stage "index", between the datasets and the site: the cross-dataset index (model.ts). Each dataset's index is
 * made from what it published (dataset-index.ts) or taken from the build cache (keyed on its data files' SHA-256
 * and the code, verified), then merged: suppliers across every publisher and year (by organisation number, else by
 * normalised name), accounts and departments per dataset, and each publisher's figures. Each supplier's rows file
 * (`leverantorer/<slug>.csv`, when it has at most SUPPLIER_ROWS_FILE_CAP rows) is written by rows-files.ts, beside
 * the site's pages.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { processTempDir } from '../temp-folders.ts';
import { basename, join } from 'node:path';
import type { BuildCache } from '../build/cache.ts';
import type { DatasetBuild, SiteModel } from '../model.ts';
import { oreToText, textToOre } from '../pipeline/money.ts';
import { indexDataset, paymentOf, SUPPLIER_ROWS_FILE_CAP, type DatasetIndexFile, type LedgerFile } from './dataset-index.ts';
import type { LedgerEntry, Money, Payment, PublisherFigures, RowsFile, SiteIndex, SupplierEntry } from './model.ts';
import { rowsFileBytes, writeRowsFilesBeside, type RowsFilesJob } from './rows-files.ts';

/** Suppliers named on an account's or department's page (the largest); the rest are counted. */
const LEDGER_SUPPLIERS = 200;

/** Supplier pages at most (the largest); the rest are counted. */
export const SITE_SUPPLIER_PAGES = 20_000;


/** A URL segment from a name: lower case a–z, digits and `-` (å/ä → a, ö → o), at most 60 characters. */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'x';
}

const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 6);

function byTotal<T extends Money>(a: T & { key?: string }, b: T & { key?: string }): number {
  const d = textToOre(b.total) - textToOre(a.total);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

/** Sums of [key, rows, total] triples into a map. */
function addTriples(map: Map<string, { rows: number; ore: bigint }>, triples: [string, number, string][]): void {
  for (const [k, rows, total] of triples) {
    const m = map.get(k);
    if (m) {
      m.rows += rows;
      m.ore += textToOre(total);
    } else map.set(k, { rows, ore: textToOre(total) });
  }
}

const money = (m: { rows: number; ore: bigint }): Money => ({ rows: m.rows, total: oreToText(m.ore) });

/**
 * The index of every dataset (from the cache or made), merged; the suppliers' rows files under `outDir` are being
 * written (rows-files.ts) until `written` settles.
 */
export async function startIndex(model: SiteModel, outDir: string, cache: BuildCache | null): Promise<{ index: SiteIndex; written: Promise<void> }> {
  const files: { d: DatasetBuild; index: DatasetIndexFile; dir: string }[] = [];
  // Named for this process: a build killed meanwhile leaves it for the next to remove (temp-folders.ts).
  const temp = await processTempDir('insyn-index-');
  const cleanUp = () => rm(temp, { recursive: true, force: true });
  try {
    for (const d of model.datasets) {
      // One part per period file: adding a month re-reads its period, never the years before it.
      for (const file of d.summary.periods.flatMap((p) => p.files.filter((f) => f.format === 'CSV'))) {
        const part = `${d.id}--${basename(file.path, '.csv')}`;
        const key = createHash('sha256')
          .update(JSON.stringify({ code: cache?.codeKey ?? '', id: d.id, publisher: d.publisher.id, file: `${file.path}:${file.sha256}` }))
          .digest('hex')
          .slice(0, 32);
        let dir = cache ? await cache.getEntry('index', part, key) : null;
        let index: DatasetIndexFile;
        if (dir) index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
        else {
          const fresh = join(temp, part);
          index = await indexDataset(d, outDir, fresh, [file]);
          if (cache) await cache.putEntry('index', part, key, fresh);
          dir = fresh;
        }
        files.push({ d, index, dir });
      }
    }
    const { index, rows } = await merge(model, files, outDir);
    // The parts' folders (a fresh part's in `temp`) are read until the files are written.
    const written = writeRowsFilesBeside({ dirs: files.map((f) => f.dir), files: rows, outDir }).finally(cleanUp);
    written.catch(() => {}); // the caller awaits it
    return { index, written };
  } catch (e) {
    await cleanUp();
    throw e;
  }
}

/** The index, with the rows files written. */
export async function buildIndex(model: SiteModel, outDir: string, cache: BuildCache | null): Promise<SiteIndex> {
  const { index, written } = await startIndex(model, outDir, cache);
  await written;
  return index;
}

async function merge(model: SiteModel, files: { d: DatasetBuild; index: DatasetIndexFile; dir: string }[], outDir: string): Promise<{ index: SiteIndex; rows: RowsFilesJob['files'] }> {
  const publisherName = new Map(model.settings.publishers.map((p) => [p.id, p.name]));
  // Accounts and departments: one page each per dataset.
  const ledgerSlugs = new Map<string, string>();
  // A dataset's index comes in parts (one per period file): its accounts and departments are summed across them.
  interface LedgerSum {
    d: DatasetBuild;
    account: string;
    name: string;
    all: { rows: number; ore: bigint };
    years: Map<string, { rows: number; ore: bigint }>;
    months: Map<string, { rows: number; ore: bigint }>;
    suppliers: Map<string, { rows: number; ore: bigint }>;
    redacted: { rows: number; ore: bigint };
  }
  const ledgerSums = { accounts: new Map<string, LedgerSum>(), departments: new Map<string, LedgerSum>() };
  const ledgers = (kind: 'accounts' | 'departments'): LedgerEntry[] => {
    const sums = ledgerSums[kind];
    for (const { d, index } of files) {
      for (const l of index[kind] as LedgerFile[]) {
        const k = `${d.id}\u0000${kind === 'accounts' ? l.account : l.name}`;
        let sum = sums.get(k);
        if (!sum) sums.set(k, (sum = { d, account: l.account, name: l.name, all: { rows: 0, ore: 0n }, years: new Map(), months: new Map(), suppliers: new Map(), redacted: { rows: 0, ore: 0n } }));
        sum.all.rows += l.rows;
        sum.all.ore += textToOre(l.total);
        addTriples(sum.years, l.years);
        addTriples(sum.months, l.months);
        addTriples(sum.suppliers, l.suppliers);
        sum.redacted.rows += l.redacted[0];
        sum.redacted.ore += textToOre(l.redacted[1]);
      }
    }
    const out: LedgerEntry[] = [];
    const used = new Set<string>();
    // Slugs in a fixed order (dataset, then account number or name), whatever order the parts came in.
    for (const [k, l] of [...sums.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      let slug = kind === 'accounts' ? slugify(l.account || 'utan-konto') : slugify(l.name || 'utan-forvaltning');
      if (used.has(`${l.d.id}/${slug}`)) slug = `${slug}-${short(l.account + l.name)}`;
      used.add(`${l.d.id}/${slug}`);
      ledgerSlugs.set(`${kind}\u0000${k}`, slug);
      const byMonth = (m: Map<string, { rows: number; ore: bigint }>) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      out.push({
        dataset: l.d.id,
        publisher: l.d.publisher.id,
        account: l.account,
        name: l.name,
        slug,
        ...money(l.all),
        years: byMonth(l.years).map(([year, m]) => ({ year, ...money(m) })),
        months: byMonth(l.months).map(([month, m]) => ({ month, ...money(m) })),
        suppliers: [], // named below, once the supplier pages are known
        supplierCount: l.suppliers.size,
        redacted: money(l.redacted),
      });
    }
    return out;
  };
  const accounts = ledgers('accounts');
  const departments = ledgers('departments');

  // Suppliers across datasets.
  interface Gather {
    key: string;
    org: string;
    names: Map<string, number>;
    all: { rows: number; ore: bigint };
    publishers: Map<string, { rows: number; ore: bigint }>;
    years: Map<string, { rows: number; ore: bigint }>;
    months: Map<string, { rows: number; ore: bigint }>;
    /** By dataset and account (department): summed over the dataset's parts. */
    accounts: Map<string, { publisher: string; dataset: string; account: string; name: string; rows: number; ore: bigint }>;
    departments: Map<string, { publisher: string; dataset: string; name: string; rows: number; ore: bigint }>;
    largest: Payment[];
    /** Where its rows are: (the dataset's position in `files`, its ordinal there). */
    parts: [number, number][];
    fileable: boolean;
    /** Its rows' bytes in the parts' bucket files. */
    rowBytes: number;
  }
  const gathered = new Map<string, Gather>();
  let untracked = 0;
  for (const [fileNo, { d, index }] of files.entries()) {
    untracked += index.untracked;
    for (const [ordinal, s] of index.suppliers.entries()) {
      let g = gathered.get(s.key);
      if (!g) {
        g = { key: s.key, org: s.org, names: new Map(), all: { rows: 0, ore: 0n }, publishers: new Map(), years: new Map(), months: new Map(), accounts: new Map(), departments: new Map(), largest: [], parts: [], fileable: true, rowBytes: 0 };
        gathered.set(s.key, g);
      }
      for (const [n, rows] of s.names) g.names.set(n, (g.names.get(n) ?? 0) + rows);
      g.all.rows += s.rows;
      g.all.ore += textToOre(s.total);
      addTriples(g.publishers, [[d.publisher.id, s.rows, s.total]]);
      addTriples(g.years, s.years);
      addTriples(g.months, s.months);
      for (const [account, name, rows, total] of s.accounts) {
        const k = `${d.id}\u0000${account}`;
        const a = g.accounts.get(k);
        if (a) {
          a.rows += rows;
          a.ore += textToOre(total);
        } else g.accounts.set(k, { publisher: d.publisher.id, dataset: d.id, account, name, rows, ore: textToOre(total) });
      }
      for (const [name, rows, total] of s.departments) {
        const k = `${d.id}\u0000${name}`;
        const a = g.departments.get(k);
        if (a) {
          a.rows += rows;
          a.ore += textToOre(total);
        } else g.departments.set(k, { publisher: d.publisher.id, dataset: d.id, name, rows, ore: textToOre(total) });
      }
      for (const t of s.largest) g.largest.push(paymentOf(t, d.publisher.id, d.id));
      g.parts.push([fileNo, ordinal]);
      g.rowBytes += s.rowBytes;
      if (!s.fileable) g.fileable = false;
    }
  }
  const ranked = [...gathered.values()].sort((a, b) => {
    const d = b.all.ore - a.all.ore;
    return d > 0n ? 1 : d < 0n ? -1 : a.key < b.key ? -1 : 1;
  });
  const withPage = ranked.slice(0, SITE_SUPPLIER_PAGES);
  const slugOf = new Map<string, string>();
  const usedSlugs = new Set<string>();
  for (const g of withPage) {
    const name = [...g.names.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
    let slug = g.org || `namn-${slugify(name)}-${short(g.key)}`;
    if (usedSlugs.has(slug)) slug = `${slug}-${short(`${g.key}#2`)}`;
    usedSlugs.add(slug);
    slugOf.set(g.key, slug);
  }
  // Each rows file's path and size; rows-files.ts writes them.
  const rows: RowsFilesJob['files'] = [];
  const rowsFiles = new Map<string, RowsFile>();
  for (const g of withPage) {
    if (!g.fileable || g.all.rows > SUPPLIER_ROWS_FILE_CAP) continue;
    const file = { key: g.key, path: `leverantorer/${slugOf.get(g.key)}.csv`, parts: g.parts, bytes: rowsFileBytes(g.rowBytes) };
    rows.push(file);
    rowsFiles.set(g.key, { path: file.path, format: 'CSV', mediaType: 'text/csv', bytes: file.bytes });
  }
  const suppliers: SupplierEntry[] = [];
  for (const g of withPage) {
    const slug = slugOf.get(g.key) as string;
    const names = [...g.names.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([n]) => n);
    const rowsFile = rowsFiles.get(g.key) ?? null;
    const sortMoney = <T extends { ore: bigint; rows: number }>(xs: T[]) => xs.sort((a, b) => (b.ore > a.ore ? 1 : b.ore < a.ore ? -1 : 0));
    suppliers.push({
      slug,
      orgNumber: g.org || null,
      name: names[0] ?? '',
      names: names.slice(0, 20),
      ...money(g.all),
      publishers: sortMoney([...g.publishers.entries()].map(([id, m]) => ({ id, ...m }))).map((p) => ({ id: p.id, name: publisherName.get(p.id) ?? p.id, ...money(p) })),
      years: [...g.years.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([year, m]) => ({ year, ...money(m) })),
      months: [...g.months.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, m]) => ({ month, ...money(m) })),
      accounts: sortMoney([...g.accounts.values()])
        .slice(0, 50)
        .map((a) => ({ publisher: a.publisher, dataset: a.dataset, account: a.account, name: a.name, slug: ledgerSlugs.get(`accounts\u0000${a.dataset}\u0000${a.account}`) ?? '', ...money(a) })),
      departments: sortMoney([...g.departments.values()])
        .slice(0, 50)
        .map((a) => ({ publisher: a.publisher, dataset: a.dataset, name: a.name, slug: ledgerSlugs.get(`departments\u0000${a.dataset}\u0000${a.name}`) ?? '', ...money(a) })),
      largest: g.largest
        .sort((a, b) => {
          const d = (textToOre(b.belopp) < 0n ? -textToOre(b.belopp) : textToOre(b.belopp)) - (textToOre(a.belopp) < 0n ? -textToOre(a.belopp) : textToOre(a.belopp));
          return d > 0n ? 1 : d < 0n ? -1 : a.datum < b.datum ? -1 : a.datum > b.datum ? 1 : 0;
        })
        .slice(0, 10),
      rowsFile,
    });
  }
  // Name the suppliers on each account and department page.
  const nameOf = (key: string) => {
    const g = gathered.get(key);
    return g ? ([...g.names.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '') : '';
  };
  for (const [kind, list] of [
    ['accounts', accounts],
    ['departments', departments],
  ] as const) {
    for (const entry of list) {
      const sum = ledgerSums[kind].get(`${entry.dataset}\u0000${kind === 'accounts' ? entry.account : entry.name}`) as LedgerSum;
      entry.suppliers = [...sum.suppliers.entries()]
        .sort((a, b) => (b[1].ore > a[1].ore ? 1 : b[1].ore < a[1].ore ? -1 : a[0] < b[0] ? -1 : 1))
        .slice(0, LEDGER_SUPPLIERS)
        .map(([key, m]) => ({ name: nameOf(key), slug: slugOf.get(key) ?? null, ...money(m) }));
    }
  }
  accounts.sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : byTotal(a, b) || (a.account < b.account ? -1 : 1)));
  departments.sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : byTotal(a, b) || (a.name < b.name ? -1 : 1)));

  // Each publisher's figures.
  const publishers: PublisherFigures[] = model.settings.publishers
    .map((p) => {
      const own = model.datasets.filter((d) => d.publisher.id === p.id);
      if (!own.length) return null;
      const months = new Map<string, { rows: number; ore: bigint }>();
      let rows = 0;
      let ore = 0n;
      for (const d of own) {
        rows += d.summary.valid;
        ore += textToOre(d.summary.total);
        addTriples(months, d.summary.byMonth.map((m) => [m.month, m.rows, m.total]));
      }
      const theirs = ranked.filter((g) => g.publishers.has(p.id)).map((g) => (g.publishers.get(p.id) as { ore: bigint }).ore);
      const top10 = theirs.sort((a, b) => (b > a ? 1 : b < a ? -1 : 0)).slice(0, 10).reduce((s, x) => s + x, 0n);
      const share = ore === 0n ? 0 : Number((top10 * 1_000_000n) / ore) / 1_000_000;
      const years = new Map<string, { rows: number; ore: bigint }>();
      for (const [month, m] of months) {
        const y = years.get(month.slice(0, 4));
        if (y) {
          y.rows += m.rows;
          y.ore += m.ore;
        } else years.set(month.slice(0, 4), { rows: m.rows, ore: m.ore });
      }
      const population = p.population ?? null;
      return {
        id: p.id,
        name: p.name,
        rows,
        total: oreToText(ore),
        months: [...months.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, m]) => ({ month, ...money(m) })),
        years: [...years.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([year, m]) => ({ year, ...money(m) })),
        suppliers: theirs.length,
        top10Share: share.toFixed(4),
        population,
        perInhabitant: population ? oreToText(ore / BigInt(population)) : null,
      };
    })
    .filter((x): x is PublisherFigures => x !== null);

  return { index: { suppliers, suppliersWithoutPage: Math.max(0, ranked.length - withPage.length) + untracked, accounts, departments, publishers }, rows };
}
