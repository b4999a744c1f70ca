// Each supplier's page: /leverantorer/<organisationsnummer>/ (or /leverantorer/namn-…/ for one known by name only).
import { supplierPage } from '../../../scripts/site/pages.ts';

export default supplierPage('sv');
