/**
 * Publishes one dataset folder. Each export file becomes a unit (unit.ts: run afresh, or taken from the build
 * cache when the file and the code did not change); the dataset is then assembled from its units: the files are
 * checked together (dataset-checks.ts: rejected share, the same file twice, overlapping rows, gaps and outlier
 * months), the rows of each period are joined into one CSV (and JSON when dataset.json asks), and the totals,
 * breakdowns and reports are merged. Under `<output>/datasets/<id>/` it writes the period files, `summary.json`,
 * the complete lists (suppliers.csv, accounts.csv, departments.csv), `report.json` and `datapackage.json`, and
 * returns the DatasetBuild the catalogue and the site are made from.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { processTempDir } from '../temp-folders.ts';
import { basename, join, relative } from 'node:path';
import type { DatasetBuild, DatasetSource, DatasetSummary, Period, Publisher, PublishedFile } from '../model.ts';
import { msg, safe, trusted, type Safe } from '../privacy/safe.ts';
import { Breakdown, Totals } from './aggregate.ts';
import { COLUMN_DOCS, SPEC_COLUMNS } from './columns.ts';
import { checkUnits, monthNotes, type CheckedUnit, type DatasetNote } from './dataset-checks.ts';
import type { FileResult } from './pipeline.ts';
import { UnusableFileError } from './read.ts';
import { SOLE_TRADER_NAME } from './redact.ts';
import { Report } from './report.ts';
import { fragment, loadUnit, periodOf, runUnit, type FileUnit } from './unit.ts';
import { openTextFile, writeTable } from './write.ts';
import { parquetWriter, type FormatWriter, type WrittenFile } from './formats/index.ts';
import { HOST_FILE_LIMIT } from './formats/limits.ts';

export { PREVIEW_ROWS } from './unit.ts';

/** The largest suppliers in summary.json, and the largest accounts and departments. */
export const TOP_SUPPLIERS = 25;
export const SUMMARY_LIST_LIMIT = 200;

/** Every supplier, account and department of the dataset, each list a CSV beside summary.json. */
async function writeLists(outRoot: string, relDir: string, b: Breakdown, order: Ranked): Promise<DatasetSummary['lists']> {
  const file = async (name: string, header: string[], numeric: boolean[], rows: Iterable<string[]>): Promise<PublishedFile> => {
    const rel = `${relDir}/${name}`;
    const { bytes, sha256 } = await writeTable(join(outRoot, rel), header, numeric, rows);
    return { path: rel, format: 'CSV', mediaType: 'text/csv', bytes, sha256 };
  };
  function* rowsOf(sums: Breakdown['suppliers'], slots: number[], row: (e: ReturnType<Breakdown['suppliers']['entry']>, slot: number) => string[]) {
    for (const i of slots) yield row(sums.entry(i), i);
  }
  return {
    suppliers: await file('suppliers.csv', ['leverantor_id', 'leverantor', 'rader', 'belopp'], [false, false, true, true], rowsOf(b.suppliers, order.suppliers, (e, i) => [b.orgNumber(i), e.name, String(e.rows), e.total])),
    accounts: await file('accounts.csv', ['konto_nr', 'konto_text', 'rader', 'belopp'], [false, false, true, true], rowsOf(b.accounts, order.accounts, (e) => [e.key, e.name, String(e.rows), e.total])),
    departments: await file('departments.csv', ['forvaltning', 'rader', 'belopp'], [false, true, true], rowsOf(b.departments, order.departments, (e) => [e.name, String(e.rows), e.total])),
  };
}

/** The slots of each list, largest first (sorted once, for the summary and the list files alike). */
interface Ranked {
  suppliers: number[];
  accounts: number[];
  departments: number[];
}

/** Where units live: the build cache's entries, or a temporary folder (no cache). */
export interface UnitStore {
  /** A verified folder holding this file's unit, or null (run the file). */
  get(path: string): Promise<string | null>;
  /** An empty folder to run the file into. */
  create(path: string): Promise<string>;
  /** The unit in `dir` is complete: keep it for the next build (or not). */
  keep(path: string, dir: string): Promise<string>;
  /** The dataset is assembled (`used`: the units it was made of) or failed (null): drop what is not kept. */
  done(used: string[] | null): Promise<void>;
}

/** Units in a temporary folder, removed when the dataset is done. */
export async function temporaryUnits(): Promise<UnitStore> {
  // Named for this process: a build killed meanwhile leaves it for the next to remove (temp-folders.ts).
  const root = await processTempDir('insyn-units-');
  let n = 0;
  return {
    get: async () => null,
    async create() {
      const dir = join(root, String(n++));
      await mkdir(dir, { recursive: true });
      return dir;
    },
    keep: async (_path, dir) => dir,
    async done() {
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface PublishOptions {
  onProgress?(file: string, bytesRead: number, totalBytes: number, rows: number): void;
  /** A file is done: read afresh, or taken from the cache. */
  onFile?(result: FileResult, fromCache: boolean): void;
  /** Where the files' units come from and go (default: read every file, keep nothing). */
  units?: UnitStore;
  /** Where a period's derived files (Parquet) are kept between builds (default: always written afresh). */
  formats?: FormatStore;
  /** A derived file (`name`, e.g. `fakturor-2025.parquet`) is done: written afresh, or taken from the cache. */
  onDerived?(name: string, fromCache: boolean): void;
}

/**
 * Where the files a period's CSV is turned into (Parquet) are kept between builds: keyed on what they are made
 * from, the CSV's SHA-256 (and, in the build cache, the code), so that a period whose rows did not change is not
 * written again when a month is added to another one.
 */
export interface FormatStore {
  /** A verified copy, at `outPath`, of what was made of a CSV with this SHA-256 under this name; or null. */
  restore(name: string, csvSha256: string, outPath: string): Promise<WrittenFile | null>;
  /** Keeps `file`, made of a CSV with this SHA-256, for the next build. */
  keep(name: string, csvSha256: string, file: string): Promise<void>;
}

export { HOST_FILE_LIMIT };

/** Writes `writer`'s form of the published CSV `csvPath` (whose SHA-256 is `csvSha256`), or takes it from `store`. */
async function derive(writer: FormatWriter, csvPath: string, csvSha256: string, name: string, outPath: string, opts: PublishOptions): Promise<WrittenFile> {
  const cached = await opts.formats?.restore(name, csvSha256, outPath);
  if (cached) {
    opts.onDerived?.(name, true);
    return cached;
  }
  const written = await writer.write(csvPath, outPath);
  await opts.formats?.keep(name, csvSha256, outPath);
  opts.onDerived?.(name, false);
  return written;
}

async function writeJsonFile(root: string, rel: string, value: unknown): Promise<PublishedFile> {
  const buf = Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  await writeFile(join(root, rel), buf);
  return {
    path: rel,
    format: 'JSON',
    mediaType: 'application/json',
    bytes: buf.length,
    sha256: createHash('sha256').update(buf).digest('hex'),
  };
}

/** Joins the units' fragments of one period into its data file, after `head`; `skipFirst` bytes of the first fragment are left out. */
async function joinFragments(target: string, head: string, tail: string, parts: string[], skipFirst = 0): Promise<{ bytes: number; sha256: string }> {
  const out = openTextFile(target);
  out.write(head);
  let first = true;
  for (const p of parts) {
    const stream = createReadStream(p, { highWaterMark: 1 << 20, start: first ? skipFirst : 0 });
    first = false;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      out.writeBytes(chunk);
      if (out.needsDrain) await out.drained();
    }
  }
  out.write(tail);
  return out.close();
}

export async function publishDataset(source: DatasetSource, publisher: Publisher, outRoot: string, opts: PublishOptions = {}): Promise<DatasetBuild> {
  const { id, metadata } = source;
  const relDir = `datasets/${id}`;
  const dir = join(outRoot, relDir);
  await mkdir(dir, { recursive: true });
  const store = opts.units ?? (await temporaryUnits());
  const folder = safe(relative(process.cwd(), source.dir) || source.dir);
  const json = metadata.json === true;
  const used: string[] = [];
  let ok = false;
  try {
    // 1. Each file to its unit.
    const units: CheckedUnit[] = [];
    for (const path of source.files) {
      const name = safe(basename(path));
      let unitDir = await store.get(path);
      let unit: FileUnit;
      const fromCache = unitDir !== null;
      if (unitDir !== null) unit = await loadUnit(unitDir);
      else {
        const fresh = await store.create(path);
        unit = await runUnit(path, name, fresh, {
          metadata,
          publisher,
          json,
          onProgress: opts.onProgress ? (b, t, r) => opts.onProgress?.(name, b, t, r) : undefined,
        }).catch((e: unknown) => {
          // Name the dataset folder too: every dataset may have its own 2025-01.csv.
          if (e instanceof UnusableFileError) throw new UnusableFileError(safe(relative(process.cwd(), path) || path), e.reason, e.line);
          throw e;
        });
        unitDir = await store.keep(path, fresh);
      }
      used.push(unitDir);
      units.push({ name, unit, dir: unitDir });
      opts.onFile?.(unit.result, fromCache);
    }

    // 2. The files together.
    const notices: DatasetNote[] = checkUnits(folder, metadata, units);

    // 3. Merge and write.
    const totals = new Totals(periodOf(metadata));
    const breakdown = new Breakdown();
    const report = new Report();
    for (const u of units) {
      totals.absorb(u.unit.totals);
      await breakdown.absorb(u.dir);
      report.absorb(u.unit.report);
    }
    notices.push(...monthNotes(totals.byMonth()));
    const cumulative = metadata.series === 'cumulative';
    const periods: Period[] = [];
    for (const p of totals.periodList()) {
      const stem = cumulative ? id : `${id}-${p.key}`;
      const holding = units.filter((u) => u.unit.periods.some((x) => x.key === p.key));
      const files: PublishedFile[] = [];
      const csv = await joinFragments(join(dir, `${stem}.csv`), `${SPEC_COLUMNS.join(',')}\r\n`, '', holding.map((u) => fragment(u.dir, p.key, 'csv')));
      files.push({ path: `${relDir}/${stem}.csv`, format: 'CSV', mediaType: 'text/csv', ...csv });
      // Parquet is made of the published CSV itself: the same rows, the same (redacted) values, nothing else.
      const pqName = `${stem}${parquetWriter.suffix}`;
      const pq = await derive(parquetWriter, join(dir, `${stem}.csv`), csv.sha256, pqName, join(dir, pqName), opts);
      files.push({ path: `${relDir}/${pqName}`, format: 'Parquet', mediaType: 'application/vnd.apache.parquet', bytes: pq.bytes, sha256: pq.sha256 });
      if (json) {
        // Each JSON fragment line starts with ",\n": the first one's is left out.
        const j = await joinFragments(join(dir, `${stem}.json`), '[\n', '\n]\n', holding.map((u) => fragment(u.dir, p.key, 'jsonl')), 2);
        files.push({ path: `${relDir}/${stem}.json`, format: 'JSON', mediaType: 'application/json', ...j });
      }
      periods.push({ ...p, files });
      for (const f of files) {
        if (f.bytes <= HOST_FILE_LIMIT) continue;
        notices.push({
          code: 'large_file',
          message: msg`${safe(f.path, 400)} is ${trusted((f.bytes / 2 ** 20).toFixed(1))} MiB, more than the 25 MiB a single file may be on Cloudflare Pages (GitHub Pages allows 100 MB): on such a host it cannot be downloaded. ${trusted(cumulative ? 'Publish the dataset by year ("series": "yearly" in dataset.json) so that each file holds one year, or' : 'Split the dataset into datasets of their own (one folder each, for example by department), or')} host the site where files of this size are served. The Parquet file beside it holds the same rows in a fraction of the size.`,
        });
      }
    }
    const results = units.map((u) => u.unit.result);
    const sum = (k: 'rows' | 'valid' | 'rejected' | 'redacted') => results.reduce((n, r) => n + r[k], 0);
    const preview: string[][] = [];
    for (const u of units) for (const r of u.unit.preview) if (preview.length < PREVIEW_ROWS_LIMIT) preview.push(r);
    const monthOnly = units.some((u) => u.unit.monthOnly);

    const order: Ranked = { suppliers: breakdown.suppliers.ranked(), accounts: breakdown.accounts.ranked(), departments: breakdown.departments.ranked() };
    const summary: DatasetSummary = {
      id,
      rows: sum('rows'),
      valid: sum('valid'),
      rejected: sum('rejected'),
      redacted: sum('redacted'),
      warnings: report.warnings.total,
      total: totals.all.sum.text(),
      currency: 'SEK',
      period: totals.first ? { first: totals.first, last: totals.last } : null,
      suppliers: breakdown.suppliers.size,
      topSuppliers: order.suppliers.slice(0, TOP_SUPPLIERS).map((i) => {
        const e = breakdown.suppliers.entry(i);
        return { name: e.name, id: breakdown.orgNumber(i), rows: e.rows, total: e.total };
      }),
      redactedSuppliers: { ...totals.redacted.toJSON() },
      byMonth: totals.byMonth(),
      accounts: breakdown.accounts.size,
      departments: breakdown.departments.size,
      byAccount: order.accounts.slice(0, SUMMARY_LIST_LIMIT).map((i) => {
        const e = breakdown.accounts.entry(i);
        return { account: e.key, name: e.name, rows: e.rows, total: e.total };
      }),
      byDepartment: order.departments.slice(0, SUMMARY_LIST_LIMIT).map((i) => {
        const e = breakdown.departments.entry(i);
        return { name: e.name, rows: e.rows, total: e.total };
      }),
      lists: await writeLists(outRoot, relDir, breakdown, order),
      periods,
      sources: results.map((r) => ({ file: r.file, encoding: r.encoding, delimiter: r.delimiter, ...(r.sheet !== undefined ? { sheet: r.sheet } : {}), rows: r.rows, valid: r.valid, rejected: r.rejected })),
      notices: notices.map((n) => ({ code: n.code, message: n.message })),
    };

    const reportFile = await writeJsonFile(outRoot, `${relDir}/report.json`, {
      dataset: id,
      rows: summary.rows,
      valid: summary.valid,
      rejected: summary.rejected,
      redacted: summary.redacted,
      warningCount: summary.warnings,
      soleTraderName: SOLE_TRADER_NAME,
      files: results,
      ...report.toJSON(),
      datasetNotes: summary.notices,
    });
    await writeJsonFile(outRoot, `${relDir}/summary.json`, summary);
    const datapackage = await writeJsonFile(outRoot, `${relDir}/datapackage.json`, dataPackage(source, publisher, periods, monthOnly));
    ok = true;
    return { id, metadata, publisher, summary, datapackage, report: reportFile, preview, columns: [...SPEC_COLUMNS] };
  } finally {
    await store.done(ok ? used : null);
  }
}

const PREVIEW_ROWS_LIMIT = 10;

/** A dataset-level finding as a log line. */
export function noticeLine(id: string, n: { code: string; message: string }): Safe {
  return msg`${safe(id)}: ${safe(n.message, 2000)}`;
}

const LICENSES = {
  'CC0-1.0': { name: 'CC0-1.0', path: 'https://creativecommons.org/publicdomain/zero/1.0/', title: 'Creative Commons Zero v1.0 Universal' },
  'CC-BY-4.0': { name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' },
};

/** A Frictionless Data Package describing the CSV files with a Table Schema of the spec columns. */
function dataPackage(source: DatasetSource, publisher: Publisher, periods: Period[], monthOnly: boolean) {
  const fields = COLUMN_DOCS.map((c) => ({
    name: c.name,
    type: c.type === 'number' ? 'number' : c.type === 'date' && !monthOnly ? 'date' : 'string',
    ...(c.type === 'date' && monthOnly ? { format: 'default' } : {}),
    description: c.type === 'date' && monthOnly ? 'Bokföringsdatum (ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM där exporten bara anger månaden)' : c.sv,
    ...(c.required ? { constraints: { required: c.name !== 'leverantor_id' } } : {}),
  }));
  return {
    profile: 'tabular-data-package',
    name: source.id,
    title: source.metadata.title.sv,
    description: source.metadata.description.sv,
    licenses: [LICENSES[source.metadata.license]],
    contributors: [{ title: publisher.name, role: 'publisher', email: publisher.email, path: publisher.homepage }],
    keywords: source.metadata.keywords.sv,
    resources: periods.flatMap((p) =>
      p.files
        .filter((f) => f.format === 'CSV' || f.format === 'Parquet')
        .map((f) =>
          f.format === 'CSV'
            ? {
                name: basename(f.path, '.csv'),
                path: basename(f.path),
                profile: 'tabular-data-resource',
                format: 'csv',
                mediatype: 'text/csv',
                encoding: 'utf-8',
                bytes: f.bytes,
                hash: `sha256:${f.sha256}`,
                dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
                schema: {
                  fields,
                  missingValues: [''],
                },
                description:
                  'Text cells a spreadsheet would run as a formula (starting with =, +, -, @ or a tab, other than a lone - or a plain number) are written with a leading apostrophe; the JSON files, where published, hold the values unchanged.',
              }
            : {
                // The same rows as the CSV resource of the period, typed (Frictionless' parquet format, as frictionless-py describes it).
                name: `${basename(f.path, '.parquet')}-parquet`,
                path: basename(f.path),
                profile: 'tabular-data-resource',
                format: 'parquet',
                mediatype: 'application/vnd.apache.parquet',
                bytes: f.bytes,
                hash: `sha256:${f.sha256}`,
                schema: { fields },
                description:
                  'The rows and values of the CSV file of the same period, as Parquet (ZSTD): belopp a DECIMAL(18,2), datum a DATE where every row has a full date; empty cells are null. Text cells keep the CSV file\'s leading apostrophe before a formula.',
              },
        ),
    ),
  };
}
