/**
 * A small, flat RDF/XML writer: one `rdf:Description rdf:about` per subject, `rdf:resource` for IRIs,
 * `xml:lang` / `rdf:datatype` on literals. Known prefixes are declared on `rdf:RDF`; a predicate outside them is
 * written with a namespace declared on its own element. Text and attributes are escaped, and characters XML 1.0
 * forbids are removed from literals (the graph builder already removes them; this keeps the writer safe alone).
 */
import type { Quad, Term } from 'n3';
import { stripXmlForbidden } from './literals.ts';
import { groupBySubject } from './quads.ts';
import { NS, PREFIXES, RDF_LANG_STRING, XSD_STRING } from './vocab.ts';

const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = NAME_START + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040';
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
/** The longest suffix of an IRI that is an XML name (a property element's local name). */
const LOCAL_NAME_SUFFIX = new RegExp(`[${NAME_START}][${NAME_CHAR}]*$`, 'u');

/** rdf: names that RDF/XML does not allow as property elements. */
const FORBIDDEN_PROPERTIES = new Set(
  ['RDF', 'ID', 'about', 'parseType', 'resource', 'nodeID', 'datatype', 'Description', 'aboutEach', 'aboutEachPrefix', 'bagID', 'li'].map(
    (n) => NS.rdf + n,
  ),
);

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes an attribute value; tab, LF and CR as character references so attribute normalisation keeps them. */
export function escapeAttribute(text: string): string {
  return stripXmlForbidden(text).replace(/[&<>"\t\n\r]/g, (ch) => ATTRIBUTE_ESCAPES[ch]);
}

/** Escapes element text: `&`, `<`, `>` (so `]]>` cannot occur) and CR (which parsers would turn into LF). */
export function escapeText(text: string): string {
  return stripXmlForbidden(text).replace(/[&<>\r]/g, (ch) => ATTRIBUTE_ESCAPES[ch]);
}

interface ElementName {
  qname: string;
  /** A namespace declaration the element itself must carry, if its namespace is not a known prefix. */
  declaration: string;
}

function elementName(predicate: string): ElementName {
  if (FORBIDDEN_PROPERTIES.has(predicate)) throw new Error(`RDF/XML cannot write the property <${predicate}>.`);
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    const local = predicate.slice(ns.length);
    if (predicate.startsWith(ns) && NCNAME.test(local)) return { qname: `${prefix}:${local}`, declaration: '' };
  }
  const local = LOCAL_NAME_SUFFIX.exec(predicate)?.[0];
  if (!local || local.length === predicate.length) {
    throw new Error(`RDF/XML cannot write the property <${predicate}>: its IRI does not end in an XML name.`);
  }
  const ns = predicate.slice(0, predicate.length - local.length);
  return { qname: `ns0:${local}`, declaration: ` xmlns:ns0="${escapeAttribute(ns)}"` };
}

function subjectAttribute(term: Term): string {
  if (term.termType === 'NamedNode') return `rdf:about="${escapeAttribute(term.value)}"`;
  if (term.termType === 'BlankNode') return `rdf:nodeID="${escapeAttribute(term.value)}"`;
  throw new Error(`Cannot write a ${term.termType} as a subject in RDF/XML.`);
}

function propertyElement(q: Quad): string {
  const { qname, declaration } = elementName(q.predicate.value);
  const o = q.object;
  if (o.termType === 'NamedNode') return `<${qname}${declaration} rdf:resource="${escapeAttribute(o.value)}"/>`;
  if (o.termType === 'BlankNode') return `<${qname}${declaration} rdf:nodeID="${escapeAttribute(o.value)}"/>`;
  if (o.termType !== 'Literal') throw new Error(`Cannot write a ${o.termType} as an object in RDF/XML.`);
  let attributes = declaration;
  if (o.language) {
    if (!/^[A-Za-z]+(-[A-Za-z0-9]+)*$/.test(o.language)) throw new Error(`Not a language tag: "${o.language}"`);
    attributes += ` xml:lang="${o.language}"`;
  } else if (o.datatype.value !== XSD_STRING && o.datatype.value !== RDF_LANG_STRING) {
    attributes += ` rdf:datatype="${escapeAttribute(o.datatype.value)}"`;
  }
  return `<${qname}${attributes}>${escapeText(o.value)}</${qname}>`;
}

/** RDF/XML for sorted quads (the default graph only). */
export function writeRdfXml(quads: Quad[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const declarations = Object.entries(PREFIXES).map(([prefix, ns]) => `xmlns:${prefix}="${escapeAttribute(ns)}"`);
  lines.push(`<rdf:RDF\n    ${declarations.join('\n    ')}>`);
  for (const group of groupBySubject(quads)) {
    lines.push(`  <rdf:Description ${subjectAttribute(group[0].subject)}>`);
    for (const q of group) lines.push(`    ${propertyElement(q)}`);
    lines.push('  </rdf:Description>');
  }
  lines.push('</rdf:RDF>', '');
  return lines.join('\n');
}
