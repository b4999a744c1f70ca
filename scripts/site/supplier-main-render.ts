/**
 * A supplier page's `<main>` content as HTML: its view (supplier-pages.ts `supplierPageView`: the page item
 * formatted, the charts drawn) written out by templates/partials/supplier-main.njk. The same function in the
 * worker thread that makes these beside Eleventy (supplier-main-worker.ts) and, where no worker can be started,
 * in the build's own thread (supplier-main.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { SupplierRecord } from './supplier-pages.ts';
import { supplierPageView } from './supplier-pages.ts';

type Texts = Record<string, Record<string, string>>;

const TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

/**
 * Nunjucks as Eleventy sets it up (`{ dev: true }`, escaping on by default), over the same templates folder, so
 * that the partial writes what it would write inside Eleventy. It uses no filter but Nunjucks' own `safe`.
 */
let env: nunjucks.Environment | null = null;

function environment(): nunjucks.Environment {
  return (env ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), { dev: true }));
}

/** What the page's `<main>` holds. `t`: the page's language's texts; `prefix`: as for supplierPageView. */
export function renderSupplierMain(record: Pick<SupplierRecord, 'entry' | 'context'>, t: Texts, prefix: string): string {
  const s = supplierPageView(record, record.context.lang, t, prefix);
  return environment().render('partials/supplier-main.njk', { s, t, ts: t.supplier });
}
