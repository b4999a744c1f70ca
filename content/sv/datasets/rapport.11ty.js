// Each dataset's validation report: /datasets/<id>/rapport/
import { reportPage } from '../../../scripts/site/pages.ts';

export default reportPage('sv');
