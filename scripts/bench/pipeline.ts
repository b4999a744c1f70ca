/**
 * Benchmark subject: the whole `validate` pipeline over one file (encoding detection, read, map, parse, check,
 * redact, aggregate, report), or with `--publish` the build's dataset step (plus writing CSV and JSON).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aggregator } from '../pipeline/aggregate.ts';
import { runFile } from '../pipeline/pipeline.ts';
import { PeriodWriters } from '../pipeline/write.ts';
import { Report } from '../pipeline/report.ts';
import { trusted } from '../privacy/safe.ts';

const file = process.argv[2];
const publish = process.argv.includes('--publish');
const started = process.hrtime.bigint();
const report = new Report();
const aggregator = new Aggregator((d) => d.slice(0, 4), { breakdown: publish });
const out = publish ? mkdtempSync(join(tmpdir(), 'insyn-bench-')) : '';
const writers = publish ? new PeriodWriters(out, 'datasets/bench', 'bench', false) : null;
const result = await runFile(file, trusted('bench.csv'), {
  hash: publish,
  report,
  aggregator,
  onRow: writers ? (row, c) => writers.write(c.date.slice(0, 4), row) : undefined,
  drain: writers ? () => writers.drain() : undefined,
});
if (writers) await writers.close();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (out) rmSync(out, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({ records: result.rows, valid: result.valid, redacted: result.redacted, total: aggregator.all.sum.text(), seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }),
);
