/**
 * Publishes one dataset folder: runs every export file through the pipeline (pipeline.ts) and writes, under
 * `<output>/datasets/<id>/`, the published rows per period (CSV + JSON), `summary.json`, `report.json` and
 * `datapackage.json`. Returns the DatasetBuild the catalogue and the site are made from.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { DatasetBuild, DatasetSource, DatasetSummary, Period, Publisher, PublishedFile } from '../model.ts';
import { Aggregator, type Breakdown } from './aggregate.ts';
import { COLUMN_DOCS, SPEC_COLUMNS } from './columns.ts';
import { runFile, type FileResult } from './pipeline.ts';
import { UnusableFileError } from './read.ts';
import { SOLE_TRADER_NAME } from './redact.ts';
import { Report } from './report.ts';
import { safe } from '../privacy/safe.ts';
import { PeriodWriters, writeTable } from './write.ts';

export const PREVIEW_ROWS = 10;

/** The largest suppliers in summary.json, and the largest accounts and departments. */
export const TOP_SUPPLIERS = 25;
export const SUMMARY_LIST_LIMIT = 200;

/** Every supplier, account and department of the dataset, each list a CSV beside summary.json. */
async function writeLists(outRoot: string, relDir: string, b: Breakdown): Promise<DatasetSummary['lists']> {
  const file = async (name: string, header: string[], numeric: boolean[], rows: Iterable<string[]>): Promise<PublishedFile> => {
    const rel = `${relDir}/${name}`;
    const { bytes, sha256 } = await writeTable(join(outRoot, rel), header, numeric, rows);
    return { path: rel, format: 'CSV', mediaType: 'text/csv', bytes, sha256 };
  };
  function* rowsOf(sums: Breakdown['suppliers'], row: (e: ReturnType<Breakdown['suppliers']['entry']>, slot: number) => string[]) {
    for (const i of sums.ranked()) yield row(sums.entry(i), i);
  }
  return {
    suppliers: await file('suppliers.csv', ['leverantor_id', 'leverantor', 'rader', 'belopp'], [false, false, true, true], rowsOf(b.suppliers, (e, i) => [b.orgNumber(i), e.name, String(e.rows), e.total])),
    accounts: await file('accounts.csv', ['konto_nr', 'konto_text', 'rader', 'belopp'], [false, false, true, true], rowsOf(b.accounts, (e) => [e.key, e.name, String(e.rows), e.total])),
    departments: await file('departments.csv', ['forvaltning', 'rader', 'belopp'], [false, true, true], rowsOf(b.departments, (e) => [e.name, String(e.rows), e.total])),
  };
}

export interface PublishOptions {
  onProgress?(file: string, bytesRead: number, totalBytes: number, rows: number): void;
  onFile?(result: FileResult): void;
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

export async function publishDataset(source: DatasetSource, publisher: Publisher, outRoot: string, opts: PublishOptions = {}): Promise<DatasetBuild> {
  const { id, metadata } = source;
  const relDir = `datasets/${id}`;
  const dir = join(outRoot, relDir);
  await mkdir(dir, { recursive: true });
  const cumulative = metadata.series === 'cumulative';
  const periodOf = cumulative ? () => 'all' : (date: string) => date.slice(0, 4);
  const writers = new PeriodWriters(dir, relDir, id, cumulative);
  const report = new Report();
  const aggregator = new Aggregator(periodOf);
  const breakdown = aggregator.breakdown as Breakdown;
  const preview: string[][] = [];
  const results: FileResult[] = [];
  let monthOnly = false;

  for (const path of source.files) {
    const name = safe(basename(path));
    const result = await runFile(path, name, {
      columns: metadata.columns,
      multilineValues: metadata.multilineValues,
      decimalMark: metadata.decimalMark,
      period: metadata.period,
      sheet: metadata.sheet,
      publisher,
      report,
      aggregator,
      onRow(row, checked) {
        writers.write(periodOf(checked.date), row);
        if (checked.date.length === 7) monthOnly = true;
        if (preview.length < PREVIEW_ROWS) preview.push(row.slice());
      },
      onProgress: opts.onProgress ? (b, t, r) => opts.onProgress?.(name, b, t, r) : undefined,
      drain: () => writers.drain(),
    }).catch((e: unknown) => {
      // Name the dataset folder too: every dataset may have its own 2025-01.csv.
      if (e instanceof UnusableFileError) throw new UnusableFileError(safe(relative(process.cwd(), path) || path), e.reason, e.line);
      throw e;
    });
    results.push(result);
    opts.onFile?.(result);
  }
  const filesByPeriod = await writers.close();
  const periods: Period[] = aggregator.totals.periodList().map((p) => ({ ...p, files: filesByPeriod.get(p.key) ?? [] }));
  const sum = (k: 'rows' | 'valid' | 'rejected' | 'redacted') => results.reduce((n, r) => n + r[k], 0);

  const summary: DatasetSummary = {
    id,
    rows: sum('rows'),
    valid: sum('valid'),
    rejected: sum('rejected'),
    redacted: sum('redacted'),
    warnings: report.warnings.total,
    total: aggregator.all.sum.text(),
    currency: 'SEK',
    period: aggregator.first ? { first: aggregator.first, last: aggregator.last } : null,
    suppliers: breakdown.suppliers.size,
    topSuppliers: breakdown.suppliers.ranked(TOP_SUPPLIERS).map((i) => {
      const e = breakdown.suppliers.entry(i);
      return { name: e.name, id: breakdown.orgNumber(i), rows: e.rows, total: e.total };
    }),
    redactedSuppliers: { ...aggregator.redacted.toJSON() },
    byMonth: aggregator.totals.byMonth(),
    accounts: breakdown.accounts.size,
    departments: breakdown.departments.size,
    byAccount: breakdown.accounts.ranked(SUMMARY_LIST_LIMIT).map((i) => {
      const e = breakdown.accounts.entry(i);
      return { account: e.key, name: e.name, rows: e.rows, total: e.total };
    }),
    byDepartment: breakdown.departments.ranked(SUMMARY_LIST_LIMIT).map((i) => {
      const e = breakdown.departments.entry(i);
      return { name: e.name, rows: e.rows, total: e.total };
    }),
    lists: await writeLists(outRoot, relDir, breakdown),
    periods,
    sources: results.map((r) => ({ file: r.file, encoding: r.encoding, delimiter: r.delimiter, ...(r.sheet !== undefined ? { sheet: r.sheet } : {}), rows: r.rows, valid: r.valid, rejected: r.rejected })),
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
  });
  await writeJsonFile(outRoot, `${relDir}/summary.json`, summary);
  const datapackage = await writeJsonFile(outRoot, `${relDir}/datapackage.json`, dataPackage(source, publisher, periods, monthOnly));

  return { id, metadata, publisher, summary, datapackage, report: reportFile, preview, columns: [...SPEC_COLUMNS] };
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
    description: c.sv,
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
        .filter((f) => f.format === 'CSV')
        .map((f) => ({
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
            'Text cells that would start with =, +, -, @ or a tab are written with a leading apostrophe so that spreadsheets do not run them as formulas; the JSON files hold the values unchanged.',
        })),
    ),
  };
}
