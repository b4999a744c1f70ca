/**
 * `npx tsx scripts/bench/xlsx.ts [--rows N] [--runs N]`: how fast the xlsx source reads workbooks, and in how much
 * memory. Generates workbooks shaped like Örebro's (fixed seed; scripts/bench/xlsx-file.ts) under bench-data/ with
 * 68,021 and N rows (default 1,000,000), and measures, each read in its own process and the runs interleaved:
 *   - the real Örebro file (../shared/fixtures/real/orebro-2016-03.xlsx), when ../shared is there,
 *   - the generated 68,021-row and N-row workbooks,
 * for each the xlsx source and the reference (the sheet inflated and parsed by saxes, no cell handling). Reports the
 * median over the runs of the whole process's wall time, of the read itself (rows/s), and of peak memory (max RSS),
 * and the ratio of the read to the reference. Keep N small when other work loads the machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from '../cli/args.ts';
import { writeBenchWorkbook } from './xlsx-file.ts';

const args = parseArgs(process.argv.slice(2), { rows: 'string', runs: 'string' });
const rows = Number(args.flags.get('rows') ?? 1_000_000);
const runs = Number(args.flags.get('runs') ?? 3);
if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npx tsx scripts/bench/xlsx.ts [--rows N] [--runs N]\n');
  process.exit(2);
}

const dir = 'bench-data';
mkdirSync(dir, { recursive: true });
const files: string[] = [];
const orebro = join('..', 'shared', 'fixtures', 'real', 'orebro-2016-03.xlsx');
if (existsSync(orebro)) files.push(orebro);
else process.stderr.write('notice: ../shared is missing, the Örebro file is left out\n');
for (const n of [...new Set([68_021, rows])].sort((a, b) => a - b)) {
  const file = join(dir, `orebro-shaped-${n}.xlsx`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} (${n.toLocaleString('en')} rows, seed 1)…\n`);
    await writeBenchWorkbook(file, n, 1);
  }
  files.push(file);
}

interface Run {
  records: number;
  seconds: number;
  maxRssMB: number;
  wall: number;
}

function measure(file: string, bare: boolean): Run {
  const started = process.hrtime.bigint();
  const out = execFileSync(process.execPath, ['--import', 'tsx', join('scripts/bench', 'xlsx-read.ts'), file, ...(bare ? ['--bare'] : [])], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  return { ...(JSON.parse(out) as Omit<Run, 'wall'>), wall };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = new Map<string, { read: Run[]; bare: Run[] }>(files.map((f) => [f, { read: [], bare: [] }]));
for (let i = 0; i < runs; i++) {
  for (const file of files) {
    const r = results.get(file)!;
    r.read.push(measure(file, false));
    r.bare.push(measure(file, true));
  }
  process.stderr.write(`run ${i + 1}/${runs} done\n`);
}

const n = (x: number, d = 0) => x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
process.stdout.write(`xlsx source, median of ${runs} runs, each read in its own process (node --import tsx)\n`);
process.stdout.write(
  `${'workbook'.padEnd(30)} ${'MB'.padStart(5)} ${'rows'.padStart(10)} ${'process s'.padStart(9)} ${'read s'.padStart(7)} ${'rows/s'.padStart(9)} ${'peak RSS'.padStart(9)} ${'bare s'.padStart(7)} ${'bare RSS'.padStart(9)} ${'read/bare'.padStart(9)}\n`,
);
for (const file of files) {
  const { read, bare } = results.get(file)!;
  const records = read[0].records - 1; // the header row is a record too
  const readS = median(read.map((r) => r.seconds));
  const bareS = median(bare.map((r) => r.seconds));
  process.stdout.write(
    `${basename(file).padEnd(30)} ${n(statSync(file).size / 1e6, 1).padStart(5)} ${n(records).padStart(10)} ${n(median(read.map((r) => r.wall)), 2).padStart(9)} ${n(readS, 2).padStart(7)} ${n(records / readS).padStart(9)} ${`${n(median(read.map((r) => r.maxRssMB)))} MB`.padStart(9)} ${n(bareS, 2).padStart(7)} ${`${n(median(bare.map((r) => r.maxRssMB)))} MB`.padStart(9)} ${n(readS / bareS, 2).padStart(9)}\n`,
  );
}
