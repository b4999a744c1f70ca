/**
 * `{{ collections.news_sv | feedEntries(insyn, "sv", texts.sv.feed) }}`: the Atom feed's entries: the news posts of
 * one language and one entry per dataset period ("data up to 31 March 2025"), newest first. Dates come from the
 * posts' front matter and the data's last booking date, never from the clock.
 */
import type { Language, SiteModel } from '../../model.ts';
import { datasetUrl } from '../urls.ts';
import { date as formatDate } from './date.ts';
import { fill } from './fill.ts';
import { localized } from './localized.ts';
import { money } from './money.ts';
import { number } from './number.ts';

interface NewsItem {
  url: string | false;
  date: Date;
  data: { title?: string; description?: string };
}

export interface FeedEntry {
  title: string;
  url: string;
  /** A fragment that makes the entry's id unique when several entries share a page (`#period-2025`). */
  fragment: string;
  date: Date;
  summary: string;
  /** The news post, for its rendered content. */
  post?: NewsItem;
}

export interface FeedWords {
  /** `{title} {period}: data till och med {last}` */
  datasetUpdate: string;
  /** `{rows} rader, totalt {total}.` */
  datasetSummary: string;
  /** `hela perioden`, for a cumulative dataset's single period. */
  wholePeriod: string;
}

export function feedEntries(news: NewsItem[] | undefined, model: SiteModel, lang: Language, words: FeedWords): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const post of news ?? []) {
    if (!post.url) continue;
    entries.push({ title: post.data.title ?? '', url: post.url, fragment: '', date: post.date, summary: post.data.description ?? '', post });
  }
  for (const dataset of model.datasets) {
    for (const period of dataset.summary.periods) {
      entries.push({
        title: fill(words.datasetUpdate, {
          title: localized(dataset.metadata.title, lang),
          period: period.key === 'all' ? words.wholePeriod : period.key,
          last: formatDate(period.last, lang),
        }),
        url: datasetUrl(dataset.id, lang),
        fragment: `#period-${period.key}`,
        date: new Date(`${period.last}T00:00:00Z`),
        summary: fill(words.datasetSummary, { rows: number(period.rows, lang), total: money(period.total, lang) }),
      });
    }
  }
  return entries.sort((a, b) => b.date.getTime() - a.date.getTime() || (a.url + a.fragment < b.url + b.fragment ? -1 : 1));
}

/** The feed's `<updated>`: its newest entry, or the build's reference date when it has none. */
export function feedUpdated(entries: FeedEntry[], buildDate: string): Date {
  return entries[0]?.date ?? new Date(`${buildDate}T00:00:00Z`);
}
