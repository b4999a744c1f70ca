// Insyn's Eleventy configuration: what the site is made of, one line per concern. The logic lives in
// scripts/site/ (TypeScript, run by tsx); `scripts/site/index.ts` runs Eleventy with the build's model as `insyn`.
import { HtmlBasePlugin } from '@11ty/eleventy';
import { dateToRfc3339, dateToRfc822, getNewestCollectionItemDate } from '@11ty/eleventy-plugin-rss';
import collectionsPlugin from './scripts/site/collections.ts';
import filtersPlugin from './scripts/site/filters/index.ts';
import { pathPrefixTransform } from './scripts/site/path-prefix.ts';
import { deepFreeze } from './scripts/site/freeze.ts';
import { cachedTag } from './scripts/site/cached-tag.ts';
import markdownTables from './scripts/site/markdown-tables.ts';
import transformsPlugin, { withoutForbidden } from './scripts/site/transforms.ts';

/** @param {import('@11ty/eleventy/UserConfig').default} eleventyConfig */
export default function (eleventyConfig) {
  // Local assets (CSS, the catalogue's filter script, the icon) as they are.
  eleventyConfig.addPassthroughCopy({ 'content/assets': 'assets' });

  // Root-relative links in HTML (`/datasets/`) follow the path prefix (`/repo/datasets/`): Insyn's own transform
  // (scripts/site/path-prefix.ts, the same result without parsing every page). Eleventy's plugin, with a base
  // of `/`, does nothing to pages; the feeds' `renderTransforms` with a full base URL still use it.
  eleventyConfig.addPlugin(HtmlBasePlugin, { baseHref: '/' });
  eleventyConfig.addTransform('path-prefix', pathPrefixTransform(() => eleventyConfig.pathPrefix));

  // Date filters for the Atom feeds (`dateToRfc3339`): the RSS plugin's filters, without the plugin, whose
  // `absoluteUrl` filter would take the place of Insyn's (which keeps the path prefix).
  eleventyConfig.addNunjucksFilter('dateToRfc3339', dateToRfc3339);
  eleventyConfig.addNunjucksFilter('dateToRfc822', dateToRfc822);
  eleventyConfig.addNunjucksFilter('getNewestCollectionItemDate', getNewestCollectionItemDate);

  // Data files (`content/_data/*.json`: texts, navigation) come in frozen, so that Eleventy hands them to every
  // page as they are instead of copying and wrapping them per page (scripts/site/freeze.ts), and without the
  // characters no page may hold (a supplier page's <main> is written from them and stripped data alone).
  eleventyConfig.addDataExtension('json', (text) => deepFreeze(withoutForbidden(JSON.parse(text))));

  // Formatting, charts, URLs and lookups: scripts/site/filters/, one file per filter.
  eleventyConfig.addPlugin(filtersPlugin);

  // Markdown tables scroll in a box of their own, as the dataset tables do (scripts/site/markdown-tables.ts).
  eleventyConfig.amendLibrary('md', (md) => md.use(markdownTables));

  // `{% cached lang %}`: parts of the page shell rendered once per language (scripts/site/cached-tag.ts).
  eleventyConfig.addNunjucksTag('cached', cachedTag);

  // News posts per language.
  eleventyConfig.addPlugin(collectionsPlugin);

  // No control characters from the data in any page, feed or sitemap (HTML parse errors, forbidden in XML).
  eleventyConfig.addPlugin(transformsPlugin);

  return {
    dir: {
      input: 'content',
      includes: '../templates',
      layouts: '../templates/layouts',
      data: '_data',
    },
    templateFormats: ['md', 'njk', '11ty.js'],
    // Markdown pages are plain Markdown: no template syntax inside them.
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'njk',
  };
}
