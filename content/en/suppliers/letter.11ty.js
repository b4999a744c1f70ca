// The suppliers by initial letter: /en/suppliers/letter/<a…ö>/.
import { supplierLetterPage } from '../../../scripts/site/pages.ts';

export default supplierLetterPage('en');
