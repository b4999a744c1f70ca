/**
 * No personnummer in any output, proved on the whole site (issue 8, "Prove it generatively"). Each run draws test
 * personnummer, written forms (every separator, grouping and digit set, and mixes), places (each of the 15 columns,
 * the export's file name, a header name) and an export dialect, builds the site with the real CLI and reads every
 * file it wrote and every line it printed: none holds the personnummer in any form, compared on the normalised view
 * (and `../shared/hooks/pnr-scan.py`, an independent scanner, finds none). A personnummer in dataset.json or
 * site.json fails the build with a message that names the field and shows it masked. Organisation numbers in every
 * form are published (as their 10 digits), never masked, and their rows never redacted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DatasetMetadata, DatasetSource, Publisher } from '../scripts/model.ts';
import { publishDataset } from '../scripts/pipeline/dataset.ts';
import { normalisedView } from '../scripts/privacy/personnummer.ts';
import { encodeText, type Enc } from './helpers/exports.ts';
import { arbOrgNumber, arbWritten, is12, writeIn, type Written } from './helpers/forms.ts';
import { SHARED } from './helpers/paths.ts';
import { arbPnr12 } from './helpers/pnr.ts';
import { csvText, defaultMetadata, PUBLISHER, readTree, removeScratch, runCliAsync, SAMPLE_DATA, scratch } from './hostile/project.ts';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

/** Every value of a Parquet file as text, a line per row (dates as YYYY-MM-DD). */
async function parquetText(path: string): Promise<string> {
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path), compressors });
  return rows.map((r) => Object.values(r).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))).join('\t')).join('\n');
}

/**
 * A copy of the site for the independent scanner with every SHA-256 in its texts (64 hex digits: the files'
 * checksums in summary.json, datapackage.json and the catalogue) written as `<sha256>`. A checksum is random hex,
 * and about one in a hundred holds a run of digits that is a valid personnummer (summary.json's
 * `lists.accounts.sha256` `…27fb10811848019a` was one, in a CI run): the scanner, which reads letters as
 * boundaries, flagged it. The checks above read every file as written, checksums and all.
 */
function withoutHashes(dir: string, root: string): string {
  const copy = join(root, 'scanned');
  for (const [p, b] of readTree(dir)) {
    const target = join(copy, p);
    mkdirSync(dirname(target), { recursive: true });
    const text = /\.(json|jsonld|rdf|ttl|xml|html|csv|txt)$/.test(p) ? b.toString('utf8') : null;
    writeFileSync(target, text === null ? b : text.replace(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g, '<sha256>'));
  }
  return copy;
}

const COLUMNS = ['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum', 'forvaltning', 'fakturanummer', 'grund', 'avtal', 'kommun_id', 's_kod_nr'];
const SITE = JSON.parse(readFileSync(join(SAMPLE_DATA, 'site.json'), 'utf8'));
const SCANNER = join(SHARED, 'hooks', 'pnr-scan.py');
const hasScanner = existsSync(SCANNER);

function cleanRow(n: number): Record<string, string> {
  return {
    kopare_id: PUBLISHER.orgNumber,
    kopare: PUBLISHER.name,
    verifikationsnummer: String(7000 + n),
    leverantor: `Leverantör ${n} AB`,
    leverantor_id: '5560360793',
    konto_nr: '4010',
    konto_text: 'Inköp av material',
    belopp: `${n * 37}.25`,
    datum: `2025-01-${String((n % 28) + 1).padStart(2, '0')}`,
    forvaltning: 'Kultur',
    fakturanummer: `F${n}`,
    grund: 'Ramavtal',
    avtal: 'AVT-1',
    kommun_id: '9901',
    s_kod_nr: '',
  };
}

/**
 * Whether a text holds the personnummer (its YYMMDD and serial digits in order) in any form: on the normalised view,
 * the digits of each run of digits and separators are compared.
 */
function holds(text: string, pnr12: string): boolean {
  const core = pnr12.slice(2);
  const view = normalisedView(text).text;
  for (const m of view.matchAll(/\d(?: {0,3}\d)*/g)) if (m[0].replace(/ /g, '').includes(core)) return true;
  return false;
}

type Place = (typeof COLUMNS)[number] | 'file' | 'header';
const PLACES: Place[] = [...COLUMNS, 'file', 'header'];
/** What can be in a file name: no path separator, no line break (the file system's rules, not ours). */
const FILE_SAFE = (w: Written): Written => ({ ...w, separators: w.separators.map((s) => (/[/\r\n]/.test(s) ? '-' : s)) });

const arbPlacement = fc.record({ pnr12: arbPnr12, how: arbWritten, place: fc.constantFrom(...PLACES), embed: fc.constantFrom('{p}', 'Anna Test {p}', '({p})', 'Faktura {p} avser', ' {p} ') });
const arbDialect = fc.record({
  enc: fc.constantFrom<Enc>('utf8', 'utf8bom', 'utf16le'),
  sep: fc.constantFrom(';', ',', '\t'),
  eol: fc.constantFrom('\r\n', '\n', '\r'),
});

test('property: personnummer in any form, column, file name or header name never reach the site or the log', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(arbPlacement, { minLength: 3, maxLength: 6 }), arbDialect, async (placements, dialect) => {
      const root = scratch('insyn-privacy-site-');
      const data = join(root, 'data');
      const ds = join(data, 'datasets', 'fakturor');
      mkdirSync(ds, { recursive: true });
      writeFileSync(join(data, 'site.json'), JSON.stringify({ ...SITE, publishers: [SITE.publishers[0]] }));
      writeFileSync(join(ds, 'dataset.json'), JSON.stringify({ ...defaultMetadata(), json: true, maxRejectedShare: 1 }));
      const header = [...COLUMNS];
      const rows = [1, 2, 3, 4].map(cleanRow);
      let fileName = '2025-01.csv';
      placements.forEach((p, i) => {
        const value = p.embed.replaceAll('{p}', writeIn(p.pnr12, p.place === 'file' ? FILE_SAFE(p.how) : p.how));
        if (p.place === 'file') fileName = `2025-01 ${value.trim()}.csv`;
        else if (p.place === 'header') header.push(`Notering ${value}`);
        else rows[i % rows.length][p.place] = value;
      });
      const extra = header.length - COLUMNS.length;
      const cells = [header, ...rows.map((r) => [...COLUMNS.map((c) => r[c]), ...Array.from({ length: extra }, () => 'x')])];
      writeFileSync(join(ds, fileName), encodeText(csvText(cells, dialect.sep, dialect.eol), dialect.enc));
      const out = join(root, 'out', 'site');
      const [build, validate] = await Promise.all([
        runCliAsync('build', ['--data', data, '--output', out, '--no-cache']),
        runCliAsync('validate', [join(ds, fileName), '--json']),
      ]);
      assert.is(build.code, 0, build.stderr.slice(0, 800));
      const texts = new Map([...readTree(out)].map(([p, b]) => [p, b.toString('utf8')] as [string, string]));
      // Parquet is compressed: its values are scanned decoded (hyparquet), every column of every row.
      let parquets = 0;
      for (const p of [...texts.keys()].filter((k) => k.endsWith('.parquet'))) {
        texts.set(`${p} (decoded)`, await parquetText(join(out, p)));
        parquets++;
      }
      assert.ok(parquets > 0, 'the site has Parquet files to scan');
      // The search index (Pagefind) is gzip-compressed: scanned decompressed, every file.
      let indexed = 0;
      for (const [p, b] of readTree(out)) {
        if (p.startsWith('pagefind/') && b[0] === 0x1f && b[1] === 0x8b) {
          texts.set(`${p} (decompressed)`, gunzipSync(b).toString('utf8'));
          indexed++;
        }
      }
      assert.ok(indexed > 0, 'the site has a search index to scan');
      texts.set('build output', build.stdout + build.stderr);
      texts.set('validate output', validate.stdout + validate.stderr);
      texts.set('output file names', [...texts.keys()].join('\n'));
      for (const p of placements) {
        for (const [name, text] of texts) assert.not.ok(holds(text, p.pnr12), `${p.place}: ${JSON.stringify(writeIn(p.pnr12, p.how))} reached ${name}`);
      }
      if (hasScanner) {
        const scan = execFileSync('python3', [SCANNER, withoutHashes(out, root)], { encoding: 'utf8', timeout: 120_000 });
        assert.match(scan, /^personnummer-shaped values: 0 /, scan);
      }
    }),
    { numRuns: 6 },
  );
});

type MetaPlace = 'title.sv' | 'description.en' | 'keywords.sv' | 'site.title.sv' | 'site.description.en' | 'site.publishers.name';

test('property: a personnummer in dataset.json or site.json fails the build, naming the field, and is never printed', async () => {
  await fc.assert(
    fc.asyncProperty(arbPnr12, arbWritten, fc.constantFrom<MetaPlace>('title.sv', 'description.en', 'keywords.sv', 'site.title.sv', 'site.description.en', 'site.publishers.name'), async (pnr12, how, place) => {
      const root = scratch('insyn-privacy-meta-');
      const data = join(root, 'data');
      const ds = join(data, 'datasets', 'fakturor');
      mkdirSync(ds, { recursive: true });
      const value = `Kontakt ${writeIn(pnr12, how)}`;
      const site = JSON.parse(JSON.stringify({ ...SITE, publishers: [SITE.publishers[0]] }));
      const meta = defaultMetadata() as Record<string, any>;
      if (place === 'title.sv') meta.title.sv = value;
      if (place === 'description.en') meta.description.en = value;
      if (place === 'keywords.sv') meta.keywords = { sv: ['a', value] };
      if (place === 'site.title.sv') site.title.sv = value;
      if (place === 'site.description.en') site.description.en = value;
      if (place === 'site.publishers.name') site.publishers[0].name = value;
      writeFileSync(join(data, 'site.json'), JSON.stringify(site));
      writeFileSync(join(ds, 'dataset.json'), JSON.stringify(meta));
      writeFileSync(join(ds, '2025-01.csv'), csvText([COLUMNS, COLUMNS.map((c) => cleanRow(1)[c])]));
      const r = await runCliAsync('build', ['--data', data, '--output', join(root, 'out', 'site'), '--no-cache']);
      assert.is(r.code, 1, r.stderr);
      const field = place.replace(/^site\./, '').replace('publishers.name', 'publishers[0].name').replace('keywords.sv', 'keywords.sv[1]');
      assert.ok(r.stderr.includes(field), `names ${field}: ${r.stderr}`);
      assert.match(r.stderr, /personnummer/);
      assert.not.ok(holds(r.stdout + r.stderr, pnr12), r.stderr);
    }),
    { numRuns: 12 },
  );
});

const SITE_PUBLISHER: Publisher = { ...SITE.publishers[0] };

test('property: organisation numbers in every form are published as their 10 digits, never masked or redacted', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(arbOrgNumber, arbWritten, fc.boolean()), { minLength: 1, maxLength: 6 }), async (orgs) => {
      const root = scratch('insyn-privacy-org-');
      const dir = join(root, 'in');
      mkdirSync(dir, { recursive: true });
      const rows = orgs.map(([org, how, sixteen], i) => {
        const written = sixteen ? writeIn(`16${org}`, how) : writeIn(`00${org}`, is12(how.shape) ? { ...how, shape: '10' } : how);
        const r: Record<string, string> = { ...cleanRow(i + 1), leverantor: `Bolag ${i} AB`, leverantor_id: written, fakturanummer: `Avser ${written}`, konto_text: written };
        return r;
      });
      writeFileSync(join(dir, '2025-01.csv'), encodeText(csvText([COLUMNS, ...rows.map((r) => COLUMNS.map((c) => r[c]))], ';', '\n'), 'utf8'));
      const source: DatasetSource = { id: 'org', dir, metadataPath: join(dir, 'dataset.json'), metadata: { ...(defaultMetadata() as unknown as DatasetMetadata), keywords: { sv: ['x'] }, series: 'yearly' }, files: [join(dir, '2025-01.csv')] };
      const build = await publishDataset(source, SITE_PUBLISHER, join(root, 'out'));
      assert.is(build.summary.redacted, 0, 'no organisation was taken for a sole trader');
      const published = readFileSync(join(root, 'out', 'datasets', 'org', 'org-2025.csv'), 'utf8');
      assert.not.ok(published.includes('[personnummer borttaget]'), published);
      orgs.forEach(([org], i) => assert.ok(published.includes(`Bolag ${i} AB,${org},`), `row ${i}: ${org} published as 10 digits`));
    }),
    { numRuns: 60 },
  );
});

test.after(removeScratch);

test.run();
