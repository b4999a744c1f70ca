/** Turtle serialization of the catalogue graph, by n3's Writer with the catalogue's prefixes. */
import { Writer, type Quad } from 'n3';
import { PREFIXES } from './vocab.ts';

export function writeTurtle(quads: Quad[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ prefixes: PREFIXES });
    writer.addQuads(quads);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}
