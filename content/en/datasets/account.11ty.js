// Each account of each dataset: /en/datasets/<id>/accounts/<slug>/
import { ledgerPage } from '../../../scripts/site/pages.ts';

export default ledgerPage('account', 'en');
