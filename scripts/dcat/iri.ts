/**
 * Absolute, RFC 3987-clean IRIs from the site's base URL and from text found in settings: anything outside
 * RFC 3986's allowed characters (spaces, quotes, `<>{}|\^`, non-ASCII, controls) is percent-encoded as UTF-8,
 * so every IRI the catalogue writes is also a plain URI.
 */

const NOT_URI_CHAR = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu;

/** Replaces lone surrogates (which have no UTF-8 form) with U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function percentEncode(text: string): string {
  return wellFormed(text).replace(NOT_URI_CHAR, (ch) =>
    Array.from(new TextEncoder().encode(ch), (b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''),
  );
}

/** Parses an absolute http(s) URL (from settings) into a clean IRI; throws with `what` in the message otherwise. */
export function httpIri(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`${what} is not an absolute URL: "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${what} must be an http(s) URL: "${text}"`);
  }
  return percentEncode(url.href);
}

/** The site's base URL as a clean IRI ending in `/`. */
export function baseIri(baseUrl: string): string {
  const iri = httpIri(baseUrl, 'The base URL');
  if (!iri.endsWith('/') || iri.includes('#') || iri.includes('?')) {
    throw new Error(`The base URL must end in "/" and have no query or fragment: "${baseUrl}"`);
  }
  return iri;
}

/** One path segment or fragment taken from data (an id, a file name), encoded so it stays one segment. */
export function segment(text: string): string {
  return percentEncode(encodeURIComponent(wellFormed(text)));
}

/** `base` + a relative path of `/`-separated segments (e.g. a published file's path). */
export function resolvePath(base: string, path: string): string {
  return base + path.split('/').filter((s) => s !== '').map(segment).join('/');
}

/** A `mailto:` IRI for an e-mail address. */
export function mailtoIri(email: string): string {
  const address = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new Error(`Not an e-mail address: "${email}"`);
  return 'mailto:' + percentEncode(address);
}

/**
 * A `tel:` IRI for a phone number, or undefined when nothing dialable is left. RFC 3966 wants the global form:
 * a Swedish national number (`031-123 45 67`) becomes `tel:+46311234567`, `00` becomes `+`.
 */
export function telIri(phone: string): string | undefined {
  const digits = phone
    .replace(/[^\d+]/g, '')
    .replace(/(?!^)\+/g, '')
    .replace(/^00/, '+')
    .replace(/^0/, '+46');
  return /\d/.test(digits) ? 'tel:' + digits : undefined;
}
