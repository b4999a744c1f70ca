/**
 * Settings mistakes an editor makes, each answered by the real CLI (exit 1, the file, the field and what to write)
 * instead of an internal error or the schema's regular expression: an `issued` date that does not exist, a
 * `publisher` that is no publisher id, a title that is a plain text instead of `{ "sv": …, "en": … }`, and a
 * mistake in the third publisher named as such (lists count from zero in the path).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { csvText, defaultMetadata, HEADER, makeDataDir, pairwise, removeScratch, row, runCliAsync, SAMPLE_DATA, scratch, stackTrace } from './hostile/project.ts';

interface Case {
  what: string;
  metadata?: Record<string, unknown>;
  site?: (site: Record<string, any>) => void;
  file: RegExp;
  says: RegExp[];
}

const CASES: Case[] = [
  {
    what: '"issued": "2026-13-01" (it was "a bug in Insyn")',
    metadata: { ...defaultMetadata(), issued: '2026-13-01' },
    file: /datasets\/ds\/dataset\.json:/,
    says: [/issued: "2026-13-01" is not a date: there is no month 13\. Write the date as YYYY-MM-DD, like "2026-03-09"\./],
  },
  {
    what: '"issued": "2025-02-30"',
    metadata: { ...defaultMetadata(), issued: '2025-02-30' },
    file: /datasets\/ds\/dataset\.json:/,
    says: [/issued: "2025-02-30" is not a date: 2025-02-30 does not exist \(the month has 28 days\)/],
  },
  {
    what: '"publisher": "Testköping" (it was a regular expression)',
    metadata: { ...defaultMetadata(), publisher: 'Testköping' },
    file: /datasets\/ds\/dataset\.json:/,
    says: [/publisher: "Testköping" is not a publisher id in site\.json; the ids there are: "exempelby", "sjovik"/],
  },
  {
    what: 'a title that is a plain text (it was "must be object")',
    metadata: { ...defaultMetadata(), title: 'Leverantörsfakturor' },
    file: /datasets\/ds\/dataset\.json:/,
    says: [/title: must be a text in Swedish and English, written \{ "sv": "…", "en": "…" \} \(the "en" part may be left out\) \(got "Leverantörsfakturor"\)/],
  },
  {
    what: 'a title without Swedish',
    metadata: { ...defaultMetadata(), title: { en: 'Supplier invoices' } },
    file: /datasets\/ds\/dataset\.json:/,
    says: [/title: the Swedish text "sv" is required: write it as \{ "sv": "…", "en": "…" \}/],
  },
  {
    what: 'a mistake in the third publisher (it was publishers[2], counted from zero)',
    site: (site) => site.publishers.push({ id: 'tredje', name: 'Tredje kommun', orgNumber: '212000-1356', type: 'municipality', email: 'a@tredje.example', homepage: 'https://tredje.example/', municipalityCode: '123' }),
    file: /site\.json:/,
    says: [/publishers\[2\]\.municipalityCode \(the third publisher\): must be the municipality's four-digit code from Statistics Sweden \(kommunkod\), like "1480" \(got "123"\)/],
  },
  {
    what: 'a wrong check digit in the third publisher',
    site: (site) => site.publishers.push({ id: 'tredje', name: 'Tredje kommun', orgNumber: '212000-1356', type: 'municipality', email: 'a@tredje.example', homepage: 'https://tredje.example/' }),
    file: /site\.json:/,
    says: [/publishers\[2\]\.orgNumber \(the third publisher\): "212000-1356" fails the check digit/],
  },
];

test.after(() => removeScratch());

test('each mistake: exit 1, the file and the field, in words an editor can act on, no internal error', async () => {
  const results = await pairwise(
    CASES.map((c) => async () => {
      const parent = scratch('insyn-config-');
      const site = JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8'));
      c.site?.(site);
      const data = makeDataDir([{ id: 'ds', metadata: c.metadata, files: { '2025-01.csv': csvText([HEADER, row(1)]) } }], { site, parent });
      return { c, r: await runCliAsync('build', ['--data', data, '--output', join(parent, 'site'), '--no-cache']) };
    }),
  );
  const wrong: string[] = [];
  for (const { c, r } of results) {
    if (r.code !== 1) wrong.push(`${c.what}: exit ${r.code}`);
    if (/bug in Insyn|internal error/.test(r.stderr)) wrong.push(`${c.what}: reported as an internal error: ${r.stderr}`);
    if (stackTrace(r.stderr)) wrong.push(`${c.what}: a stack trace`);
    if (/must match \^/.test(r.stderr)) wrong.push(`${c.what}: a regular expression: ${r.stderr}`);
    if (!c.file.test(r.stderr)) wrong.push(`${c.what}: the file is not named: ${r.stderr}`);
    for (const says of c.says) if (!says.test(r.stderr)) wrong.push(`${c.what}: does not say ${says}: ${r.stderr}`);
  }
  assert.equal(wrong, [], wrong.join('\n\n'));
});

test('npm run validate on a file of a dataset whose issued date does not exist: the same message, exit 2', async () => {
  const data = makeDataDir([{ id: 'ds', metadata: { ...defaultMetadata(), issued: '2026-13-01' }, files: {} }]);
  const file = join(data, 'datasets/ds/2025-01.csv');
  writeFileSync(file, csvText([HEADER, row(1)]));
  const r = await runCliAsync('validate', [file]);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stdout + r.stderr, /issued: "2026-13-01" is not a date: there is no month 13/);
  assert.not.match(r.stdout + r.stderr, /bug in Insyn/);
});

test.run();
