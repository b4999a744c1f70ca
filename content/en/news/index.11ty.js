// The list of news posts: /en/news/
import { newsListPage } from '../../../scripts/site/pages.ts';

export default newsListPage('en');
