/**
 * `{{ collections.all | sitemapPages }}`: the URLs of every HTML page worth listing (not the 404 page, not
 * feeds or other files), sorted, so the sitemap is the same on every build.
 */
interface CollectionItem {
  url: string | false;
  data: { sitemap?: boolean };
}

export function sitemapPages(collection: CollectionItem[] | undefined): string[] {
  const urls = (collection ?? [])
    .filter((item) => typeof item.url === 'string' && item.url.endsWith('/') && item.data.sitemap !== false)
    .map((item) => item.url as string);
  return [...new Set(urls)].sort();
}
