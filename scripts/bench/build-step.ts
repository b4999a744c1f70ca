/**
 * Benchmark subject: one real build (`build()` in this process), printing its step timings as JSON.
 * `tsx scripts/bench/build-step.ts DATA OUTPUT CACHE|-`: CACHE is the cache folder, `-` for no cache.
 */
import { build } from '../build/build.ts';

const [data, output, cacheDir] = process.argv.slice(2);
const r = await build({ dataDir: data, outputDir: output, cacheDir: cacheDir === '-' ? null : cacheDir });
const rows = r.model.datasets.reduce((n, d) => n + d.summary.rows, 0);
let dataBytes = 0;
let largestFile = 0;
const byFormat: Record<string, number> = {};
for (const d of r.model.datasets) {
  for (const p of d.summary.periods) {
    for (const f of p.files) {
      dataBytes += f.bytes;
      byFormat[f.format] = (byFormat[f.format] ?? 0) + f.bytes;
      largestFile = Math.max(largestFile, f.bytes);
    }
  }
}
process.stdout.write(JSON.stringify({ ...r.timings, cached: r.cached.length, published: r.published.length, hashedFiles: r.hashedFiles, rows, dataBytes, byFormat, largestFile, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
