// Each account of each dataset: /datasets/<id>/konton/<slug>/
import { ledgerPage } from '../../../scripts/site/pages.ts';

export default ledgerPage('account', 'sv');
