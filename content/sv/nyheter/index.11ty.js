// The list of news posts: /nyheter/
import { newsListPage } from '../../../scripts/site/pages.ts';

export default newsListPage('sv');
