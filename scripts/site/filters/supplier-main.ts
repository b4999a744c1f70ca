/**
 * `{{ record | supplierMain(texts[lang], prefix) | safe }}`: a supplier page's `<main>` content, its values
 * formatted and its charts drawn, written beside Eleventy in a worker thread (scripts/site/supplier-main.ts).
 * Asynchronous: the page waits for its HTML.
 */
export { supplierMain } from '../supplier-main.ts';
