/**
 * Synthetic supplier records for the site benchmarks (fixed seed): the shape supplier pages and the search index
 * will be built from — a supplier across publishers with every name it was written with, totals by publisher, by
 * year and by account, and its largest payments. Invented names and numbers only (no personnummer: organisation
 * numbers here start with 5, as a company's do).
 */
import { Random } from '../sample/random.ts';

export interface BenchBucket {
  name: string;
  total: string;
  rows: number;
}

export interface BenchSupplier {
  /** URL slug: the organisation number. */
  id: string;
  orgNumber: string;
  name: string;
  names: string[];
  total: string;
  rows: number;
  publishers: string[];
  byPublisher: BenchBucket[];
  byYear: BenchBucket[];
  byAccount: (BenchBucket & { account: string })[];
  largest: { date: string; publisher: string; account: string; amount: string }[];
}

export const BENCH_PUBLISHERS = [
  { id: 'exempelby', name: 'Exempelby kommun' },
  { id: 'sjovik', name: 'Sjöviks kommun' },
  { id: 'region-vast', name: 'Region Väst' },
];

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

/** Öre as `"1234.50"`. */
function kr(ore: number): string {
  return `${Math.trunc(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;
}

/** `n` suppliers, the same for the same `n` and seed. */
export function benchSuppliers(n: number, seed = 1): BenchSupplier[] {
  const rng = new Random(seed);
  const out: BenchSupplier[] = [];
  for (let i = 0; i < n; i++) {
    const orgNumber = `55${String(i).padStart(7, '0')}${i % 10}`;
    const base = `${rng.pick(WORDS)}${rng.pick(['', 'service', 'teknik', 'partner', 'gruppen'])} ${rng.pick(PLACES)} ${i}`;
    const form = rng.pick(FORMS);
    const name = `${base} ${form}`;
    const names = rng.chance(0.3) ? [name, `${base.toUpperCase()} ${form === 'AB' ? 'Aktiebolag' : 'AB'}`] : [name];
    const publishers = BENCH_PUBLISHERS.filter((_, k) => k === i % 3 || rng.chance(0.25));
    let totalOre = 0;
    let rows = 0;
    const byPublisher: BenchBucket[] = publishers.map((p) => {
      const ore = Math.round(rng.lognormal(5_000_000, 1.5));
      const r = rng.int(1, 120);
      totalOre += ore;
      rows += r;
      return { name: p.name, total: kr(ore), rows: r };
    });
    const years = ['2023', '2024', '2025'].slice(rng.int(0, 2));
    const byYear = years.map((year, k) => {
      const share = k === years.length - 1 ? totalOre - Math.floor(totalOre / years.length) * (years.length - 1) : Math.floor(totalOre / years.length);
      return { name: year, total: kr(share), rows: Math.max(1, Math.round(rows / years.length)) };
    });
    const accounts = rng.shuffle(ACCOUNTS.slice()).slice(0, rng.int(1, 6));
    const byAccount = accounts.map(([account, accountName], k) => {
      const share = k === 0 ? totalOre - Math.floor(totalOre / accounts.length) * (accounts.length - 1) : Math.floor(totalOre / accounts.length);
      return { account, name: accountName, total: kr(share), rows: Math.max(1, Math.round(rows / accounts.length)) };
    });
    const largest = Array.from({ length: Math.min(rows, 5) }, (_, k) => ({
      date: `${rng.pick(years)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      publisher: rng.pick(publishers).name,
      account: rng.pick(accounts)[0],
      amount: kr(Math.round(totalOre / (k + 3))),
    }));
    out.push({ id: orgNumber, orgNumber, name, names, total: kr(totalOre), rows, publishers: publishers.map((p) => p.id), byPublisher, byYear, byAccount, largest });
  }
  return out;
}
