// Every supplier: /leverantorer/ (the largest, the letters, the search).
import { suppliersPage } from '../../../scripts/site/pages.ts';

export default suppliersPage('sv');
