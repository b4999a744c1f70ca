/**
 * JSON exports (sources/json.ts): an array of row objects, or EntryScape's rowstore (`{"results": [...]}`) as
 * Västerås publishes it, gives the same published rows as the same rows in a CSV: a property over drawn rows
 * (hostile names: quotes, separators, line breaks, emoji; personnummer and organisation numbers as supplier ids;
 * amounts as JSON numbers or as text). And the real `validate` CLI on a rowstore file; a JSON that holds no rows
 * is still named for what it is.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Aggregator } from '../scripts/pipeline/aggregate.ts';
import { runFile } from '../scripts/pipeline/pipeline.ts';
import { UnusableFileError } from '../scripts/pipeline/read.ts';
import { Report } from '../scripts/pipeline/report.ts';
import { quoteCsv } from '../scripts/pipeline/write.ts';
import { trusted } from '../scripts/privacy/safe.ts';
import { removeScratch, runCliAsync, scratch } from './hostile/project.ts';

const COLUMNS = ['kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum'];

interface Drawn {
  leverantor: string;
  leverantor_id: string;
  konto_nr: string;
  ore: number;
  asNumber: boolean;
  day: number;
}

const row = fc.record({
  leverantor: fc.string({ unit: fc.constantFrom('A', 'b', 'Å', 'ö', ' ', ',', ';', '"', '\n', '😀', "'", '=', '\t', '9'), minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !/^[=+\-@]/.test(s)),
  leverantor_id: fc.constantFrom('5560360793', '556036-0793', '8505179872', '198505179872', ''),
  konto_nr: fc.constantFrom('4010', '6420', '7690'),
  ore: fc.integer({ min: -10_000_000, max: 100_000_000 }),
  asNumber: fc.boolean(),
  day: fc.integer({ min: 1, max: 28 }),
});

const amount = (ore: number) => `${ore < 0 ? '-' : ''}${Math.floor(Math.abs(ore) / 100)}.${String(Math.abs(ore) % 100).padStart(2, '0')}`;
const values = (r: Drawn, i: number): Record<string, string> => ({
  kopare_id: '2120001234',
  kopare: 'Exempelby kommun',
  verifikationsnummer: String(1000 + i),
  leverantor: r.leverantor,
  leverantor_id: r.leverantor_id,
  konto_nr: r.konto_nr,
  konto_text: 'Konto',
  belopp: amount(r.ore),
  datum: `2025-03-${String(r.day).padStart(2, '0')}`,
});

async function publish(path: string): Promise<{ rows: string[]; valid: number; rejected: number; redacted: number; total: string }> {
  const aggregator = new Aggregator((x) => x.slice(0, 4), { breakdown: false });
  const rows: string[] = [];
  const r = await runFile(path, trusted('x'), { report: new Report(), aggregator, multilineValues: true, onRow: (p) => rows.push(JSON.stringify(p)) });
  return { rows, valid: r.valid, rejected: r.rejected, redacted: r.redacted, total: aggregator.all.sum.text() };
}

test('a JSON array or rowstore of rows publishes what the same rows in a CSV publish', async () => {
  const dir = scratch('insyn-json-');
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), fc.constantFrom('array', 'results'), async (drawn, shape) => {
      const k = n++;
      const csv = join(dir, `r-${k}.csv`);
      const json = join(dir, `r-${k}.json`);
      writeFileSync(csv, `${COLUMNS.join(',')}\n${drawn.map((r, i) => COLUMNS.map((c) => quoteCsv(values(r, i)[c])).join(',')).join('\n')}\n`);
      const objects = drawn.map((r, i) => {
        const v: Record<string, unknown> = values(r, i);
        if (r.asNumber) v.belopp = r.ore / 100;
        return v;
      });
      writeFileSync(json, JSON.stringify(shape === 'array' ? objects : { resultCount: objects.length, offset: 0, results: objects }));
      const a = await publish(csv);
      const b = await publish(json);
      assert.equal(b, a);
      assert.is(a.valid + a.rejected, drawn.length, 'every row accounted for');
    }),
    { numRuns: 150 },
  );
});

test('validate reads a rowstore JSON (exit 0, the rows and the exact total); a JSON without rows is named as JSON', async () => {
  const rows = [
    { kopare_id: '2120001234', kopare: 'Exempelby kommun', verifikationsnummer: '1', leverantor: 'Bygg AB', leverantor_id: '5560360793', konto_nr: '4010', konto_text: 'Material', belopp: 1234.5, datum: '2025-03-01' },
    { kopare_id: '2120001234', kopare: 'Exempelby kommun', verifikationsnummer: '2', leverantor: 'Städ AB', leverantor_id: '5560360793', konto_nr: '4020', konto_text: 'Städning', belopp: '-34.50', datum: '2025-03-02' },
  ];
  const dir = scratch('insyn-json-cli-');
  writeFileSync(join(dir, 'rowstore.json'), JSON.stringify({ next: null, resultCount: 2, results: rows }));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ title: 'inte rader' }));
  const ok = await runCliAsync('validate', [join(dir, 'rowstore.json'), '--json']);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /"total": 1200\.00,/);
  assert.match(ok.stdout, /"rows": 2,/);
  const bad = await runCliAsync('validate', [join(dir, 'settings.json')]);
  assert.is(bad.code, 2);
  assert.match(bad.stdout + bad.stderr, /JSON file, but it holds no list of rows/);
});

test('a JSON that is cut off is unusable, with what to do', async () => {
  const dir = scratch('insyn-json-cut-');
  const path = join(dir, 'cut.json');
  writeFileSync(path, '[{"leverantor": "Bygg AB", "belopp": 12');
  try {
    await publish(path);
    assert.unreachable('read');
  } catch (e) {
    assert.instance(e, UnusableFileError);
    assert.match((e as Error).message, /not valid JSON/);
  }
});

test.after(removeScratch);

test.run();
