// Each dataset's statistics: /en/datasets/<id>/statistics/
import { statisticsPage } from '../../../scripts/site/pages.ts';

export default statisticsPage('en');
