/**
 * Benchmark subject: the search index stage (scripts/site/search.ts) over a built site, with N synthetic
 * suppliers as records in both languages (site-records.ts; what the supplier pages' records will be: every
 * name, the organisation number, the accounts). Usage: site-search.ts SITE_DIR N → prints the stage's result.
 */
import type { SearchRecord } from '../site/search.ts';
import { writeSearchIndex } from '../site/search.ts';
import { BENCH_PUBLISHERS, benchSuppliers } from './site-records.ts';

const [siteDir, n] = process.argv.slice(2);
const started = process.hrtime.bigint();
const ids = new Map(BENCH_PUBLISHERS.map((p) => [p.name, p.id]));

function* records(): Generator<SearchRecord> {
  const suppliers = benchSuppliers(Number(n));
  for (const lang of ['sv', 'en'] as const) {
    for (const s of suppliers) {
      yield {
        url: `${lang === 'en' ? '/en' : ''}/leverantorer/${s.id}/`,
        title: s.name,
        content: [...s.names, s.orgNumber, ...s.byAccount.map((a) => `${a.account} ${a.name}`)].join(' '),
        lang,
        filters: { publisher: s.byPublisher.map((p) => ids.get(p.name) ?? p.name), kind: 'supplier' },
        meta: { orgNumber: s.orgNumber },
      };
    }
  }
}

const result = await writeSearchIndex(siteDir, { records: records() });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ ...result, seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMB: usage.maxRSS / 1024 }));
