// The search page (/sok/, /en/search/): finds words in the site's own Pagefind index (pagefind/, written by
// scripts/site/search.ts) and lists the results. Nothing is loaded from another origin; the index is found
// beside this script, so the site works under a project path (/repo/) as at a domain root. The words and the
// publisher are kept in the address (?q=…&publisher=…), so the header's form on every page leads here and a
// search can be shared. Without this script the page links to the catalogue instead.
const form = document.querySelector('[data-search-form]');
const status = document.querySelector('[data-search-status]');
const section = document.querySelector('[data-search-results]');
const noScript = document.querySelector('[data-search-noscript]');
const SHOWN = 20;

if (form && status && section) {
  const text = (name) => form.getAttribute(`data-${name}`) || '';
  const texts = {
    searching: text('searching'), results: text('results'), oneResult: text('one-result'), noResults: text('no-results'),
    empty: text('empty'), showing: text('showing'), failed: text('failed'),
  };
  const kindName = (kind) => (/^[a-z]+$/.test(kind || '') ? text(`kind-${kind}`) : '');
  const list = section.querySelector('ol');
  const query = form.querySelector('[name="q"]');
  const publisher = form.querySelector('[name="publisher"]');
  const publisherNames = {};
  if (publisher) for (const option of publisher.options) if (option.value) publisherNames[option.value] = option.text;
  // The site's root: this script is /assets/search.js below it.
  const root = new URL('../', import.meta.url);
  const headerQuery = document.getElementById('site-search-q');
  let pagefind = null;
  let current = 0;

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));

  async function load() {
    if (!pagefind) {
      pagefind = await import(new URL('pagefind/pagefind.js', root).href);
      await pagefind.options({ baseUrl: root.pathname });
    }
    return pagefind;
  }

  // Pagefind's excerpt is escaped text with <mark> around the words found: keep exactly that, as text (a
  // <textarea> decodes the entities and never makes elements).
  const decoder = document.createElement('textarea');
  function excerptNode(excerpt) {
    const p = document.createElement('p');
    p.className = 'search-result__excerpt';
    for (const [i, part] of excerpt.split(/<\/?mark>/).entries()) {
      decoder.innerHTML = part;
      const text = decoder.value;
      if (i % 2 === 1) {
        const mark = document.createElement('mark');
        mark.textContent = text;
        p.append(mark);
      } else p.append(text);
    }
    return p;
  }

  function resultItem(data) {
    const li = document.createElement('li');
    li.className = 'search-result';
    const title = document.createElement('p');
    title.className = 'search-result__title';
    const link = document.createElement('a');
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    title.append(link);
    li.append(title);
    const about = [kindName(data.meta.kind), ...(data.filters.publisher || []).map((id) => publisherNames[id] || '')].filter(Boolean);
    if (about.length) {
      const meta = document.createElement('p');
      meta.className = 'search-result__meta muted';
      meta.textContent = about.join(' · ');
      li.append(meta);
    }
    if (data.excerpt) li.append(excerptNode(data.excerpt));
    return li;
  }

  async function search() {
    const words = query.value.trim();
    const chosen = publisher ? publisher.value : '';
    const run = ++current;
    list.replaceChildren();
    if (!words) {
      section.hidden = true;
      status.textContent = texts.empty;
      return;
    }
    status.textContent = texts.searching;
    try {
      const pf = await load();
      const found = await pf.search(words, chosen ? { filters: { publisher: chosen } } : {});
      const shown = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
      if (run !== current) return; // a newer search has started
      list.replaceChildren(...shown.map(resultItem));
      section.hidden = shown.length === 0;
      const count = found.results.length;
      const said = count === 0 ? texts.noResults : count === 1 ? texts.oneResult : texts.results;
      status.textContent = fill(said, { count: count.toLocaleString(document.documentElement.lang), query: words }) + (count > SHOWN ? ` ${fill(texts.showing, { shown: SHOWN })}` : '');
    } catch (error) {
      if (run !== current) return;
      status.textContent = texts.failed;
      if (noScript) noScript.hidden = false;
    }
  }

  const params = new URLSearchParams(location.search);
  query.value = params.get('q') || '';
  if (headerQuery) headerQuery.value = query.value;
  if (publisher && params.has('publisher')) publisher.value = params.get('publisher');
  if (noScript) noScript.hidden = true;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (query.value.trim()) next.set('q', query.value.trim());
    if (publisher && publisher.value) next.set('publisher', publisher.value);
    const search_ = next.toString();
    history.replaceState(null, '', search_ ? `?${search_}` : location.pathname);
    if (headerQuery) headerQuery.value = query.value;
    void search();
  });
  if (publisher) publisher.addEventListener('change', () => form.requestSubmit());
  void search();
}
