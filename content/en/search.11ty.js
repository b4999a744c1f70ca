// The search page: /en/search/ (every page's header leads there).
import { searchPage } from '../../scripts/site/pages.ts';

export default searchPage('en');
