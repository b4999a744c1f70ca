// Each dataset's validation report: /en/datasets/<id>/report/
import { reportPage } from '../../../scripts/site/pages.ts';

export default reportPage('en');
