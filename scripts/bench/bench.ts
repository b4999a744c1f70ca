/**
 * `npm run bench [-- --rows N] [-- --runs N] [-- --only SECTION,...]`: what a user waits for, measured honestly.
 *
 * The export is shaped like a real large publisher's (fixed seed; default 1,000,000 rows, about 170 MB, VGR
 * dialect): 25,000 suppliers, rows in no date order. Every step runs in its own process, the runs interleaved, and
 * the median of `--runs` (default 3) counts.
 *
 * - `validate`: the reference is bare csv-parse as a whole process (plain node); beside it `npm run validate` as a
 *   user runs it (whole process: npm, tsx and the pipeline), the same without npm, and the pipeline timed inside its
 *   process; and the build's dataset step (the pipeline plus writing). Target: whole-process ratio at most 1.3.
 * - `month`: a dataset of 12 monthly exports (the same rows split by month) built with the cache; then a 13th month
 *   added, against a build of a dataset holding that month alone (target: at most 1.5×); and a rebuild with nothing
 *   changed against its own Eleventy step (target: at most 1.2×). Also every download of a period together (CSV +
 *   Parquet, + JSON where asked) in bytes per row and as a ratio to the export (target: at most 1.5×), and the
 *   largest file against static hosts' per-file limit.
 * - `xlsx`: the workbook reader (scripts/bench/xlsx.ts: Örebro's real file, 68k and N Örebro-shaped rows).
 * - `site`: a site page's cost against bare Eleventy 3.1.7 and the search index, on 20,000 suppliers (scripts/bench/site.ts).
 * - `formats`: the download formats (Parquet, CSV for Excel) of a published CSV of as many rows (scripts/bench/formats.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../cli/args.ts';
import { writeBenchFile } from '../sample/bench-file.ts';

const args = parseArgs(process.argv.slice(2), { rows: 'string', runs: 'string', only: 'string' });
const rows = Number(args.flags.get('rows') ?? 1_000_000);
const runs = Number(args.flags.get('runs') ?? 3);
const only = new Set(String(args.flags.get('only') ?? 'validate,month,xlsx,site,formats').split(','));
const dir = 'bench-data';
mkdirSync(dir, { recursive: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const fmt = (n: number, d = 2) => n.toFixed(d).padStart(7);
const out = (line = '') => process.stdout.write(`${line}\n`);

interface Measured {
  seconds: number;
  maxRssMB: number;
  records?: number;
}

/** Runs a command, timing the whole process from here; its peak RSS from /usr/bin/time when there is one. */
function whole(cmd: string, argv: string[]): Measured {
  const time = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const r = time ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 }) : spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr?.slice(-500)}`);
  const rss = time ? Number(/(\d+)\s*$/.exec(r.stderr)?.[1] ?? 0) / 1024 : 0;
  return { seconds, maxRssMB: rss };
}

/** Runs a benchmark subject that reports its own timing as JSON. */
function inner(script: string, argv: string[]): Measured & Record<string, any> {
  const text = execFileSync(process.execPath, ['--import', 'tsx', join('scripts/bench', script), ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(text);
}

// ---- validate ----

if (only.has('validate')) {
  const file = join(dir, `export-25k-random-${rows}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} (${rows.toLocaleString('en')} rows, 25,000 suppliers, random date order, seed 1)…\n`);
    await writeBenchFile(file, rows, 1);
  }
  const m = { bare: [] as Measured[], npm: [] as Measured[], node: [] as Measured[], inproc: [] as Measured[], publish: [] as Measured[] };
  for (let i = 0; i < runs; i++) {
    m.bare.push(whole(process.execPath, ['scripts/bench/bare.mjs', file]));
    m.npm.push(whole('npm', ['run', '-s', 'validate', '--', file, '--json']));
    m.node.push(whole(process.execPath, ['--import', 'tsx', 'scripts/cli/validate.ts', file, '--json']));
    m.inproc.push(inner('pipeline.ts', [file]));
    m.publish.push(inner('pipeline.ts', [file, '--publish']));
    process.stderr.write(`validate: run ${i + 1}/${runs} done\n`);
  }
  const bare = median(m.bare.map((r) => r.seconds));
  const row = (name: string, rs: Measured[], ref = bare) => {
    const s = median(rs.map((r) => r.seconds));
    const rss = Math.max(...rs.map((r) => r.maxRssMB));
    out(`${name.padEnd(44)} ${fmt(s)} s ${Math.round(rows / s).toLocaleString('en').padStart(10)} rows/s ${rss ? `${rss.toFixed(0).padStart(5)} MB` : '        '}  ratio ${fmt(s / ref)}`);
    return s;
  };
  out(`validate: ${file}, ${rows.toLocaleString('en')} rows, ${mb(statSync(file).size)} MB, 25,000 suppliers, random date order; median of ${runs} runs`);
  row('bare csv-parse, whole process (reference)', m.bare);
  const npmS = row('npm run validate, whole process', m.npm);
  row('validate without npm (node --import tsx)', m.node);
  const innerBare = median(m.bare.map((r) => r.seconds));
  row('validate pipeline, timed in its process', m.inproc, innerBare);
  row('pipeline + writing (the build\'s dataset step)', m.publish, innerBare);
  out(`\nwhole-process ratio npm run validate / bare csv-parse = ${(npmS / bare).toFixed(2)} (target ≤ 1.30)\n`);
}

// ---- a month added, nothing changed ----

if (only.has('month')) {
  const perMonth = Math.round(rows / 12);
  // One publisher's months: the same 25,000 suppliers (one pool) paid month after month.
  const monthsDir = join(dir, `months-${perMonth}-pool1`);
  const months = Array.from({ length: 13 }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  mkdirSync(monthsDir, { recursive: true });
  for (const [i, m] of months.entries()) {
    const f = join(monthsDir, `${m}.csv`);
    if (existsSync(f)) continue;
    process.stderr.write(`generating ${f} (${perMonth.toLocaleString('en')} rows)…\n`);
    const [y, mm] = m.split('-').map(Number);
    const last = new Date(Date.UTC(y, mm, 0)).getUTCDate();
    await writeBenchFile(f, perMonth, 100 + i, { from: `${m}-01`, to: `${m}-${last}`, firstVoucher: 1_000_000 * (i + 1), poolSeed: 1 });
  }
  const settings = JSON.parse(readFileSync('data/site.json', 'utf8'));
  const dataset = JSON.stringify({ title: { sv: 'Leverantörsfakturor' }, description: { sv: 'Benchmark.' }, publisher: settings.publishers[0].id, maxRejectedShare: 1 });
  const makeData = (name: string, files: string[]) => {
    const d = join(dir, 'month-bench', name);
    rmSync(d, { recursive: true, force: true });
    mkdirSync(join(d, 'datasets', 'fakturor'), { recursive: true });
    writeFileSync(join(d, 'site.json'), JSON.stringify({ ...settings, publishers: [settings.publishers[0]] }));
    writeFileSync(join(d, 'datasets', 'fakturor', 'dataset.json'), dataset);
    for (const f of files) writeFileSync(join(d, 'datasets', 'fakturor', f), readFileSync(join(monthsDir, f)));
    return d;
  };
  const r = { added: [] as number[], alone: [] as number[], unchanged: [] as number[], unchangedSite: [] as number[], first: [] as number[] };
  // Each build's steps (build.ts timings), for the breakdown under the ratios.
  const steps: Record<'added' | 'alone' | 'unchanged', Record<string, number>[]> = { added: [], alone: [], unchanged: [] };
  let bytesPerRow = 0;
  let exportBytes = 0;
  let byFormat: Record<string, number> = {};
  let largestFile = 0;
  let publishedRows = 0;
  for (let i = 0; i < runs; i++) {
    const twelve = makeData('twelve', months.slice(0, 12).map((m) => `${m}.csv`));
    const cache = join(dir, 'month-bench', 'cache');
    rmSync(cache, { recursive: true, force: true });
    const outDir = join(dir, 'month-bench', 'out');
    const first = inner('build-step.ts', [twelve, outDir, cache]);
    r.first.push(first.total);
    bytesPerRow = first.dataBytes / first.rows;
    byFormat = first.byFormat;
    largestFile = first.largestFile;
    publishedRows = first.rows;
    exportBytes = months.slice(0, 12).reduce((n, m) => n + statSync(join(monthsDir, `${m}.csv`)).size, 0) / first.rows;
    const unchanged = inner('build-step.ts', [twelve, outDir, cache]);
    r.unchanged.push(unchanged.total);
    r.unchangedSite.push(unchanged.site);
    steps.unchanged.push(unchanged);
    writeFileSync(join(twelve, 'datasets', 'fakturor', `${months[12]}.csv`), readFileSync(join(monthsDir, `${months[12]}.csv`)));
    const added = inner('build-step.ts', [twelve, outDir, cache]);
    r.added.push(added.total);
    steps.added.push(added);
    const alone = makeData('alone', [`${months[12]}.csv`]);
    const aloneRun = inner('build-step.ts', [alone, join(dir, 'month-bench', 'out-alone'), '-']);
    r.alone.push(aloneRun.total);
    steps.alone.push(aloneRun);
    process.stderr.write(`month: run ${i + 1}/${runs} done\n`);
  }
  out(`month: a dataset of 12 monthly exports of ${perMonth.toLocaleString('en')} rows (25,000 suppliers, random order), built with the cache; median of ${runs} runs`);
  out(`  first build of the 12 months                 ${fmt(median(r.first))} s`);
  const added = median(r.added);
  const alone = median(r.alone);
  out(`  the 13th month added                         ${fmt(added)} s`);
  out(`  a dataset of that month alone (no cache)     ${fmt(alone)} s   month added / month alone = ${(added / alone).toFixed(2)} (target ≤ 1.50)`);
  const unchanged = median(r.unchanged);
  const eleventy = median(r.unchangedSite);
  out(`  a rebuild with nothing changed               ${fmt(unchanged)} s   its Eleventy step ${eleventy.toFixed(2)} s: ratio ${(unchanged / eleventy).toFixed(2)} (target ≤ 1.20)`);
  // Each run's figures: on a machine whose speed moves between runs, the medians alone hide how far apart they are.
  const each = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
  out(`  runs (s): added ${each(r.added)}; alone ${each(r.alone)}; unchanged ${each(r.unchanged)}, its Eleventy step ${each(r.unchangedSite)}`);
  out(`  ratios of each run: added / alone ${r.added.map((a, i) => (a / r.alone[i]).toFixed(2)).join(', ')}; unchanged / its Eleventy step ${r.unchanged.map((u, i) => (u / r.unchangedSite[i]).toFixed(2)).join(', ')}`);
  // Where each build's time went (medians of the steps; the search step is its start and what is left after Eleventy).
  for (const [name, list] of Object.entries(steps)) {
    const step = (k: string) => median(list.map((t) => t[k] ?? 0)).toFixed(1);
    out(`    ${name.padEnd(10)} datasets ${step('datasets')} s, index ${step('index')} s, Eleventy ${step('site')} s, search ${step('search')} s, swap ${step('commit')} s, total ${step('total')} s`);
  }
  // Every download of a period together (CSV + Parquet, + JSON when dataset.json asks), per published row.
  const parts = Object.entries(byFormat).map(([f, b]) => `${f} ${(b / publishedRows).toFixed(0)}`);
  out(`  downloads of a period (${Object.keys(byFormat).join(' + ')}): ${bytesPerRow.toFixed(0)} bytes per row (${parts.join(', ')}), ${(bytesPerRow / exportBytes).toFixed(2)}× the export (${exportBytes.toFixed(0)} bytes a row; target ≤ 1.50)`);
  out(`  largest file ${(largestFile / 2 ** 20).toFixed(1)} MiB (Cloudflare Pages serves at most 25 MiB a file, GitHub Pages 100 MB)\n`);
}

// ---- workbooks ----

if (only.has('xlsx')) {
  out('xlsx: the workbook reader (scripts/bench/xlsx.ts)');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/xlsx.ts', '--rows', String(rows), '--runs', String(runs)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  out(r.stdout.trim());
}

// ---- the site ----

if (only.has('site')) {
  out('site: a page against bare Eleventy, and the search index (scripts/bench/site.ts)');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/site.ts', '--runs', String(runs)], { stdio: 'inherit' });
}

// ---- download formats ----

if (only.has('formats')) {
  out('formats: Parquet and CSV for Excel of a published CSV (scripts/bench/formats.ts)');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/formats.ts', '--rows', String(rows), '--runs', String(runs)], { stdio: 'inherit' });
}
