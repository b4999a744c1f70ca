/**
 * `{{ collections.all | translationUrl(ref, "en") }}`: the URL of the page in another language that shares this
 * page's `ref` (front matter of Markdown pages; `dataset:<id>`, `statistics:<id>`, `publisher:<id>`, `catalogue`,
 * `news` for generated pages), or `''` when there is none.
 */
interface CollectionItem {
  url: string | false;
  data: { ref?: unknown; lang?: unknown };
}

const indexes = new WeakMap<CollectionItem[], Map<string, string>>();

export function translationUrl(collection: CollectionItem[] | undefined, ref: unknown, lang: string): string {
  if (!collection || typeof ref !== 'string' || ref === '') return '';
  let index = indexes.get(collection);
  if (!index) {
    index = new Map();
    for (const item of collection) {
      const key = `${String(item.data.lang)}\u0000${String(item.data.ref)}`;
      if (item.url && typeof item.data.ref === 'string' && !index.has(key)) index.set(key, item.url);
    }
    indexes.set(collection, index);
  }
  return index.get(`${lang}\u0000${ref}`) ?? '';
}
