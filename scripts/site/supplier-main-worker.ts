/**
 * The worker thread that writes supplier pages' `<main>` content beside Eleventy (supplier-main.ts): a language's
 * shared context and texts once, then batches of pages (their index entries as one JSON text); one HTML string
 * (or an error) back for each page, in the order asked.
 */
import { parentPort } from 'node:worker_threads';
import type { SupplierEntry } from '../index/model.ts';
import type { SiteContext } from './supplier-pages.ts';
import { renderSupplierMain } from './supplier-main-render.ts';
import { toWorkerError } from '../worker.ts';

type Texts = Record<string, Record<string, string>>;

export type SupplierMainRequest =
  | { kind: 'context'; context: number; value: SiteContext; texts: Texts }
  /** Pages of one language: their ids and their index entries (one JSON array, in the same order). */
  | { kind: 'pages'; ids: number[]; context: number; prefix: string; entries: string };

export type SupplierMainReply = { id: number; html: string } | ({ id: number } & ReturnType<typeof toWorkerError>);

const contexts = new Map<number, { value: SiteContext; texts: Texts }>();

parentPort!.on('message', (m: SupplierMainRequest) => {
  if (m.kind === 'context') {
    contexts.set(m.context, { value: m.value, texts: m.texts });
    return;
  }
  const c = contexts.get(m.context);
  let entries: SupplierEntry[];
  try {
    if (!c) throw new Error(`supplier page context ${m.context} was not sent`);
    entries = JSON.parse(m.entries) as SupplierEntry[];
  } catch (e) {
    for (const id of m.ids) parentPort!.postMessage({ id, ...toWorkerError(e) } satisfies SupplierMainReply);
    return;
  }
  // Each page answered as soon as it is written: the build waits for the first of the batch, not the last.
  for (let i = 0; i < m.ids.length; i++) {
    let reply: SupplierMainReply;
    try {
      reply = { id: m.ids[i], html: renderSupplierMain({ entry: entries[i], context: c!.value }, c!.texts, m.prefix) };
    } catch (e) {
      reply = { id: m.ids[i], ...toWorkerError(e) };
    }
    parentPort!.postMessage(reply);
  }
});
