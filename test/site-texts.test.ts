/**
 * Small texts on the built sample site (the real CLI): the Swedish pages name encodings in Swedish ("UTF-8 med
 * BOM", not "UTF-8 with BOM"), the label over the data's last date says what it is ("Data till och med", not
 * "Senast uppdaterad"), and no chart description ends in "?." (a title that is a question keeps its mark).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copySampleData, removeScratch, runCliAsync, scratch } from './hostile/project.ts';

let out = '';

test.before(async () => {
  const parent = scratch('insyn-texts-');
  out = join(parent, 'site');
  const r = await runCliAsync('build', ['--data', copySampleData(parent), '--output', out, '--no-cache', '--quiet']);
  assert.is(r.code, 0, r.stderr);
});

test.after(() => removeScratch());

const page = (p: string) => readFileSync(join(out, p), 'utf8');

test('encodings in Swedish on the Swedish pages, as written on the English ones', () => {
  for (const p of ['datasets/exempelby-leverantorsreskontra/index.html', 'datasets/exempelby-leverantorsreskontra/rapport/index.html']) {
    assert.match(page(p), 'UTF-8 med BOM', p);
    assert.not.match(page(p), /with BOM/, p);
  }
  assert.match(page('en/datasets/exempelby-leverantorsreskontra/index.html'), 'UTF-8 with BOM');
});

test('the label over the last date says what the date is', () => {
  for (const p of ['datasets/exempelby-leverantorsreskontra/index.html', 'datasets/index.html']) {
    assert.match(page(p), /<dt>Data till och med<\/dt><dd><time datetime="2026-02-\d\d">\d+\u00a0februari 2026<\/time><\/dd>/, p);
    assert.not.match(page(p), /Senast uppdaterad/, p);
  }
  assert.match(page('en/datasets/exempelby-leverantorsreskontra/index.html'), /<dt>Data up to and including<\/dt><dd><time datetime="2026-02-\d\d">\d+\u00a0February 2026<\/time>/);
});

test('no chart description ends in "?." on any page', () => {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));
  let charts = 0;
  for (const file of walk(out)) {
    for (const [, title] of readFileSync(file, 'utf8').matchAll(/<svg[^>]*role="img"[\s\S]*?<title[^>]*>([^<]*)<\/title>/g)) {
      charts++;
      assert.not.match(title, /[?!]\./, relative(out, file));
    }
  }
  assert.ok(charts >= 8, `charts found: ${charts}`);
});

test.run();
