/**
 * `{{ insyn.index.accounts | ledgersOf(dataset.id) }}`: one dataset's accounts (or departments) from the index, in
 * the index's order (largest first). Grouped once per list, so a site of many datasets does not scan the whole
 * list for every page.
 */
import type { LedgerEntry } from '../../index/model.ts';

const groups = new WeakMap<readonly LedgerEntry[], Map<string, LedgerEntry[]>>();

export function ledgersOf(list: readonly LedgerEntry[] | undefined, datasetId: string): LedgerEntry[] {
  if (!list) return [];
  let byDataset = groups.get(list);
  if (!byDataset) {
    byDataset = new Map();
    for (const entry of list) {
      const own = byDataset.get(entry.dataset);
      if (own) own.push(entry);
      else byDataset.set(entry.dataset, [entry]);
    }
    groups.set(list, byDataset);
  }
  return byDataset.get(datasetId) ?? [];
}
