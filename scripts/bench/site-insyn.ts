/**
 * Benchmark subject: Insyn's Eleventy step (`buildSite`, the project's configuration, layouts, filters and
 * transforms, the whole site model as `insyn`) with a supplier page paginated over `insyn.suppliers`.
 * Usage: site-insyn.ts MODEL.json OUTDIR → prints {pages, seconds, maxRssMB}.
 */
import { readFileSync } from 'node:fs';
import type { SiteModel } from '../model.ts';
import { buildSite } from '../site/index.ts';
import type { BenchSupplier } from './site-records.ts';

const [modelFile, out] = process.argv.slice(2);
const started = process.hrtime.bigint();
const model = JSON.parse(readFileSync(modelFile, 'utf8')) as SiteModel & { suppliers: BenchSupplier[] };
await buildSite(model, out, {
  templates: [
    // A page definition as scripts/site/pages.ts makes them, with its head in each pagination item (`record`,
    // made once by `before`; see templates/layouts/base.njk) rather than in eleventyComputed.
    {
      path: 'bench-leverantorer.11ty.js',
      content: {
        data: {
          lang: 'sv',
          layout: '../../scripts/bench/site/insyn-supplier.njk',
          pagination: {
            data: 'insyn.suppliers',
            size: 1,
            alias: 'record',
            addAllPagesToCollections: true,
            before: (suppliers: BenchSupplier[]) => suppliers.map((supplier) => ({ title: supplier.name, ref: `supplier:${supplier.id}`, supplier })),
          },
          permalink: (d: { record: { supplier: BenchSupplier } }) => `/leverantorer/${d.record.supplier.id}/`,
        },
        render: () => '',
      },
    },
  ],
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMB: usage.maxRSS / 1024 }));
