// English pages live under en/: content/en/about-the-data.md → /en/about-the-data/.
import { contentPageUrl } from '../../scripts/site/urls.ts';

export default {
  lang: 'en',
  layout: 'page.njk',
  permalink: (data) => contentPageUrl(data.page.filePathStem),
};
