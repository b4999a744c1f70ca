/**
 * The search index's records (scripts/site/search.ts) from the site model: every supplier with a page (under every
 * name it was written with and its organisation number as 5560360793 and 556036-0793), every account and every
 * department of each dataset, in each language of the site. A generator: 20,000 suppliers are never a list.
 * Sole traders are not in the index (scripts/index/), so they are never a record.
 */
import type { Language, SiteModel } from '../model.ts';
import type { LedgerEntry } from '../index/model.ts';
import { orgNumber } from './filters/org-number.ts';
import { accountUrl, departmentUrl, supplierUrl } from './urls.ts';
import type { SearchRecord } from './search.ts';

export function* searchRecords(model: SiteModel): Generator<SearchRecord> {
  const index = model.index;
  if (!index) return;
  for (const lang of model.settings.languages) {
    for (const s of index.suppliers) {
      const org = s.orgNumber ? [s.orgNumber, orgNumber(s.orgNumber)] : [];
      yield {
        url: supplierUrl(s.slug, lang),
        title: s.name,
        content: [...s.names, ...org].join(' '),
        lang,
        filters: { publisher: s.publishers.map((p) => p.id), kind: 'supplier' },
        ...(s.orgNumber ? { meta: { orgNumber: orgNumber(s.orgNumber) } } : {}),
      };
    }
    for (const a of index.accounts) yield ledgerRecord(a, 'account', lang);
    for (const d of index.departments) yield ledgerRecord(d, 'department', lang);
  }
}

function ledgerRecord(l: LedgerEntry, kind: 'account' | 'department', lang: Language): SearchRecord {
  const title = kind === 'account' ? [l.account, l.name].filter(Boolean).join(' ') : l.name;
  return {
    url: kind === 'account' ? accountUrl(l.dataset, l.slug, lang) : departmentUrl(l.dataset, l.slug, lang),
    title: title || l.slug,
    content: title || l.slug,
    lang,
    filters: { publisher: [l.publisher], kind },
  };
}
