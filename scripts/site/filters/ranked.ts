/**
 * The `n` largest buckets by total (supplier, account, department), largest first; ties by name, then by the
 * order given, so the result does not depend on the input's order beyond that.
 */
import type { MoneyText } from '../../model.ts';
import { toOre } from './money.ts';

export function ranked<T extends { total: MoneyText; name?: string }>(items: T[] | undefined, n?: number): T[] {
  const sorted = [...(items ?? [])]
    .map((item, index) => ({ item, index, ore: toOre(item.total) }))
    .sort((a, b) => {
      if (a.ore !== b.ore) return a.ore > b.ore ? -1 : 1;
      const an = a.item.name ?? '';
      const bn = b.item.name ?? '';
      if (an !== bn) return an < bn ? -1 : 1;
      return a.index - b.index;
    })
    .map((entry) => entry.item);
  return n === undefined ? sorted : sorted.slice(0, n);
}
