// Every supplier: /en/suppliers/ (the largest, the letters, the search).
import { suppliersPage } from '../../../scripts/site/pages.ts';

export default suppliersPage('en');
