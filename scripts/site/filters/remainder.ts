/** `{{ buckets | remainder(15) }}`: how many buckets and how much money fall outside the `n` largest. */
import type { MoneyText } from '../../model.ts';
import { ranked } from './ranked.ts';
import { sumMoney } from './sum-money.ts';

export function remainder(items: { total: MoneyText; name?: string }[] | undefined, n: number): { count: number; total: MoneyText } {
  const rest = ranked(items).slice(n);
  return { count: rest.length, total: sumMoney(rest) };
}
