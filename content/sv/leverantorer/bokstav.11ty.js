// The suppliers by initial letter: /leverantorer/bokstav/<a…ö>/.
import { supplierLetterPage } from '../../../scripts/site/pages.ts';

export default supplierLetterPage('sv');
