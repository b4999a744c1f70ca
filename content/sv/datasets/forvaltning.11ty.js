// Each department of each dataset: /datasets/<id>/forvaltningar/<slug>/
import { ledgerPage } from '../../../scripts/site/pages.ts';

export default ledgerPage('department', 'sv');
