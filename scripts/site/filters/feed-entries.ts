/**
 * `{{ collections.news_sv | feedEntries(insyn, "sv", texts.sv.feed, sourceDate) }}`: the Atom feed's entries: the
 * news posts of one language and one entry per published month of each dataset (scripts/site/month-entries.ts:
 * its rows, its total, the change from the month before; dated by its publication, from the data and
 * SOURCE_DATE_EPOCH), newest first. Dates come from the posts' front matter and the data, never from the clock.
 */
import type { Language, SiteModel } from '../../model.ts';
import { monthEntries } from '../month-entries.ts';
import { statisticsUrl } from '../urls.ts';
import { fill } from './fill.ts';
import { localized } from './localized.ts';
import { month as formatMonth } from './date.ts';
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
  /** A fragment that makes the entry's id unique when several entries share a page (`#month-2026-02`). */
  fragment: string;
  date: Date;
  summary: string;
  /** The news post, for its rendered content. */
  post?: NewsItem;
}

export interface FeedWords {
  /** `{title}: {month}` */
  monthTitle: string;
  /** `{rows} rader, totalt {total}.` */
  monthSummary: string;
  /** `Det är {change} mer än i {previous}.` */
  monthMore: string;
  /** `Det är {change} mindre än i {previous}.` */
  monthLess: string;
  /** `Lika mycket som i {previous}.` */
  monthSame: string;
  /** `Den första månaden i datamängden.` */
  monthFirst: string;
}

function percent(permille: number, lang: Language): string {
  const abs = Math.abs(permille);
  const text = `${Math.floor(abs / 10)}${lang === 'sv' ? ',' : '.'}${abs % 10}`;
  return lang === 'sv' ? `${text}\u00a0%` : `${text}%`;
}

export function feedEntries(news: NewsItem[] | undefined, model: SiteModel, lang: Language, words: FeedWords, sourceDate?: string | null): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const post of news ?? []) {
    if (!post.url) continue;
    entries.push({ title: post.data.title ?? '', url: post.url, fragment: '', date: post.date, summary: post.data.description ?? '', post });
  }
  for (const dataset of model.datasets) {
    for (const m of monthEntries(dataset, sourceDate)) {
      const previous = m.previous ? formatMonth(m.previous.month, lang) : '';
      const change =
        m.previous === undefined
          ? words.monthFirst
          : m.changePermille === undefined
            ? ''
            : m.changePermille === 0
              ? fill(words.monthSame, { previous })
              : fill(m.changePermille > 0 ? words.monthMore : words.monthLess, { change: percent(m.changePermille, lang), previous });
      entries.push({
        title: fill(words.monthTitle, { title: localized(dataset.metadata.title, lang), month: formatMonth(m.month, lang) }),
        url: `${statisticsUrl(dataset.id, lang)}#month-${m.month}`,
        fragment: '',
        date: new Date(`${m.published}T00:00:00Z`),
        summary: [fill(words.monthSummary, { rows: number(m.rows, lang), total: money(m.total, lang) }), change].filter(Boolean).join(' '),
      });
    }
  }
  return entries.sort((a, b) => b.date.getTime() - a.date.getTime() || (a.url + a.fragment < b.url + b.fragment ? -1 : 1));
}

/** The feed's `<updated>`: its newest entry, or the build's reference date when it has none. */
export function feedUpdated(entries: FeedEntry[], buildDate: string): Date {
  return entries[0]?.date ?? new Date(`${buildDate}T00:00:00Z`);
}
