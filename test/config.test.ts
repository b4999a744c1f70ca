import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadProject } from '../scripts/config/load.ts';
import { ROOT, tempDir } from './helpers/paths.ts';
import { testPnr } from './helpers/pnr.ts';

function copyOfSampleSettings(): string {
  const dir = tempDir();
  cpSync(join(ROOT, 'data/site.json'), join(dir, 'site.json'));
  mkdirSync(join(dir, 'datasets/good'), { recursive: true });
  writeFileSync(join(dir, 'datasets/good/dataset.json'), JSON.stringify({ title: { sv: 'T' }, description: { sv: 'D' }, publisher: 'exempelby' }));
  writeFileSync(join(dir, 'datasets/good/2025-01.csv'), 'leverantor;belopp;datum\nA;1;2025-01-01\n');
  return dir;
}

async function problems(dir: string): Promise<string> {
  try {
    await loadProject(dir);
  } catch (e) {
    assert.instance(e, ConfigError);
    return (e as Error).message;
  }
  assert.unreachable('expected a ConfigError');
  return '';
}

test('the sample data loads, with schema defaults filled in', async () => {
  const p = await loadProject(join(ROOT, 'data'));
  assert.is(p.settings.publishers.length, 2);
  assert.ok(p.datasets.length >= 2);
  for (const d of p.datasets) {
    assert.ok(['CC0-1.0', 'CC-BY-4.0'].includes(d.metadata.license));
    assert.ok(d.metadata.frequency);
    assert.ok(d.metadata.keywords.sv.length > 0);
    assert.ok(d.files.length > 0);
  }
});

test('a mistake in site.json names the file, the field and what is allowed', async () => {
  const dir = copyOfSampleSettings();
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
  site.publishers[0].type = 'kommun';
  site.publishers[1].orgNumber = '12';
  delete site.title;
  site.colour = 'red';
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site, null, 2));
  const msg = await problems(dir);
  assert.match(msg, /site\.json/);
  assert.match(msg, /publishers\[0\]\.type \(the first publisher\): must be one of "municipality", "region", "agency" \(got "kommun"\)/);
  assert.match(msg, /publishers\[1\]\.orgNumber \(the second publisher\): must be an organisation number of ten digits, with or without the dash, like "212000-1355" \(got "12"\)/);
  assert.match(msg, /the field "title" is required/);
  assert.match(msg, /unknown field "colour"/);
});

test('an organisation number with a wrong check digit is refused', async () => {
  const dir = copyOfSampleSettings();
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
  site.publishers[0].orgNumber = '212000-1356';
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
  assert.match(await problems(dir), /publishers\[0\]\.orgNumber \(the first publisher\): "212000-1356" fails the check digit/);
});

test('broken JSON gives the line and column', async () => {
  const dir = copyOfSampleSettings();
  writeFileSync(join(dir, 'datasets/good/dataset.json'), '{\n  "title": { "sv": "T" },\n  "description": { "sv": "D" }\n  "publisher": "exempelby"\n}\n');
  const msg = await problems(dir);
  assert.match(msg, /dataset\.json/);
  assert.match(msg, /not valid JSON at line 4, column 3/);
});

test('dataset metadata: unknown publisher, bad licence, unsafe dataset ids', async () => {
  const dir = copyOfSampleSettings();
  writeFileSync(join(dir, 'datasets/good/dataset.json'), JSON.stringify({ title: { sv: 'T' }, description: { sv: 'D' }, publisher: 'nobody', license: 'MIT' }));
  const msg = await problems(dir);
  assert.match(msg, /license: must be one of "CC0-1.0", "CC-BY-4.0" \(got "MIT"\)/);
  writeFileSync(join(dir, 'datasets/good/dataset.json'), JSON.stringify({ title: { sv: 'T' }, description: { sv: 'D' }, publisher: 'nobody' }));
  assert.match(await problems(dir), /publisher: "nobody" is not a publisher id in site\.json; the ids there are: "exempelby", "sjovik"/);
  for (const bad of ['Budget 2025', 'åtta', 'a_b', '-x', 'x.y']) {
    const d2 = copyOfSampleSettings();
    mkdirSync(join(d2, 'datasets', bad));
    assert.match(await problems(d2), /used as the dataset id in URLs/, bad);
  }
});

test('a dataset folder named like a personnummer is refused without printing it', async () => {
  const dir = copyOfSampleSettings();
  const pnr = testPnr(1980, 1, 1, 981).slice(2);
  mkdirSync(join(dir, 'datasets', pnr));
  const msg = await problems(dir);
  assert.match(msg, /contains a personnummer/);
  assert.not.ok(msg.includes(pnr));
});

test('a dataset folder without exports is skipped, not published empty', async () => {
  const dir = copyOfSampleSettings();
  mkdirSync(join(dir, 'datasets/empty'));
  writeFileSync(join(dir, 'datasets/empty/dataset.json'), JSON.stringify({ title: { sv: 'T' }, description: { sv: 'D' }, publisher: 'sjovik' }));
  const p = await loadProject(dir);
  assert.equal(p.datasets.map((d) => d.id), ['good']);
  assert.equal(p.skipped.map((s) => s.id), ['empty']);
});

test.run();
