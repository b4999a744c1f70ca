/**
 * `npm run bench [-- --rows N] [-- --runs N]`: generates a realistic export (fixed seed; default 1,000,000 rows,
 * about 160 MB, in the VGR dialect) and measures, each in its own process and in the same run:
 *   - a bare csv-parse pass over the file (the baseline),
 *   - the whole validate pipeline,
 *   - the build's per-dataset step (the pipeline plus writing CSV and JSON),
 * reporting rows/s, peak memory (max RSS) and the ratio of the pipeline to the baseline. The best of N runs counts.
 * Targets: ratio at most 1.3; peak memory under 200 MB whatever the row count.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeBenchFile } from '../sample/bench-file.ts';
import { parseArgs } from '../cli/args.ts';

const args = parseArgs(process.argv.slice(2), { rows: 'string', runs: 'string' });
const rows = Number(args.flags.get('rows') ?? 1_000_000);
const runs = Number(args.flags.get('runs') ?? 3);
const dir = 'bench-data';
mkdirSync(dir, { recursive: true });
const file = join(dir, `export-${rows}.csv`);
if (!existsSync(file)) {
  process.stderr.write(`generating ${file} (${rows.toLocaleString('en')} rows, seed 1)…\n`);
  await writeBenchFile(file, rows, 1);
}
const mb = statSync(file).size / 1e6;

interface Run {
  records: number;
  seconds: number;
  maxRssMB: number;
}

function measure(script: string, extra: string[] = []): Run {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join('scripts/bench', script), file, ...extra], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Run;
}

const results: Record<string, Run[]> = { bare: [], validate: [], publish: [] };
for (let i = 0; i < runs; i++) {
  // Interleaved, so that a slow moment of the machine hits all three alike.
  results.bare.push(measure('bare.ts'));
  results.validate.push(measure('pipeline.ts'));
  results.publish.push(measure('pipeline.ts', ['--publish']));
  process.stderr.write(`run ${i + 1}/${runs} done\n`);
}
const best = (rs: Run[]) => rs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const peak = (rs: Run[]) => Math.max(...rs.map((r) => r.maxRssMB));
const bare = best(results.bare);
const validate = best(results.validate);
const publish = best(results.publish);
const line = (name: string, r: Run, rs: Run[]) =>
  `${name.padEnd(22)} ${r.seconds.toFixed(2).padStart(6)} s  ${Math.round(r.records / r.seconds).toLocaleString('en').padStart(10)} rows/s  peak ${peak(rs).toFixed(0).padStart(4)} MB  ratio ${(r.seconds / bare.seconds).toFixed(2)}`;
process.stdout.write(`file: ${file}, ${rows.toLocaleString('en')} rows, ${mb.toFixed(0)} MB; best of ${runs} runs\n`);
process.stdout.write(`${line('bare csv-parse', bare, results.bare)}\n`);
process.stdout.write(`${line('validate pipeline', validate, results.validate)}\n`);
process.stdout.write(`${line('pipeline + write', publish, results.publish)}\n`);
const ratio = validate.seconds / bare.seconds;
process.stdout.write(`\nvalidate / bare csv-parse = ${ratio.toFixed(2)} (target ≤ 1.30); peak memory ${peak(results.validate).toFixed(0)} MB (target < 200 MB)\n`);
