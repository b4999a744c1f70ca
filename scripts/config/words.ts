/**
 * Words for the settings' messages, for an editor who is not a programmer: where a field is (`publishers[2].email
 * (the third publisher)`), what a field must look like (instead of the schema's regular expression), and why a
 * date is not one (`there is no month 13`).
 */

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** `0` → `first`, `11` → `12th`. */
export function ordinal(index: number): string {
  if (index < ORDINALS.length) return ORDINALS[index];
  const n = index + 1;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** What one item of a list is called. */
const ITEM: Record<string, string> = {
  publishers: 'publisher',
  languages: 'language',
  sv: 'keyword',
  en: 'keyword',
  nonCompliant: 'item of accessibility.nonCompliant',
  disproportionateBurden: 'item of accessibility.disproportionateBurden',
  outOfScope: 'item of accessibility.outOfScope',
};

/**
 * A field's path as the file writes it, and, when it is inside a list, which item in words (lists count from zero
 * in the path): `publishers[2].orgNumber (the third publisher)`.
 */
export function fieldPath(path: (string | number)[]): string {
  let out = '';
  let item = '';
  path.forEach((p, i) => {
    if (typeof p === 'number') {
      out += `[${p}]`;
      const list = path[i - 1];
      item = `the ${ordinal(p)} ${typeof list === 'string' ? (ITEM[list] ?? `item of ${list}`) : 'item'}`;
    } else out += `${out === '' ? '' : '.'}${p}`;
  });
  if (out === '') return '(top level)';
  return item ? `${out} (${item})` : out;
}

/** A JSON pointer (`/publishers/2/email`) as path segments. */
export function pointerPath(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const SLUG = 'lower-case letters a–z, digits and "-" (no capitals, å/ä/ö, spaces or dots)';
const DATE = 'a date written YYYY-MM-DD, like "2026-03-09"';

/** What a field with a pattern or format must look like, by the field's name. */
export const FIELD_FORMS: Record<string, string> = {
  id: `${SLUG}, like "exempelby"`,
  responsible: `the id of a publisher in "publishers" (${SLUG})`,
  publisher: `the id of a publisher in site.json (${SLUG})`,
  orgNumber: 'an organisation number of ten digits, with or without the dash, like "212000-1355"',
  municipalityCode: 'the municipality\'s four-digit code from Statistics Sweden (kommunkod), like "1480"',
  phone: 'a phone number of digits, spaces and "-", or starting with +, like "031-123 45 67"',
  baseUrl: 'the site\'s address, starting with https:// (or http://), like "https://example.se/oppnadata/"',
  homepage: 'an address starting with https:// (or http://), like "https://example.se/"',
  url: 'an address starting with https:// (or http://), like "https://example.se/synpunkter"',
  geonames: 'the place\'s Geonames address, https://sws.geonames.org/<number>/, like "https://sws.geonames.org/2711537/"',
  issued: DATE,
  assessed: DATE,
  updated: DATE,
  published: DATE,
  period: 'a month written YYYY-MM, like "2016-03"',
  email: 'an e-mail address, like "oppnadata@example.se"',
  contactEmail: 'an e-mail address, like "oppnadata@example.se"',
};

/** Fields that hold a text in Swedish and, optionally, English. */
export const LOCALIZED_FIELDS = new Set(['title', 'description', 'content', 'reason']);
export const LOCALIZED_WRITTEN = '{ "sv": "…", "en": "…" } (the "en" part may be left out)';
export const LOCALIZED_FORM = `a text in Swedish and English, written ${LOCALIZED_WRITTEN}`;

/** Why `YYYY-MM-DD` text is not a date (`there is no month 13`), or null when it is one (or not in that form). */
export function notADate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `there is no month ${mo}`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `${m[0]} does not exist (the month has ${days} days)`;
  return null;
}
