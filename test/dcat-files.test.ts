/**
 * The catalogue describes the files that are really there: every distribution's byteSize equals the file's in the
 * output folder, and so does the SHA-256 the schema.org markup gives for it (the catalogue states none: no DCAT
 * validator accepts SHA-256); writing the catalogue twice gives byte-identical dcat.rdf, .ttl and .jsonld.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SiteModel } from '../scripts/model.ts';
import { schemaOrgDataset, writeCatalog } from '../scripts/dcat/index.ts';
import { buildDcatFixture, loadSampleBuild, type DcatFixture } from './fixtures/dcat/model.ts';
import { parseRdfXml } from './fixtures/dcat/rdf.ts';
import { tempDir } from './helpers/paths.ts';

const DCAT = 'http://www.w3.org/ns/dcat#';
const FILES = ['dcat.rdf', 'dcat.ttl', 'dcat.jsonld'];

/** contentUrl → sha256 of every DataDownload in the schema.org markup of every dataset. */
function schemaOrgHashes(model: SiteModel): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (node: Record<string, any>): void => {
    for (const d of node.distribution ?? []) hashes.set(d.contentUrl, d.sha256);
    for (const part of node.hasPart ?? []) walk(part);
  };
  for (const build of model.datasets) walk(schemaOrgDataset(model, build, 'sv'));
  return hashes;
}

/** Checks every distribution in the written dcat.rdf against the file its downloadURL points to. */
async function checkDistributions(outDir: string, model: SiteModel): Promise<number> {
  const quads = await parseRdfXml(await readFile(join(outDir, 'datasets', 'dcat.rdf'), 'utf8'));
  const value = (s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
  const distributions = quads.filter((q) => q.object.value === DCAT + 'Distribution').map((q) => q.subject.value);
  const hashes = schemaOrgHashes(model);
  for (const d of distributions) {
    const [url] = value(d, DCAT + 'downloadURL');
    assert.ok(url.startsWith(model.baseUrl), `download URL under the base: ${url}`);
    const path = url.slice(model.baseUrl.length).split('/').map(decodeURIComponent).join('/');
    const bytes = await readFile(join(outDir, path));
    assert.equal(value(d, DCAT + 'byteSize'), [String(bytes.length)], `byteSize of ${path}`);
    assert.is(hashes.get(url), createHash('sha256').update(bytes).digest('hex'), `schema.org sha256 of ${path}`);
  }
  assert.not.ok(quads.some((q) => q.predicate.value.startsWith('http://spdx.org/')), 'no checksum in the catalogue');
  return distributions.length;
}

async function checkRepeatable(fixture: DcatFixture): Promise<void> {
  await writeCatalog(fixture.model, fixture.outDir);
  const first = await Promise.all(FILES.map((f) => readFile(join(fixture.outDir, 'datasets', f))));
  const again = tempDir('insyn-dcat-again-');
  process.once('exit', () => rmSync(again, { recursive: true, force: true }));
  await writeCatalog(structuredClone(fixture.model), again);
  await writeCatalog(fixture.model, fixture.outDir);
  for (const [i, name] of FILES.entries()) {
    const second = await readFile(join(again, 'datasets', name));
    const rewritten = await readFile(join(fixture.outDir, 'datasets', name));
    assert.ok(first[i].length > 1000, `${name} is not empty`);
    assert.ok(first[i].equals(second), `${name} is byte-identical when written again elsewhere`);
    assert.ok(first[i].equals(rewritten), `${name} is byte-identical when rewritten in place`);
  }
}

const fixture = await buildDcatFixture();

test('fixture: every distribution has the real size of its file, and schema.org its SHA-256', async () => {
  await writeCatalog(fixture.model, fixture.outDir);
  assert.is(await checkDistributions(fixture.outDir, fixture.model), 7, "six files and the series' data package");
});

test('fixture: two writes give byte-identical catalogue files', async () => {
  await checkRepeatable(fixture);
});

test('the output changes with the data only: not with buildDate, but with a file\'s size', async () => {
  const other = await buildDcatFixture();
  await writeCatalog(other.model, other.outDir);
  const before = await readFile(join(other.outDir, 'datasets', 'dcat.ttl'), 'utf8');
  await writeCatalog({ ...other.model, buildDate: '2031-12-31' }, other.outDir);
  assert.is(await readFile(join(other.outDir, 'datasets', 'dcat.ttl'), 'utf8'), before, 'buildDate does not leak in');
  const file = other.model.datasets[1].summary.periods[0].files[0];
  const changed = structuredClone(other.model);
  Object.assign(changed.datasets[1].summary.periods[0].files[0], { bytes: file.bytes + 1, sha256: 'f'.repeat(64) });
  await writeCatalog(changed, other.outDir);
  const after = await readFile(join(other.outDir, 'datasets', 'dcat.ttl'), 'utf8');
  assert.is.not(after, before);
  assert.ok(after.includes(`"${file.bytes + 1}"^^xsd:nonNegativeInteger`));
});

const sample = await loadSampleBuild();
if (!sample) console.log('notice: test/helpers/sample-build.ts not there yet; file checks run on the fixture only');
else {
  test('sample build: every distribution has the real size of its file, and schema.org its SHA-256', async () => {
    await writeCatalog(sample.model, sample.outDir);
    assert.ok((await checkDistributions(sample.outDir, sample.model)) > 0);
  });
  test('sample build: two writes give byte-identical catalogue files', async () => {
    await checkRepeatable(sample);
  });
}

test.run();
