// Each dataset's landing page: /en/datasets/<id>/
import { datasetPage } from '../../../scripts/site/pages.ts';

export default datasetPage('en');
