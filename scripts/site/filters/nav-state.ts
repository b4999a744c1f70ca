/**
 * `aria-current` for a navigation link: `page` on the page itself, `true` inside its section (a dataset page
 * under `/datasets/`), `''` elsewhere. The home page is only ever current on itself.
 */
export function navState(linkUrl: string, pageUrl: string | false | undefined): string {
  if (!pageUrl) return '';
  if (linkUrl === pageUrl) return 'page';
  const isHome = linkUrl === '/' || /^\/[a-z]{2}\/$/.test(linkUrl);
  return !isHome && pageUrl.startsWith(linkUrl) ? 'true' : '';
}
