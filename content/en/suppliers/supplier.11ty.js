// Each supplier's page: /en/suppliers/<organisation number>/ (or /en/suppliers/namn-…/ for one known by name only).
import { supplierPage } from '../../../scripts/site/pages.ts';

export default supplierPage('en');
