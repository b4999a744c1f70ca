// The page for every missing URL (404.html), in Swedish and English.
import { notFoundPage } from '../scripts/site/pages.ts';

export default notFoundPage();
