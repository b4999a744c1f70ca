// Insyn's Eleventy configuration: what the site is made of, one line per concern. The logic lives in
// scripts/site/ (TypeScript, run by tsx); `scripts/site/index.ts` runs Eleventy with the build's model as `insyn`.
import { HtmlBasePlugin } from '@11ty/eleventy';
import { rssPlugin } from '@11ty/eleventy-plugin-rss';
import collectionsPlugin from './scripts/site/collections.ts';
import filtersPlugin from './scripts/site/filters/index.ts';
import transformsPlugin from './scripts/site/transforms.ts';

/** @param {import('@11ty/eleventy/UserConfig').default} eleventyConfig */
export default function (eleventyConfig) {
  // Local assets (CSS, the catalogue's filter script, the icon) as they are.
  eleventyConfig.addPassthroughCopy({ 'content/assets': 'assets' });

  // Root-relative links in HTML (`/datasets/`) follow the path prefix (`/repo/datasets/`).
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // Date filters for the Atom feeds (`dateToRfc3339`).
  eleventyConfig.addPlugin(rssPlugin);

  // Formatting, charts, URLs and lookups: scripts/site/filters/, one file per filter.
  eleventyConfig.addPlugin(filtersPlugin);

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
