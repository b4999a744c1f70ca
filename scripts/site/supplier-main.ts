/**
 * Supplier pages' `<main>` content, made beside Eleventy: the `supplierMain` filter (layouts/supplier.njk) asks
 * for a page's HTML, and a worker thread (supplier-main-worker.ts) formats the page's figures, draws its charts and
 * writes the partial, while this thread writes the page shells. Eleventy writes a template's pages one after
 * another in their pagination order, so when a page is asked for, the next ones (AHEAD) are asked for as well:
 * the worker is writing them while this thread writes the shell of this one. At most AHEAD pages of a language
 * wait here at once, whatever the site's size.
 *
 * The pages ahead are asked for in batches (AHEAD / 2 pages, their index entries as one JSON text in one message):
 * one message a page, its entry stringified or cloned, cost this thread 1.1 s on a site of 20,000 suppliers, a
 * tenth of its whole Eleventy step. The worker holds a batch's entries while it writes its pages, no more.
 *
 * Where no worker thread can be started, the same function (supplier-main-render.ts) writes them here. The pages
 * are the same either way (test/site-supplier-main.test.ts).
 */
import type { Worker } from 'node:worker_threads';
import { fromWorkerError, startWorker } from '../worker.ts';
import { renderSupplierMain } from './supplier-main-render.ts';
import type { SiteContext, SupplierRecord } from './supplier-pages.ts';
import type { SupplierMainReply, SupplierMainRequest } from './supplier-main-worker.ts';

type Texts = Record<string, Record<string, string>>;

/** How many pages beyond the one being written are asked for. */
const AHEAD = 32;

/** Workers started and pages they answered, in this process (for the tests: supplierMainCounts). */
const counts = { workers: 0, written: 0 };

interface Place {
  list: SupplierRecord[];
  index: number;
}

class Pages {
  private worker: Worker | null;
  private failure: Error | null = null;
  private nextId = 0;
  /** The worker's number for each language's context and texts, sent once. */
  private readonly contexts = new Map<SiteContext, Map<Texts, number>>();
  private contextCount = 0;

  private readonly places = new WeakMap<SupplierRecord, Place>();
  private readonly waiting = new Map<number, { resolve: (html: string) => void; reject: (e: Error) => void }>();
  /** Pages asked for ahead and not yet taken, by item. */
  private readonly asked = new Map<SupplierRecord, { prefix: string; t: Texts; html: Promise<string> }>();
  /** The last place asked for in each list. */
  private readonly reached = new WeakMap<SupplierRecord[], number>();

  constructor() {
    this.worker = startWorker(new URL('./supplier-main-worker.ts', import.meta.url), null);
    if (!this.worker) return;
    counts.workers++;
    // It keeps the process alive only while a page waits for it (a build always ends it: closeSupplierMains).
    this.worker.unref();
    this.worker.on('message', (m: SupplierMainReply) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.worker?.unref();
      counts.written++;
      if ('html' in m) w.resolve(m.html);
      else w.reject(fromWorkerError(m));
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      for (const w of this.waiting.values()) w.reject(this.failure);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the thread that writes the supplier pages stopped (exit code ${code})`)));
  }

  /** Remembers each item's place in `records`: the pages after one are asked for ahead of time. */
  order(records: SupplierRecord[]): void {
    for (let i = 0; i < records.length; i++) this.places.set(records[i], { list: records, index: i });
  }

  /** The page's HTML: taken from what was asked for ahead, or asked for now; and the next pages asked for. */
  page(record: SupplierRecord, t: Texts, prefix: string): Promise<string> {
    if (!this.worker) return Promise.resolve(renderSupplierMain(record, t, prefix));
    const ahead = this.asked.get(record);
    this.asked.delete(record);
    // Asked for ahead with the page before's texts and prefix (the same for every page of a template); else anew.
    const html = ahead && ahead.prefix === prefix && ahead.t === t ? ahead.html : this.ask([record], t, prefix)[0];
    const place = this.places.get(record);
    if (place) {
      // The next pages, in batches of half the window: one message and one JSON text for each batch.
      const reached = Math.max(place.index, this.reached.get(place.list) ?? -1);
      if (reached - place.index < AHEAD / 2 && reached < place.list.length - 1) {
        const next = place.list.slice(reached + 1, Math.min(place.list.length, place.index + AHEAD + 1)).filter((r) => !this.asked.has(r));
        const htmls = this.ask(next, t, prefix);
        for (let i = 0; i < next.length; i++) this.asked.set(next[i], { prefix, t, html: htmls[i] });
        this.reached.set(place.list, Math.min(place.list.length - 1, place.index + AHEAD));
      }
    }
    return html;
  }

  /** Asks the worker for these pages (of one language) in one message. */
  private ask(records: SupplierRecord[], t: Texts, prefix: string): Promise<string>[] {
    if (records.length === 0) return [];
    if (this.failure) return records.map(() => Promise.reject(this.failure!));
    let byTexts = this.contexts.get(records[0].context);
    if (!byTexts) this.contexts.set(records[0].context, (byTexts = new Map()));
    let context = byTexts.get(t);
    if (context === undefined) {
      byTexts.set(t, (context = this.contextCount++));
      this.post({ kind: 'context', context, value: records[0].context, texts: t });
    }
    this.worker!.ref();
    const ids: number[] = [];
    const htmls = records.map(() => {
      const id = this.nextId++;
      ids.push(id);
      const html = new Promise<string>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
      // A page asked for ahead and never taken (the build stopped) must not be an unhandled rejection.
      html.catch(() => {});
      return html;
    });
    // The entries as one JSON text: quicker to write here than the structured clone postMessage makes of the
    // objects (0.3 s against 0.55 s for 20,000 entries), and this thread is the one the pages wait for.
    this.post({ kind: 'pages', ids, context, prefix, entries: JSON.stringify(records.map((r) => r.entry)) });
    return htmls;
  }

  private post(m: SupplierMainRequest): void {
    this.worker!.postMessage(m);
  }

  /** Ends the worker as a crash would (for the tests). */
  crash(): Promise<unknown> {
    return this.worker ? this.worker.terminate() : Promise.resolve();
  }

  close(): Promise<unknown> {
    const w = this.worker;
    this.worker = null;
    this.failure ??= new Error('the site build ended');
    for (const p of this.waiting.values()) p.reject(this.failure);
    this.waiting.clear();
    this.asked.clear();
    return w ? w.terminate() : Promise.resolve();
  }
}

let current: Pages | null = null;
/** Between openSupplierMains and closeSupplierMains: a site build is writing pages. */
let open = false;

/** Starts taking pages for a site build (scripts/site/index.ts); the worker starts with the first page. */
export function openSupplierMains(): void {
  open = true;
}

/**
 * `records` as they are (a supplier page template's pagination items), their order remembered so that the pages
 * after one can be asked for ahead of time.
 */
export function inPageOrder(records: SupplierRecord[]): SupplierRecord[] {
  // A site without supplier pages starts no worker.
  if (open && records.length > 0) (current ??= new Pages()).order(records);
  return records;
}

/**
 * `{{ record | supplierMain(texts[lang], prefix) | safe }}`: the supplier page's `<main>` content. Once the build
 * has ended (another template failed, and Eleventy still writes this one's pages), a page is refused, not written
 * by a new worker that nobody would end.
 */
export async function supplierMain(record: SupplierRecord, t: Texts, prefix: string): Promise<string> {
  if (!open) throw new Error('the site build ended before this page was written');
  return (current ??= new Pages()).page(record, t, prefix);
}

/** Ends the worker thread at the end of a site build (scripts/site/index.ts); the next build starts its own. */
export async function closeSupplierMains(): Promise<void> {
  open = false;
  const pages = current;
  current = null;
  await pages?.close();
}

/** For the tests: the worker threads started and the pages they answered, in this process so far. */
export function supplierMainCounts(): { workers: number; written: number } {
  return { ...counts };
}

/** For the tests: ends this build's worker as a crash would. */
export function crashSupplierWorker(): Promise<unknown> {
  return current?.crash() ?? Promise.resolve();
}
