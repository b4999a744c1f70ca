/**
 * `{{ collections.all | translationUrl(ref, "en") }}`: the URL of the page in another language that shares this
 * page's `ref` (front matter of Markdown pages; `dataset:<id>`, `statistics:<id>`, `publisher:<id>`, `catalogue`,
 * `news` for generated pages; a paginated page's `record.ref`, see templates/layouts/base.njk), or `''` when there
 * is none.
 */
interface CollectionItem {
  url: string | false;
  data: { ref?: unknown; lang?: unknown; record?: { ref?: unknown } };
}

const indexes = new WeakMap<CollectionItem[], Map<string, string>>();

export function translationUrl(collection: CollectionItem[] | undefined, ref: unknown, lang: string): string {
  if (!collection || typeof ref !== 'string' || ref === '') return '';
  let index = indexes.get(collection);
  if (!index) {
    index = new Map();
    for (const item of collection) {
      const itemRef = item.data.ref ?? item.data.record?.ref;
      const key = `${String(item.data.lang)}\u0000${String(itemRef)}`;
      if (item.url && typeof itemRef === 'string' && !index.has(key)) index.set(key, item.url);
    }
    indexes.set(collection, index);
  }
  return index.get(`${lang}\u0000${ref}`) ?? '';
}
