/**
 * The cross-dataset index (scripts/index/) on the sample site: built from what the datasets published, it accounts
 * for every öre (suppliers + sole traders = each dataset's total; accounts and departments = the summaries), a
 * supplier's rows file holds exactly its published rows, a supplier paid by both municipalities is one supplier
 * with both named, the same organisation number under two names is one supplier with both names, and sole traders
 * never get an entry. Deterministic, and the same from the cache.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../scripts/build/build.ts';
import { textToOre, oreToText } from '../scripts/pipeline/money.ts';
import { SOLE_TRADER_NAME } from '../scripts/pipeline/redact.ts';
import { supplierIdKind } from '../scripts/privacy/personnummer.ts';
import { ROOT, tempDir } from './helpers/paths.ts';

const out = join(tempDir('insyn-index-'), 'site');
const built = build({ dataDir: join(ROOT, 'data'), outputDir: out, cacheDir: null });

/** Every published row of the site, as objects (the guard apostrophe left as published). */
async function publishedRows(): Promise<(Record<string, string> & { publisher: string })[]> {
  const { model } = await built;
  const rows: (Record<string, string> & { publisher: string })[] = [];
  for (const d of model.datasets) {
    for (const p of d.summary.periods) {
      for (const f of p.files.filter((x) => x.format === 'CSV')) {
        for (const r of parse(readFileSync(join(out, f.path)), { columns: true, bom: true }) as Record<string, string>[]) rows.push({ ...r, publisher: d.publisher.id });
      }
    }
  }
  return rows;
}

test('every öre is accounted for: suppliers and sole traders make each dataset’s total; publishers’ totals too', async () => {
  const { model } = await built;
  const ix = model.index!;
  assert.is(ix.suppliersWithoutPage, 0);
  let suppliers = 0n;
  for (const s of ix.suppliers) suppliers += textToOre(s.total);
  let redacted = 0n;
  let total = 0n;
  for (const d of model.datasets) {
    redacted += textToOre(d.summary.redactedSuppliers.total);
    total += textToOre(d.summary.total);
  }
  assert.is(oreToText(suppliers + redacted), oreToText(total));
  for (const p of ix.publishers) {
    const own = model.datasets.filter((d) => d.publisher.id === p.id).reduce((n, d) => n + textToOre(d.summary.total), 0n);
    assert.is(p.total, oreToText(own), p.id);
  }
});

test('accounts and departments of each dataset: the summaries’ totals, and their suppliers add up', async () => {
  const { model } = await built;
  const ix = model.index!;
  for (const d of model.datasets) {
    for (const a of d.summary.byAccount) {
      const e = ix.accounts.find((x) => x.dataset === d.id && x.account === a.account);
      assert.ok(e, `${d.id} ${a.account}`);
      assert.is(e!.total, a.total);
      assert.is(e!.rows, a.rows);
      const parts = e!.suppliers.reduce((n, s) => n + textToOre(s.total), 0n) + textToOre(e!.redacted.total);
      if (e!.supplierCount <= e!.suppliers.length) assert.is(oreToText(parts), e!.total, `${d.id} ${a.account}: suppliers + sole traders`);
      const years = e!.years.reduce((n, y) => n + textToOre(y.total), 0n);
      assert.is(oreToText(years), e!.total);
    }
    assert.is(ix.departments.filter((x) => x.dataset === d.id).length, d.summary.departments);
  }
});

test('a supplier’s rows file holds exactly its published rows; its totals and largest payments are its own', async () => {
  const { model } = await built;
  const rows = await publishedRows();
  const checked = model.index!.suppliers.filter((s) => s.orgNumber).slice(0, 40);
  assert.ok(checked.length === 40);
  for (const s of checked) {
    const mine = rows.filter((r) => r.leverantor_id === s.orgNumber);
    assert.is(mine.length, s.rows, s.slug);
    assert.is(oreToText(mine.reduce((n, r) => n + textToOre(r.belopp), 0n)), s.total, s.slug);
    assert.ok(s.rowsFile, `${s.slug} has a rows file`);
    const file = parse(readFileSync(join(out, s.rowsFile!.path)), { columns: true, bom: true }) as Record<string, string>[];
    const key = (r: Record<string, string>) => `${r.verifikationsnummer}|${r.datum}|${r.belopp}|${r.konto_nr}|${r.leverantor}`;
    assert.equal(file.map(key).sort(), mine.map(key).sort(), s.slug);
    assert.is(statSync(join(out, s.rowsFile!.path)).size, s.rowsFile!.bytes, `${s.slug}: the size its page shows (known before the file is written)`);
    const largest = [...mine].sort((a, b) => Number(textToOre(b.belopp) < 0n ? -textToOre(b.belopp) : textToOre(b.belopp)) - Number(textToOre(a.belopp) < 0n ? -textToOre(a.belopp) : textToOre(a.belopp)))[0];
    assert.is(s.largest[0].belopp.replace('-', ''), largest.belopp.replace('-', ''), s.slug);
  }
});

test('a supplier paid by both municipalities is one supplier, both named; two names for one number are one supplier', async () => {
  const { model } = await built;
  const ix = model.index!;
  const both = ix.suppliers.filter((s) => s.publishers.length === 2);
  assert.ok(both.length > 100, `${both.length} suppliers paid by both`);
  for (const s of both) {
    assert.equal(s.publishers.map((p) => p.id).sort(), ['exempelby', 'sjovik']);
    assert.is(oreToText(s.publishers.reduce((n, p) => n + textToOre(p.total), 0n)), s.total);
  }
  const named = ix.suppliers.filter((s) => s.names.length > 1 && s.orgNumber);
  assert.ok(named.length >= 10, `${named.length} organisation numbers under several names`);
  assert.is(new Set(ix.suppliers.map((s) => s.orgNumber).filter(Boolean)).size, ix.suppliers.filter((s) => s.orgNumber).length, 'one entry per organisation number');
});

test('no sole trader gets an entry, a name, a slug or a row in a rows file', async () => {
  const { model } = await built;
  for (const s of model.index!.suppliers) {
    assert.not.ok(s.names.includes(SOLE_TRADER_NAME), s.slug);
    assert.is(supplierIdKind(s.slug), null, s.slug);
    if (s.orgNumber) assert.is(supplierIdKind(s.orgNumber), null);
    if (s.rowsFile) assert.not.ok(readFileSync(join(out, s.rowsFile.path), 'utf8').includes(SOLE_TRADER_NAME), s.slug);
  }
});

test('the index is deterministic, and the same when taken from the cache', async () => {
  const { model } = await built;
  const cache = join(tempDir('insyn-index-cache-'), 'cache');
  const a = await build({ dataDir: join(ROOT, 'data'), outputDir: join(tempDir('insyn-index-a-'), 'site'), cacheDir: cache });
  const b = await build({ dataDir: join(ROOT, 'data'), outputDir: join(tempDir('insyn-index-b-'), 'site'), cacheDir: cache });
  assert.equal(a.model.index, model.index);
  assert.equal(b.model.index, model.index);
});

test.run();
