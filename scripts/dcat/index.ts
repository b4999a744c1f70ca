/**
 * The DCAT-AP-SE catalogue writer: builds the graph once (`graph.ts`) and writes it as RDF/XML (what Sweden's
 * data portal harvests), Turtle and JSON-LD to `<outDir>/datasets/dcat.{rdf,ttl,jsonld}`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteModel } from '../model.ts';
import { buildCatalogGraph } from './graph.ts';
import { writeJsonLd } from './jsonld.ts';
import { writeRdfXml } from './rdfxml.ts';
import { writeTurtle } from './turtle.ts';

export { buildCatalogGraph } from './graph.ts';
export { schemaOrgDataset, safeJsonForScript } from './schema-org.ts';

/** Paths of the catalogue files, relative to the output root. */
export const CATALOG_FILES = {
  rdfxml: 'datasets/dcat.rdf',
  turtle: 'datasets/dcat.ttl',
  jsonld: 'datasets/dcat.jsonld',
} as const;

export async function writeCatalog(model: SiteModel, outDir: string): Promise<void> {
  const quads = buildCatalogGraph(model);
  const turtle = await writeTurtle(quads);
  await mkdir(join(outDir, 'datasets'), { recursive: true });
  await writeFile(join(outDir, CATALOG_FILES.rdfxml), writeRdfXml(quads), 'utf8');
  await writeFile(join(outDir, CATALOG_FILES.turtle), turtle, 'utf8');
  await writeFile(join(outDir, CATALOG_FILES.jsonld), writeJsonLd(quads), 'utf8');
}
