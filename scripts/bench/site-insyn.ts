/**
 * Benchmark subject: Insyn's Eleventy step (`buildSite`: the project's configuration, content, layouts, filters
 * and transforms, the whole site model as `insyn`) on a model whose index holds N generated suppliers
 * (site-records.ts), so that it writes the real supplier pages (scripts/site/pages.ts → supplierPage,
 * templates/layouts/supplier.njk, their `<main>` in a worker thread: scripts/site/supplier-main.ts) with the rest
 * of the site. Swedish only, so that it writes one page per supplier as the bare reference does. Usage: site-insyn.ts MODEL.json OUTDIR → prints {seconds, cpuSeconds, maxRssMB}.
 */
import { readFileSync } from 'node:fs';
import type { SiteModel } from '../model.ts';
import { buildSite } from '../site/index.ts';

const [modelFile, out] = process.argv.slice(2);
const started = process.hrtime.bigint();
const model = JSON.parse(readFileSync(modelFile, 'utf8')) as SiteModel;
model.settings.languages = ['sv'];
await buildSite(model, out);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMB: usage.maxRSS / 1024 }));
