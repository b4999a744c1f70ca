/**
 * A synthetic cross-dataset index for the site benchmarks (fixed seed), in the index's own shape (SiteIndex,
 * scripts/index/model.ts), so that the benchmark builds the real supplier pages and the real search records from
 * it: suppliers across the model's publishers and datasets with every name they were written with, one to three
 * years of months, accounts, departments, the ten largest payments and a rows file. Invented names and numbers
 * only (no personnummer: organisation numbers here start with 5, as a company's do).
 */
import type { LedgerEntry, SiteIndex, SupplierEntry } from '../index/model.ts';
import type { SiteModel } from '../model.ts';
import { Random } from '../sample/random.ts';

const WORDS = ['Bygg', 'El', 'Måleri', 'Städ', 'Konsult', 'Data', 'Transport', 'Mat', 'Vård', 'Skog', 'Tak', 'Rör', 'Glas', 'Trädgård', 'Ljud', 'Säkerhet', 'Papper', 'Kontor', 'Fordon', 'Energi'];
const PLACES = ['Norr', 'Söder', 'Väst', 'Öst', 'Sjövik', 'Exempelby', 'Dalby', 'Åby', 'Älvsby', 'Bergsjö', 'Lund', 'Strand'];
const FORMS = ['AB', 'Aktiebolag', 'HB', 'Ekonomisk förening', 'KB'];
const ACCOUNTS = [
  ['4010', 'Inköp av material'],
  ['5010', 'Lokalhyror'],
  ['5410', 'Förbrukningsinventarier'],
  ['6110', 'Kontorsmaterial'],
  ['6420', 'Konsulttjänster'],
  ['6540', 'IT-tjänster'],
  ['6590', 'Övriga externa tjänster'],
  ['7010', 'Städtjänster'],
  ['7330', 'Resor'],
  ['7610', 'Utbildning'],
];

/** Öre as `"1234.50"` (negative too). */
function kr(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const a = Math.abs(ore);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

const DEPARTMENTS = ['Kommunstyrelseförvaltningen', 'Barn- och utbildningsförvaltningen', 'Socialförvaltningen', 'Tekniska förvaltningen', 'Kultur- och fritidsförvaltningen', 'Samhällsbyggnadsförvaltningen'];

/** `total` öre split into `parts` shares that add up exactly (the first takes the remainder). */
function split(total: number, parts: number): number[] {
  const each = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, k) => (k === 0 ? total - each * (parts - 1) : each));
}

/** An index of `n` suppliers over the model's publishers and datasets, the same for the same `n` and seed. */
export function benchIndex(n: number, model: SiteModel, seed = 1): SiteIndex {
  const rng = new Random(seed);
  const publishers = model.settings.publishers.filter((p) => model.datasets.some((d) => d.publisher.id === p.id));
  const datasetOf = new Map(publishers.map((p) => [p.id, model.datasets.find((d) => d.publisher.id === p.id)!.id]));
  const suppliers: SupplierEntry[] = [];
  for (let i = 0; i < n; i++) {
    const orgNumber = `55${String(i).padStart(7, '0')}${i % 10}`;
    const base = `${rng.pick(WORDS)}${rng.pick(['', 'service', 'teknik', 'partner', 'gruppen'])} ${rng.pick(PLACES)} ${i}`;
    const form = rng.pick(FORMS);
    const name = `${base} ${form}`;
    const names = rng.chance(0.3) ? [name, `${base.toUpperCase()} ${form === 'AB' ? 'Aktiebolag' : 'AB'}`] : [name];
    const own = publishers.filter((_, k) => k === i % publishers.length || rng.chance(0.4));
    const years = ['2023', '2024', '2025'].slice(rng.int(0, 2));
    const months = years.flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`)).filter(() => rng.chance(0.5));
    if (!months.length) months.push(`${years[0]}-06`);
    const monthOre = months.map(() => Math.round(rng.lognormal(1_500_000, 1.2)));
    const monthRows = months.map(() => rng.int(1, 6));
    const totalOre = monthOre.reduce((a, b) => a + b, 0);
    const rows = monthRows.reduce((a, b) => a + b, 0);
    const byYear = years
      .map((year) => ({ year, ore: months.reduce((s, m, k) => s + (m.startsWith(year) ? monthOre[k] : 0), 0), rows: months.reduce((s, m, k) => s + (m.startsWith(year) ? monthRows[k] : 0), 0) }))
      .filter((y) => y.rows > 0);
    const pubOre = split(totalOre, own.length);
    const pubRows = split(rows, own.length).map((r) => Math.max(1, r));
    const accounts = own.flatMap((p, k) => {
      const list = rng.shuffle(ACCOUNTS.slice()).slice(0, rng.int(1, 4));
      return split(pubOre[k], list.length).map((ore, j) => ({ publisher: p.id, dataset: datasetOf.get(p.id)!, account: list[j][0], name: list[j][1], slug: list[j][0], rows: Math.max(1, Math.round(pubRows[k] / list.length)), total: kr(ore) }));
    });
    const departments = own.flatMap((p, k) => {
      const list = rng.shuffle(DEPARTMENTS.slice()).slice(0, rng.int(1, 2));
      return split(pubOre[k], list.length).map((ore, j) => ({ publisher: p.id, dataset: datasetOf.get(p.id)!, name: list[j], slug: list[j].toLowerCase().replace(/[^a-z]+/g, '-'), rows: Math.max(1, Math.round(pubRows[k] / list.length)), total: kr(ore) }));
    });
    const largest = months
      .map((m, k) => ({ m, ore: monthOre[k] }))
      .sort((a, b) => b.ore - a.ore)
      .slice(0, 10)
      .map(({ m, ore }) => {
        const a = rng.pick(accounts);
        return { publisher: a.publisher, dataset: a.dataset, datum: `${m}-${String(rng.int(1, 28)).padStart(2, '0')}`, belopp: kr(ore), konto_nr: a.account, konto_text: a.name, forvaltning: rng.pick(DEPARTMENTS), verifikationsnummer: String(9_000_000 + rng.int(0, 999_999)), fakturanummer: String(rng.int(10_000, 99_999)) };
      });
    suppliers.push({
      slug: orgNumber,
      orgNumber,
      name,
      names,
      rows,
      total: kr(totalOre),
      publishers: own.map((p, k) => ({ id: p.id, name: p.name, rows: pubRows[k], total: kr(pubOre[k]) })),
      years: byYear.map((y) => ({ year: y.year, rows: y.rows, total: kr(y.ore) })),
      months: months.map((month, k) => ({ month, rows: monthRows[k], total: kr(monthOre[k]) })),
      accounts,
      departments,
      largest,
      rowsFile: { path: `leverantorer/${orgNumber}.csv`, format: 'CSV', mediaType: 'text/csv', bytes: 180 * rows + 160 },
    });
  }
  // Largest first, as the index has them.
  suppliers.sort((a, b) => Number(b.total) - Number(a.total) || (a.slug < b.slug ? -1 : 1));
  const ledger = (account: string, name: string, d: string, p: string): LedgerEntry => ({ dataset: d, publisher: p, account, name, slug: account || name.toLowerCase().replace(/[^a-z]+/g, '-'), rows: 0, total: '0.00', years: [], months: [], suppliers: [], supplierCount: 0, redacted: { rows: 0, total: '0.00' } });
  const accounts = publishers.flatMap((p) => ACCOUNTS.map(([a, name]) => ledger(a, name, datasetOf.get(p.id)!, p.id)));
  const departments = publishers.flatMap((p) => DEPARTMENTS.map((name) => ledger('', name, datasetOf.get(p.id)!, p.id)));
  return { suppliers, suppliersWithoutPage: 0, accounts, departments, publishers: [] };
}
