/**
 * `npm run validate -- FILE... [--json]`: checks export files without building anything.
 * Exit 0: no rejected rows; 1: rows rejected; 2: a file unusable (or the command was called wrong).
 * With `--json`, stdout is exactly one JSON document; progress and messages go to stderr.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadDatasetMetadata, loadSettings, ConfigError } from '../config/load.ts';
import type { DatasetMetadata, Publisher } from '../model.ts';
import { Aggregator } from '../pipeline/aggregate.ts';
import { runFile, DELIMITER_NAMES, type FileResult } from '../pipeline/pipeline.ts';
import { UnusableFileError } from '../pipeline/read.ts';
import { Report } from '../pipeline/report.ts';
import { safe } from '../privacy/safe.ts';
import { clearProgress, commandArgs, count, counted, progressReporter, runMain } from './args.ts';
import { fail, moneyJson, money, printProblems } from './output.ts';

const USAGE = `Usage: npm run validate -- FILE... [--json]

Checks supplier-invoice exports (CSV) against the national specification without building the site.
  --json   print one JSON document on stdout (for scripts)
Exit codes: 0 no rejected rows, 1 some rows rejected, 2 a file cannot be used.`;

interface FileDoc {
  file: string;
  usable: boolean;
  error?: string;
  line?: number;
  encoding?: string;
  delimiter?: string | null;
  sheet?: string;
  rows: number;
  valid: number;
  rejected: number;
  redacted: number;
  total: string;
  period: { first: string; last: string } | null;
  errors: unknown[];
  errorCounts: unknown[];
  warnings: unknown[];
  warningCounts: unknown[];
  warningCount: number;
  notes: unknown[];
}

/** The dataset metadata and publisher for a file inside `data/datasets/<id>/`, when there are any. */
async function contextFor(file: string): Promise<Partial<Pick<DatasetMetadata, 'columns' | 'multilineValues' | 'decimalMark' | 'period' | 'sheet'>> & { publisher?: Publisher }> {
  const dir = dirname(file);
  const metaPath = join(dir, 'dataset.json');
  if (!existsSync(metaPath)) return {};
  const metadata = await loadDatasetMetadata(metaPath);
  const siteDir = join(dir, '..', '..');
  let publisher: Publisher | undefined;
  if (existsSync(join(siteDir, 'site.json'))) {
    const settings = await loadSettings(siteDir);
    publisher = settings.publishers.find((p) => p.id === metadata.publisher);
  }
  return { columns: metadata.columns, multilineValues: metadata.multilineValues, decimalMark: metadata.decimalMark, period: metadata.period, sheet: metadata.sheet, publisher };
}

async function validateOne(file: string, json: boolean): Promise<FileDoc> {
  const report = new Report();
  const aggregator = new Aggregator((d) => d.slice(0, 4), { breakdown: false });
  const doc: FileDoc = {
    file: safe(file),
    usable: true,
    rows: 0,
    valid: 0,
    rejected: 0,
    redacted: 0,
    total: '0.00',
    period: null,
    errors: [],
    errorCounts: [],
    warnings: [],
    warningCounts: [],
    warningCount: 0,
    notes: [],
  };
  let result: FileResult | null = null;
  try {
    const ctx = await contextFor(file);
    result = await runFile(file, safe(file), { ...ctx, report, aggregator, hash: false, onProgress: progressReporter(safe(basename(file))) });
  } catch (e) {
    clearProgress();
    if (e instanceof UnusableFileError) {
      doc.usable = false;
      doc.error = e.reason;
      doc.line = e.line;
    } else if (e instanceof ConfigError) {
      doc.usable = false;
      doc.error = e.message;
    } else throw e;
  }
  clearProgress();
  if (result) {
    Object.assign(doc, {
      encoding: result.encoding,
      delimiter: result.delimiter,
      sheet: result.sheet,
      rows: result.rows,
      valid: result.valid,
      rejected: result.rejected,
      redacted: result.redacted,
      total: aggregator.all.sum.text(),
      period: aggregator.first ? { first: aggregator.first, last: aggregator.last } : null,
    });
  }
  const r = report.toJSON();
  Object.assign(doc, { ...r, warningCount: report.warnings.total });
  if (!json) printHuman(doc);
  return doc;
}

function printHuman(d: FileDoc): void {
  const out = process.stdout;
  out.write(`\n${d.file}\n`);
  if (!d.usable) {
    out.write(`  UNUSABLE${d.line ? ` (line ${d.line})` : ''}: ${d.error}\n`);
    return;
  }
  out.write(
    d.sheet !== undefined
      ? `  read as an Excel workbook, sheet "${d.sheet}"\n`
      : d.delimiter === null || d.delimiter === undefined
        ? `  read as JSON rows (${d.encoding})\n`
        : `  read as ${d.encoding}, ${DELIMITER_NAMES[d.delimiter as ';']}-separated\n`,
  );
  out.write(
    `  ${counted(d.rows, 'row', 'rows')}: ${count(d.valid)} publishable, ${count(d.rejected)} rejected, ${count(d.redacted)} redacted (sole traders), ${counted(d.warningCount, 'warning', 'warnings')}\n`,
  );
  out.write(`  total ${money(d.total)}${d.period ? `, ${d.period.first} – ${d.period.last}` : ''}\n`);
  printProblems(d as unknown as Parameters<typeof printProblems>[0]);
}

async function main(): Promise<number> {
  const args = commandArgs(process.argv.slice(2), { json: 'boolean' }, USAGE);
  if (typeof args === 'number') return args;
  if (args.positional.length === 0) return fail(`no file given\n\n${USAGE}`, 2);
  const json = args.flags.has('json');
  const docs: FileDoc[] = [];
  for (const file of args.positional) docs.push(await validateOne(file, json));
  const code = docs.some((d) => !d.usable) ? 2 : docs.some((d) => d.rejected > 0) ? 1 : 0;
  if (json) {
    const body = docs.length === 1 ? docs[0] : { files: docs };
    process.stdout.write(`${moneyJson(body, ['total'])}\n`);
  } else {
    const sum = (k: 'rows' | 'valid' | 'rejected' | 'redacted') => docs.reduce((n, d) => n + d[k], 0);
    if (docs.length > 1) {
      process.stdout.write(`\n${docs.length} files: ${count(sum('rows'))} rows, ${count(sum('valid'))} publishable, ${count(sum('rejected'))} rejected, ${count(sum('redacted'))} redacted\n`);
    }
    process.stdout.write(code === 0 ? '\nOK: no rows rejected.\n' : code === 1 ? '\nSome rows are rejected (exit code 1): they would be left out of the published data.\n' : '\nA file cannot be used (exit code 2).\n');
  }
  return code;
}

runMain(main, 'internal error', 2);
