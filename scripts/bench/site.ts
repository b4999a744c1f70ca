/**
 * `npm run bench` step (or alone: `npx tsx scripts/bench/site.ts [--pages N] [--runs N]`): the cost of a site page.
 * Builds the sample data once for a real site model, adds N synthetic suppliers (default 20,000), then runs, each
 * in its own process and interleaved, Insyn's Eleventy step with a supplier page paginated over them
 * (site-insyn.ts) and bare Eleventy 3.1.7 writing the same pages (site-bare.ts). Whole process wall time, median
 * of the runs; per page and as a ratio (and the same in CPU time, which other work on the machine disturbs less).
 * Target: Insyn per page at most 1.5× bare Eleventy per page.
 *
 * Both are measured twice: writing into memory (/dev/shm, where the machine has it), which is the pages' own cost,
 * and onto the disk (the system's temporary folder, or `--tmp DIR`), as a build writes. On the disk the time the
 * file system takes is added to both (the same files), which brings the ratio nearer 1; and it varies with what
 * the disk is still writing out from before: here two runs in a row of the same bare build took 7 and 16 s.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../build/build.ts';
import { parseArgs } from '../cli/args.ts';
import { bareSuppliers } from './site-bare-data.ts';
import { benchIndex } from './site-records.ts';

const args = parseArgs(process.argv.slice(2), { pages: 'string', runs: 'string', tmp: 'string' });
const pages = Number(args.flags.get('pages') ?? 20_000);
const runs = Number(args.flags.get('runs') ?? 3);
// Where the sites are written: in memory where the machine has /dev/shm, and on the disk (default the system's
// temporary folder).
const tmp = String(args.flags.get('tmp') ?? tmpdir());
const places: { name: string; dir: string }[] = [];
try {
  accessSync('/dev/shm', constants.W_OK);
  places.push({ name: 'in memory (/dev/shm)', dir: '/dev/shm' });
} catch {
  // no memory file system: the disk only
}
places.push({ name: `on the disk (${tmp})`, dir: tmp });

const work = mkdtempSync(join(tmp, 'insyn-bench-site-'));
const sample = await build({ dataDir: 'data', outputDir: join(work, 'sample'), cacheDir: null });
const modelFile = join(work, 'model.json');
const model = { ...sample.model, index: benchIndex(pages, sample.model) };
writeFileSync(modelFile, JSON.stringify(model));
// Bare Eleventy's pages: the same items, every value formatted and every chart drawn beforehand (site-bare-data.ts).
const bareFile = join(work, 'bare.json');
const texts = JSON.parse(readFileSync('content/_data/texts.json', 'utf8'));
writeFileSync(bareFile, JSON.stringify({ suppliers: bareSuppliers(model, texts) }));
const firstSlug = model.index.suppliers[0].slug;

interface Run {
  seconds: number;
  /** Bytes of the first supplier's page: bare Eleventy's must be Insyn's (the same pages), or the ratio means nothing. */
  pageBytes: number;
  /** User + system CPU time of the process (less sensitive than wall time to other work on the machine). */
  cpuSeconds: number;
  pages: number;
  maxRssMB: number;
}

function countHtml(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.html')).length;
}

function measure(script: string, input: string, place: string): Run {
  const out = join(place, `insyn-bench-site-out-${process.pid}`);
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('scripts/bench', script), input, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}`);
  const inner = JSON.parse(r.stdout) as { cpuSeconds: number; maxRssMB: number };
  const pageBytes = statSync(join(out, 'leverantorer', firstSlug, 'index.html')).size;
  const run = { seconds, pageBytes, cpuSeconds: inner.cpuSeconds, pages: countHtml(out), maxRssMB: inner.maxRssMB };
  rmSync(out, { recursive: true, force: true });
  return run;
}

const results = places.map(() => ({ bare: [] as Run[], insyn: [] as Run[] }));
// The search index stage over the sample site with the suppliers as records, and the search page over it.
const sampleDir = join(work, 'sample');
const searchRuns: { seconds: number; records: number; pages: number; files: number; bytes: number; maxRssMB: number }[] = [];
let browser: { firstBytes: number; firstFiles: number; firstMs: number; warmMs: number[] } | null = null;
for (let i = 0; i < runs; i++) {
  for (const [k, place] of places.entries()) {
    results[k].bare.push(measure('site-bare.ts', bareFile, place.dir));
    results[k].insyn.push(measure('site-insyn.ts', modelFile, place.dir));
  }
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/site-search.ts', sampleDir, modelFile], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`site-search.ts failed (${r.status}): ${r.stderr}`);
  searchRuns.push({ ...JSON.parse(r.stdout), seconds: Number(process.hrtime.bigint() - started) / 1e9 });
  process.stderr.write(`site pages and search: run ${i + 1}/${runs} done\n`);
}
if (existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/site-search-browser.ts', sampleDir, sample.model.pathPrefix], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`site-search-browser.ts failed (${r.status}): ${r.stderr}`);
  browser = JSON.parse(r.stdout);
}
rmSync(work, { recursive: true, force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (rs: Run[]) => ({
  seconds: median(rs.map((r) => r.seconds)),
  pages: rs[0].pages,
  msPerPage: median(rs.map((r) => (r.seconds * 1000) / r.pages)),
  cpuMsPerPage: median(rs.map((r) => (r.cpuSeconds * 1000) / r.pages)),
  peak: Math.max(...rs.map((r) => r.maxRssMB)),
});
const line = (name: string, s: ReturnType<typeof summary>) =>
  `  ${name.padEnd(22)} ${s.seconds.toFixed(2).padStart(7)} s  ${s.pages.toLocaleString('en').padStart(7)} pages  ${s.msPerPage.toFixed(2).padStart(6)} ms/page  (CPU ${s.cpuMsPerPage.toFixed(2)} ms/page)  peak ${s.peak.toFixed(0).padStart(5)} MB`;
process.stdout.write(`\nsite pages: ${pages.toLocaleString('en')} supplier pages (the real page: scripts/site/pages.ts supplierPage, templates/layouts/supplier.njk; Insyn also writes the rest of the site), whole process, median of ${runs} runs\n`);
for (const [k, place] of places.entries()) {
  const bare = summary(results[k].bare);
  const insyn = summary(results[k].insyn);
  process.stdout.write(`written ${place.name}:\n${line('bare Eleventy 3.1.7', bare)}\n${line('Insyn Eleventy step', insyn)}\n`);
  const spread = (rs: Run[]) => rs.map((r) => r.seconds.toFixed(1)).join(', ');
  process.stdout.write(`  runs (s): bare ${spread(results[k].bare)}; Insyn ${spread(results[k].insyn)}\n`);
  process.stdout.write(`  Insyn / bare per page = ${(insyn.msPerPage / bare.msPerPage).toFixed(2)} (target ≤ 1.50; CPU time ${(insyn.cpuMsPerPage / bare.cpuMsPerPage).toFixed(2)})\n`);
}
const first = results[0];
const sizes = `a page: bare ${first.bare[0].pageBytes} bytes, Insyn ${first.insyn[0].pageBytes} bytes`;
if (Math.abs(first.bare[0].pageBytes - first.insyn[0].pageBytes) > 0.02 * first.insyn[0].pageBytes) {
  process.stdout.write(`WARNING: ${sizes}: bare Eleventy no longer writes the same pages; regenerate scripts/bench/site/bare-supplier.njk from Insyn's page (base.njk changed)\n`);
} else process.stdout.write(`${sizes} (the same markup)\n`);

const search = { ...searchRuns[0], seconds: median(searchRuns.map((r) => r.seconds)), peak: Math.max(...searchRuns.map((r) => r.maxRssMB)) };
process.stdout.write(`\nsearch index: the sample site's ${search.pages} pages and ${search.records.toLocaleString('en')} records (${pages.toLocaleString('en')} suppliers, Swedish and English), whole process, median of ${runs} runs\n`);
process.stdout.write(`  ${search.seconds.toFixed(1)} s (target ≤ 20 s), ${(search.bytes / 1e6).toFixed(1)} MB in ${search.files.toLocaleString('en')} files, peak ${search.peak.toFixed(0)} MB\n`);
if (browser) {
  const warm = [...browser.warmMs].sort((a, b) => a - b);
  process.stdout.write(`  first search: ${(browser.firstBytes / 1024).toFixed(0)} KB in ${browser.firstFiles} files (target ≤ 500 KB), ${browser.firstMs.toFixed(0)} ms; warm: median ${median(warm).toFixed(0)} ms, slowest ${warm[warm.length - 1].toFixed(0)} ms of ${warm.length} (target < 300 ms)\n`);
} else {
  process.stdout.write('  first search: not measured (no Chromium at CHROMIUM_PATH or /usr/bin/chromium)\n');
}
