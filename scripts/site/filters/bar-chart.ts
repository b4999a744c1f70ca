/**
 * `{{ buckets | barChart({ id, title, lang, words }) | safe }}`: a horizontal bar chart (inline SVG) of supplier,
 * account or department totals, in the order given. Accounts are labelled `4010 Inköp av material`; a bucket
 * without a name gets `words.unnamed`.
 */
import type { MoneyText } from '../../model.ts';
import { barChart as drawBarChart } from '../charts/bar-chart.ts';
import type { ChartOptions, ChartWords } from '../charts/types.ts';

export interface BucketLike {
  total: MoneyText;
  name?: string;
  account?: string;
}

export function bucketLabel(bucket: BucketLike, unnamed = ''): string {
  const name = bucket.name?.trim() || unnamed;
  return bucket.account ? `${bucket.account} ${name}`.trim() : name;
}

export function barChart(buckets: BucketLike[], options: ChartOptions & { words: ChartWords & { unnamed?: string } }): string {
  return drawBarChart(
    (buckets ?? []).map((b) => ({ label: bucketLabel(b, options.words.unnamed), value: b.total })),
    options,
  );
}
