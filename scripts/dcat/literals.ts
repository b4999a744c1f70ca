/**
 * Literal text that every serialization can carry: characters XML 1.0 forbids (C0 controls other than tab, LF
 * and CR; U+FFFE and U+FFFF; unpaired surrogates) are removed. Invoice text can contain them, and the catalogue
 * must be the same graph in RDF/XML, Turtle and JSON-LD.
 */

const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}
