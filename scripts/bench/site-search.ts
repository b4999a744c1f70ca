/**
 * Benchmark subject: the search index stage (scripts/site/search.ts) over a built site, with the records the
 * build gives it (scripts/site/search-records.ts) from a model whose index holds N generated suppliers
 * (site-records.ts), in both languages. Usage: site-search.ts SITE_DIR MODEL.json → prints the stage's result.
 */
import { readFileSync } from 'node:fs';
import type { SiteModel } from '../model.ts';
import { searchRecords } from '../site/search-records.ts';
import { writeSearchIndex } from '../site/search.ts';

const [siteDir, modelFile] = process.argv.slice(2);
const started = process.hrtime.bigint();
const model = JSON.parse(readFileSync(modelFile, 'utf8')) as SiteModel;
const result = await writeSearchIndex(siteDir, { records: searchRecords(model) });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ ...result, seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMB: usage.maxRSS / 1024 }));
