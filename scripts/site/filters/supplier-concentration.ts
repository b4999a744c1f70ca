/**
 * `{{ summary | supplierConcentration(10, words) }}`: the money of a dataset split three ways: the `n` largest
 * named suppliers, all other named suppliers, and the masked sole traders (left out when there are none).
 * Exact sums on öre; `words` names the three groups.
 */
import { fill } from './fill.ts';
import type { DatasetSummary, MoneyText } from '../../model.ts';
import { fromOre, toOre } from './money.ts';
import { ranked } from './ranked.ts';
import { sumMoney } from './sum-money.ts';

export interface ConcentrationWords {
  top: string;
  others: string;
  redacted: string;
}

export function supplierConcentration(summary: DatasetSummary, n: number, words: ConcentrationWords): { name: string; total: MoneyText; rows: number }[] {
  const top = ranked(summary.topSuppliers, n);
  const topTotal = sumMoney(top);
  const redacted = summary.redactedSuppliers;
  const others = fromOre(toOre(summary.total) - toOre(topTotal) - toOre(redacted.total));
  const topRows = top.reduce((sum, s) => sum + s.rows, 0);
  const groups = [
    { name: fill(words.top, { n: top.length }), total: topTotal, rows: topRows },
    { name: words.others, total: others, rows: Math.max(0, summary.valid - topRows - redacted.rows) },
  ];
  if (redacted.rows > 0) groups.push({ name: words.redacted, total: redacted.total, rows: redacted.rows });
  return groups;
}
