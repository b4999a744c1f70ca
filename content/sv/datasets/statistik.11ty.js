// Each dataset's statistics: /datasets/<id>/statistik/
import { statisticsPage } from '../../../scripts/site/pages.ts';

export default statisticsPage('sv');
