/** `{{ page.url | absoluteUrl(insyn.baseUrl) }}`: a full URL for canonical links, feeds and the sitemap. */
export { absoluteUrl } from '../urls.ts';
