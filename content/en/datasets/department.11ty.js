// Each department of each dataset: /en/datasets/<id>/departments/<slug>/
import { ledgerPage } from '../../../scripts/site/pages.ts';

export default ledgerPage('department', 'en');
