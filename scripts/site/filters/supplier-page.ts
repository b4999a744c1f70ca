/**
 * `{% set s = record | supplierPage(lang, texts[lang], prefix) %}`: a supplier page's values formatted and its
 * charts drawn, in one call per page (scripts/site/supplier-pages.ts `supplierPageView`) instead of one filter
 * call per value.
 */
export { supplierPageView as supplierPage } from '../supplier-pages.ts';
