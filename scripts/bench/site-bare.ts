/**
 * Benchmark reference: bare Eleventy 3.1.7 (no configuration file, no plugins, no filters) writing the same
 * supplier pages from the same records, made the same way: a page definition paginated over the records (global
 * data), with an empty body, and a layout with the markup (site/bare-supplier.njk).
 * Usage: site-bare.ts MODEL.json OUTDIR.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Eleventy from '@11ty/eleventy';

const [modelFile, outArg] = process.argv.slice(2);
const out = resolve(outArg);
const layout = resolve('scripts/bench/site/bare-supplier.njk');
const started = process.hrtime.bigint();
const { suppliers } = JSON.parse(readFileSync(modelFile, 'utf8')) as { suppliers: { slug: string }[] };
// Its own folder as the working directory, so that no project configuration is found.
const dir = mkdtempSync(join(tmpdir(), 'insyn-bench-bare-'));
mkdirSync(join(dir, 'src', '_includes'), { recursive: true });
copyFileSync(layout, join(dir, 'src', '_includes', 'supplier.njk'));
process.chdir(dir);
const elev = new Eleventy('src', out, {
  quietMode: true,
  config(cfg: any) {
    cfg.addGlobalData('suppliers', suppliers);
    cfg.addTemplate('suppliers.11ty.js', {
      data: {
        layout: 'supplier.njk',
        pagination: { data: 'suppliers', size: 1, alias: 'supplier', addAllPagesToCollections: true },
        permalink: (d: { supplier: { slug: string } }) => `/leverantorer/${d.supplier.slug}/`,
      },
      render: () => '',
    });
  },
});
elev.logger.overrideLogger({ log() {}, info() {}, warn: console.warn, error: console.error });
await elev.write();
rmSync(dir, { recursive: true, force: true });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMB: usage.maxRSS / 1024 }));
