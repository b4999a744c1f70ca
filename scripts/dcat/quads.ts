/**
 * Order and grouping of the catalogue's quads, so that every serializer writes the same graph in the same order
 * and two runs give byte-identical files: no duplicates, the catalogue first, then subjects by IRI, each
 * subject's `rdf:type` first, then predicates and objects by their N-Triples form.
 */
import type { Quad, Term } from 'n3';
import { RDF_TYPE } from './vocab.ts';

/** A canonical text form of a term, like N-Triples (JSON string escapes): the sort and identity key. */
export function termKey(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      const value = JSON.stringify(term.value);
      if (term.language) return `${value}@${term.language}`;
      return `${value}^^<${term.datatype.value}>`;
    }
    default:
      return `${term.termType}:${term.value}`;
  }
}

export function quadKey(q: Quad): string {
  return `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted, de-duplicated copy of `quads`; `first` is the subject IRI written before all others. */
export function sortQuads(quads: Quad[], first?: string): Quad[] {
  const unique = new Map<string, Quad>();
  for (const q of quads) unique.set(quadKey(q), q);
  const rank = (q: Quad): string => (q.subject.value === first ? '0' : '1') + termKey(q.subject);
  const predicate = (q: Quad): string => (q.predicate.value === RDF_TYPE ? '0' : '1') + q.predicate.value;
  return [...unique.values()].sort(
    (a, b) => compare(rank(a), rank(b)) || compare(predicate(a), predicate(b)) || compare(termKey(a.object), termKey(b.object)),
  );
}

/** Consecutive quads with the same subject, in order (the quads must be sorted). */
export function groupBySubject(quads: Quad[]): Quad[][] {
  const groups: Quad[][] = [];
  for (const q of quads) {
    const last = groups[groups.length - 1];
    if (last && last[0].subject.equals(q.subject)) last.push(q);
    else groups.push([q]);
  }
  return groups;
}
