/**
 * `npm run bench` step (or alone: `npx tsx scripts/bench/formats.ts [--rows N] [--runs N]`): the download formats
 * (scripts/pipeline/formats/) over a published CSV of N rows (default 1,000,000; generated once with the real
 * writer's csvLine, fixed seed, into bench-data/): each writer in its own process, whole process, median of the
 * runs; time, peak memory (max RSS) and bytes, also as a share of the published CSV's size.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from '../cli/args.ts';
import { SPEC_COLUMNS } from '../pipeline/columns.ts';
import { DOWNLOAD_FORMATS } from '../pipeline/formats/index.ts';
import { csvLine } from '../pipeline/write.ts';
import { Random } from '../sample/random.ts';

const args = parseArgs(process.argv.slice(2), { rows: 'string', runs: 'string' });
const rows = Number(args.flags.get('rows') ?? 1_000_000);
const runs = Number(args.flags.get('runs') ?? 3);
mkdirSync('bench-data', { recursive: true });
const csv = join('bench-data', `published-${rows}.csv`);

if (!existsSync(csv)) {
  process.stderr.write(`generating ${csv} (${rows.toLocaleString('en')} published rows, seed 1)…\n`);
  const rng = new Random(1);
  const suppliers = Array.from({ length: 5000 }, (_, i) => [`Leverantör ${i} ${rng.pick(['AB', 'HB', 'Aktiebolag', 'Ekonomisk förening'])}`, `55${String(i).padStart(8, '0')}`]);
  const accounts = Array.from({ length: 200 }, (_, i) => [String(4000 + i * 17), `Konto ${i} ${rng.pick(['material', 'tjänster', 'hyror', 'resor'])}`]);
  const departments = ['Barn- och utbildningsförvaltningen', 'Socialförvaltningen', 'Samhällsbyggnadsförvaltningen', 'Kultur- och fritidsförvaltningen', 'Kommunstyrelsens förvaltning'];
  const out = createWriteStream(csv);
  out.write(`${SPEC_COLUMNS.join(',')}\r\n`);
  for (let i = 0; i < rows; i++) {
    const [name, id] = rng.pick(suppliers);
    const [account, accountName] = rng.pick(accounts);
    const ore = Math.round(rng.lognormal(500_000, 1.6)) * (rng.chance(0.03) ? -1 : 1);
    const amount = `${ore < 0 ? '-' : ''}${Math.trunc(Math.abs(ore) / 100)}.${String(Math.abs(ore) % 100).padStart(2, '0')}`;
    const date = `2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const row = ['2120001355', 'Exempelby kommun', String(100000 + i), name, id, account, accountName, amount, date, rng.pick(departments), `F${rng.int(1, 9_999_999)}`, '', '', '1480', ''];
    if (!out.write(csvLine(row as never))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
const csvBytes = statSync(csv).size;

interface Run {
  bytes: number;
  seconds: number;
  maxRssMB: number;
}
const results = new Map<string, Run[]>();
for (let i = 0; i < runs; i++) {
  for (const w of DOWNLOAD_FORMATS) {
    const out = join('bench-data', `published-${rows}${w.suffix}`);
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/formats-write.ts', w.suffix, csv, out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${w.suffix} failed: ${r.stderr}`);
    const inner = JSON.parse(r.stdout) as Run;
    results.set(w.suffix, [...(results.get(w.suffix) ?? []), { ...inner, seconds: Number(process.hrtime.bigint() - started) / 1e9 }]);
    rmSync(out, { force: true });
  }
  process.stderr.write(`formats: run ${i + 1}/${runs} done\n`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
process.stdout.write(`\ndownload formats: ${rows.toLocaleString('en')} rows, published CSV ${(csvBytes / 1e6).toFixed(1)} MB, whole process, median of ${runs} runs\n`);
for (const [suffix, rs] of results) {
  const bytes = rs[0].bytes;
  process.stdout.write(`${suffix.padEnd(12)} ${median(rs.map((r) => r.seconds)).toFixed(2).padStart(6)} s  peak ${Math.max(...rs.map((r) => r.maxRssMB)).toFixed(0).padStart(4)} MB  ${(bytes / 1e6).toFixed(1).padStart(6)} MB (${((bytes / csvBytes) * 100).toFixed(0)}% of the CSV)\n`);
}
