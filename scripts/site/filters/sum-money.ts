/** `{{ buckets | sumMoney }}`: the exact sum of the buckets' `total` (or of plain amounts) as MoneyText. */
import type { MoneyText } from '../../model.ts';
import { fromOre, toOre } from './money.ts';

export function sumMoney(items: (MoneyText | { total: MoneyText })[] | undefined): MoneyText {
  return fromOre((items ?? []).reduce((sum, item) => sum + toOre(typeof item === 'string' ? item : item.total), 0n));
}
