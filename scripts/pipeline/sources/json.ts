/**
 * Sources: a JSON export of rows, as Västerås publishes it (EntryScape's rowstore: `{"results": [{...}, …]}`), or
 * a plain array of row objects. Each object is a record; the header is the objects' keys in the order first seen.
 * Values: strings as they are, numbers as JavaScript writes them (`136.98`), `null` as empty, `true`/`false` as
 * words, anything nested as its JSON text. A JSON that holds no such rows is not an export (null: the caller says
 * what the file is). The file is read whole, so it is limited to JSON_LIMIT bytes.
 */

/** Larger JSON files are refused (export CSV instead): a JSON document is parsed whole. */
export const JSON_LIMIT = 200 * 1024 * 1024;

/** Where an object wrapping the rows keeps them (EntryScape: `results`). */
const WRAPPERS = ['results', 'rows', 'data', 'records', 'items', 'value'];

export interface JsonRows {
  header: string[];
  rows: string[][];
  /** Where the rows were: `results`, or '' for a top-level array. */
  path: string;
}

const isRow = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The rows of a JSON text, or null when it holds no array of row objects. Throws SyntaxError for invalid JSON. */
export function jsonRows(source: string): JsonRows | null {
  const doc: unknown = JSON.parse(source);
  let list: unknown = null;
  let path = '';
  if (Array.isArray(doc)) list = doc;
  else if (isRow(doc)) {
    for (const w of WRAPPERS) {
      if (Array.isArray(doc[w])) {
        list = doc[w];
        path = w;
        break;
      }
    }
  }
  if (!Array.isArray(list) || list.length === 0 || !list.every(isRow)) return null;
  const columns = new Map<string, number>();
  for (const o of list as Record<string, unknown>[]) for (const k of Object.keys(o)) if (!columns.has(k)) columns.set(k, columns.size);
  const header = [...columns.keys()];
  const rows = (list as Record<string, unknown>[]).map((o) => header.map((k) => text(o[k])));
  return { header, rows, path };
}
