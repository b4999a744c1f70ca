/**
 * The site's collections: the news posts of each language (`news_sv`, `news_en`), newest first. A news post is
 * a Markdown page under the language's news URL (`/nyheter/…`, `/en/news/…`).
 */
import type { Language } from '../model.ts';
import { newsUrl } from './urls.ts';

interface Item {
  url: string | false;
  date: Date;
  inputPath: string;
  data: { lang?: string };
}

interface CollectionApi {
  getAll(): Item[];
}

export function newsPosts(all: Item[], lang: Language): Item[] {
  const list = newsUrl(lang);
  return all
    .filter((item) => item.data.lang === lang && item.inputPath.endsWith('.md') && typeof item.url === 'string' && item.url.startsWith(list) && item.url !== list)
    .sort((a, b) => b.date.getTime() - a.date.getTime() || ((a.url as string) < (b.url as string) ? -1 : 1));
}

/** Eleventy plugin: registers the collections above. */
export default function collectionsPlugin(eleventyConfig: { addCollection(name: string, fn: (api: CollectionApi) => unknown): void }): void {
  for (const lang of ['sv', 'en'] as const) {
    eleventyConfig.addCollection(`news_${lang}`, (api) => newsPosts(api.getAll(), lang));
  }
}
