/**
 * JSON-LD serialization of the catalogue graph in flat form: a `@context` holding only the prefixes and a
 * `@graph` with one node object per subject. Properties are compact IRIs where a prefix fits (full IRIs
 * otherwise), `@id` values are always full IRIs, and every literal is an explicit value object, so the document
 * expands to exactly the graph without any JSON-LD processing subtleties.
 */
import type { Quad, Term } from 'n3';
import { groupBySubject } from './quads.ts';
import { PREFIXES, RDF_LANG_STRING, RDF_TYPE, XSD_STRING } from './vocab.ts';

const PREFIX_ENTRIES = Object.entries(PREFIXES);

/** `prefix:local` for an IRI under a known namespace (local part without `/`, `#`, `?` or `:`), else the IRI. */
export function compactIri(iri: string): string {
  for (const [prefix, ns] of PREFIX_ENTRIES) {
    if (iri.startsWith(ns)) {
      const local = iri.slice(ns.length);
      if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(local)) return `${prefix}:${local}`;
    }
  }
  return iri;
}

function jsonValue(term: Term): Record<string, string> {
  if (term.termType === 'NamedNode') return { '@id': term.value };
  if (term.termType === 'BlankNode') return { '@id': `_:${term.value}` };
  if (term.termType !== 'Literal') throw new Error(`Cannot write a ${term.termType} in JSON-LD.`);
  if (term.language) return { '@value': term.value, '@language': term.language };
  const datatype = term.datatype.value;
  if (datatype === XSD_STRING || datatype === RDF_LANG_STRING) return { '@value': term.value };
  return { '@value': term.value, '@type': compactIri(datatype) };
}

function subjectId(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/** The JSON-LD document (as an object) for sorted quads. */
export function jsonLdDocument(quads: Quad[]): Record<string, unknown> {
  const graph = groupBySubject(quads).map((group) => {
    const node: Record<string, unknown> = { '@id': subjectId(group[0].subject) };
    const types = group.filter((q) => q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode');
    if (types.length > 0) node['@type'] = types.map((q) => compactIri(q.object.value));
    for (const q of group) {
      if (types.includes(q)) continue;
      const key = compactIri(q.predicate.value);
      const values = (node[key] as unknown[] | undefined) ?? [];
      values.push(jsonValue(q.object));
      node[key] = values;
    }
    return node;
  });
  return { '@context': { ...PREFIXES }, '@graph': graph };
}

export function writeJsonLd(quads: Quad[]): string {
  return JSON.stringify(jsonLdDocument(quads), null, 2) + '\n';
}
