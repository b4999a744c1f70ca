// Each dataset's landing page: /datasets/<id>/
import { datasetPage } from '../../../scripts/site/pages.ts';

export default datasetPage('sv');
