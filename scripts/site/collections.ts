/**
 * The site's collections: the news posts of each language (`news_sv`, `news_en`), newest first, and the guides
 * (`guides_sv`, `guides_en`) that the guide index lists. A news post is a Markdown page under the language's news
 * URL (`/nyheter/…`, `/en/news/…`); a guide is a Markdown page under its guides URL (`/guider/…`, `/en/guides/…`),
 * so that a new guide page is listed by being there, in the order of its front matter's `order`, then title.
 */
import type { Language } from '../model.ts';
import { guidesUrl, newsUrl } from './urls.ts';

interface Item {
  url: string | false;
  date: Date;
  inputPath: string;
  data: { lang?: string; title?: string; order?: unknown };
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

export function guidePages(all: Item[], lang: Language): Item[] {
  const index = guidesUrl(lang);
  const order = (item: Item) => (typeof item.data.order === 'number' && Number.isFinite(item.data.order) ? item.data.order : Number.MAX_SAFE_INTEGER);
  return all
    .filter((item) => item.data.lang === lang && item.inputPath.endsWith('.md') && typeof item.url === 'string' && item.url.startsWith(index) && item.url !== index)
    .sort((a, b) => order(a) - order(b) || String(a.data.title ?? '').localeCompare(String(b.data.title ?? ''), lang) || ((a.url as string) < (b.url as string) ? -1 : 1));
}

/** Eleventy plugin: registers the collections above. */
export default function collectionsPlugin(eleventyConfig: { addCollection(name: string, fn: (api: CollectionApi) => unknown): void }): void {
  for (const lang of ['sv', 'en'] as const) {
    eleventyConfig.addCollection(`news_${lang}`, (api) => newsPosts(api.getAll(), lang));
    eleventyConfig.addCollection(`guides_${lang}`, (api) => guidePages(api.getAll(), lang));
  }
}
