// Swedish pages live at the site's root: content/sv/om-datan.md → /om-datan/.
import { contentPageUrl } from '../../scripts/site/urls.ts';

export default {
  lang: 'sv',
  layout: 'page.njk',
  permalink: (data) => contentPageUrl(data.page.filePathStem),
};
