import { safe, trusted, type Safe } from '../privacy/safe.ts';

/**
 * Stage "map": the spec 1.1 columns, the header names real exports use for them, and the mapping of a file's
 * header row to spec columns (found by name, in any order).
 */

export const SPEC_COLUMNS = [
  'kopare_id',
  'kopare',
  'verifikationsnummer',
  'leverantor',
  'leverantor_id',
  'konto_nr',
  'konto_text',
  'belopp',
  'datum',
  'forvaltning',
  'fakturanummer',
  'grund',
  'avtal',
  'kommun_id',
  's_kod_nr',
] as const;

export type SpecColumn = (typeof SPEC_COLUMNS)[number];

/** Index of each spec column in SPEC_COLUMNS (and so in a published row). */
export const COL = Object.fromEntries(SPEC_COLUMNS.map((c, i) => [c, i])) as Record<SpecColumn, number>;

export interface ColumnDoc {
  name: SpecColumn;
  required: boolean;
  type: 'string' | 'number' | 'date';
  sv: string;
  en: string;
}

/** Documentation of the published columns (for the data package and the landing page). */
export const COLUMN_DOCS: ColumnDoc[] = [
  { name: 'kopare_id', required: true, type: 'string', sv: 'Köparens organisationsnummer', en: "Buyer's organisation number" },
  { name: 'kopare', required: true, type: 'string', sv: 'Köparens namn', en: "Buyer's name" },
  { name: 'verifikationsnummer', required: true, type: 'string', sv: 'Verifikationsnummer i bokföringen', en: 'Voucher number' },
  { name: 'leverantor', required: true, type: 'string', sv: 'Leverantörens namn (enskilda firmor är maskerade)', en: "Supplier's name (sole traders masked)" },
  { name: 'leverantor_id', required: true, type: 'string', sv: 'Leverantörens organisationsnummer (tomt för enskilda firmor)', en: "Supplier's organisation number (blank for sole traders)" },
  { name: 'konto_nr', required: true, type: 'string', sv: 'Kontonummer', en: 'Account number' },
  { name: 'konto_text', required: true, type: 'string', sv: 'Kontots namn', en: 'Account name' },
  { name: 'belopp', required: true, type: 'number', sv: 'Belopp exklusive moms i kronor, negativt för kreditfakturor', en: 'Amount excluding VAT in SEK, negative for credit notes' },
  { name: 'datum', required: true, type: 'date', sv: 'Bokföringsdatum (ÅÅÅÅ-MM-DD)', en: 'Booking date (YYYY-MM-DD)' },
  { name: 'forvaltning', required: false, type: 'string', sv: 'Förvaltning eller nämnd', en: 'Department or committee' },
  { name: 'fakturanummer', required: false, type: 'string', sv: 'Fakturanummer', en: 'Invoice number' },
  { name: 'grund', required: false, type: 'string', sv: 'Grund för köpet (t.ex. ramavtal)', en: 'Basis of the purchase (e.g. framework agreement)' },
  { name: 'avtal', required: false, type: 'string', sv: 'Länk eller hänvisning till avtalet', en: 'Link or reference to the contract' },
  { name: 'kommun_id', required: false, type: 'string', sv: 'Kommunkod (SCB, fyra siffror)', en: 'Municipality code (SCB, four digits)' },
  { name: 's_kod_nr', required: false, type: 'string', sv: 'S-kod (statlig redovisning)', en: 'State accounting code' },
];

/**
 * Header names seen in real exports, for each spec column, in order of preference (when an export has two that
 * map to the same column, the first listed wins and the other is left out: `Bokföringsdatum` over `Fakturadatum`).
 * Written as they appear; they are matched by `headerKey` (case, å/ä/ö, punctuation, spaces and a trailing `(T)`
 * do not matter). The one alias table: the message for missing columns and the README list these.
 */
export const ALIASES: Record<SpecColumn, string[]> = {
  kopare_id: ['kopare_id', 'Köpare orgnr', 'Köpare organisationsnummer', 'Köparens organisationsnummer'],
  kopare: ['kopare', 'Köpare namn', 'Köparens namn'],
  verifikationsnummer: ['verifikationsnummer', 'Verifikationsnr', 'Verifikation', 'Ver nr', 'Vernr', 'Verifikat', 'Ver.nr'],
  leverantor: ['leverantor', 'Leverantörsnamn', 'Leverantör namn', 'Levnamn', 'Lev namn', 'Leverantör'],
  leverantor_id: [
    'leverantor_id',
    'Leverantör Org.nr',
    'Leverantörens organisationsnummer',
    'Leverantör organisationsnummer',
    'Organisationsnummer',
    'Organisationsnr',
    'Organisatio',
    'Org.nr',
    'Orgnr',
    'Leverantörsnr',
    'Leverantör nr',
  ],
  konto_nr: ['konto_nr', 'Kontonr', 'Kontonummer', 'Konto nummer', 'Konto'],
  konto_text: ['konto_text', 'Kontotext', 'Kontonamn', 'Konto namn', 'Kontobenämning'],
  belopp: ['belopp', 'Nettobelopp', 'Belopp exkl moms', 'Belopp exklusive moms', 'Belopp SEK', 'Utfall', 'Fakturabelopp'],
  datum: ['datum', 'Bokföringsdatum', 'Bokf datum', 'Bokf.dat', 'Verifikationsdatum', 'Fakturadatum', 'Period'],
  forvaltning: ['forvaltning', 'Förvaltningsnamn', 'Nämnd', 'RN1/Förvaltning', 'Ansvar'],
  fakturanummer: ['fakturanummer', 'Faktura nr', 'Fakturanr', 'Fakt nr'],
  grund: ['grund'],
  avtal: ['avtal'],
  kommun_id: ['kommun_id', 'Kommunkod', 'Kommun kod', 'Kommunid'],
  s_kod_nr: ['s_kod_nr', 'S-kod', 'Skod'],
};

/**
 * The key a header name is matched by: lower case, å/ä → a, ö → o, é → e, a trailing `(T)` (a text column in some
 * exports) left out, then nothing but letters and digits. `Leverantör Org.nr` → `leverantororgnr`.
 */
export function headerKey(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\(\s*t\s*\)$/, '')
    .replace(/[åäà]/g, 'a')
    .replace(/[öø]/g, 'o')
    .replace(/[éè]/g, 'e')
    .replace(/ü/g, 'u')
    .replace(/[^a-z0-9]+/g, '');
}

/** @deprecated name kept for the tests: the old normalised form. */
export const normalizeHeader = headerKey;

/** headerKey → [spec column, rank] (rank: position in ALIASES, lower is preferred). */
const ALIAS_INDEX = new Map<string, [SpecColumn, number]>();
for (const c of SPEC_COLUMNS) {
  ALIASES[c].forEach((a, rank) => {
    // `Leverantör` and `leverantor` share a key: the column keeps its best (lowest) rank.
    const prev = ALIAS_INDEX.get(headerKey(a));
    if (prev && prev[0] === c && prev[1] <= rank) return;
    ALIAS_INDEX.set(headerKey(a), [c, rank]);
  });
}

const SPEC_SET = new Set<string>(SPEC_COLUMNS);

export function isSpecColumn(name: string): name is SpecColumn {
  return SPEC_SET.has(name);
}

export interface HeaderMapping {
  /** For each spec column, the index of the file's column that holds it, or -1. */
  sourceIndex: Record<SpecColumn, number>;
  /** Header names that map to no spec column (kept out of the published data). */
  unknown: string[];
  /** Header names that map to a spec column already taken by a preferred header. */
  duplicates: string[];
  /** Which header became which spec column (every mapped column, the spec's own names included). */
  mapped: { header: string; index: number; column: SpecColumn; how: 'spec' | 'alias' | 'dataset' | 'pair' }[];
  /** The spec column a file column was read as, else its header name (for messages). */
  sourceColumnName(index: number): Safe;
}

/**
 * Maps a header row to spec columns. `custom` is the dataset's column mapping: a header name as written (or in any
 * case and spacing) or a position `#3` (the third column, for files whose header repeats a name) → spec column; it
 * wins over the built-in aliases. A repeated `Konto`/`Konto` (number, then name) becomes konto_nr and konto_text.
 */
export function mapHeader(header: string[], custom: Record<string, string> = {}): HeaderMapping {
  const byKey = new Map<string, string>();
  const byPosition = new Map<number, string>();
  for (const [from, to] of Object.entries(custom)) {
    const pos = /^#(\d+)$/.exec(from.trim());
    if (pos) byPosition.set(+pos[1] - 1, to);
    else byKey.set(headerKey(from), to);
  }
  const sourceIndex = Object.fromEntries(SPEC_COLUMNS.map((c) => [c, -1])) as Record<SpecColumn, number>;
  const rank = Object.fromEntries(SPEC_COLUMNS.map((c) => [c, Infinity])) as Record<SpecColumn, number>;
  const how = new Map<number, 'spec' | 'alias' | 'dataset' | 'pair'>();
  const target: (SpecColumn | null)[] = header.map((raw, index) => {
    const key = headerKey(raw);
    const mapped = byPosition.get(index) ?? byKey.get(key);
    if (mapped !== undefined && isSpecColumn(mapped)) {
      how.set(index, 'dataset');
      return mapped;
    }
    const alias = ALIAS_INDEX.get(key);
    if (!alias) return null;
    // The spec's own name, written as the spec writes it; anything else (`Leverantör`, `BELOPP`) is said in a note.
    how.set(index, raw.trim() === alias[0] ? 'spec' : 'alias');
    return alias[0];
  });
  const duplicates: string[] = [];
  const unknown: string[] = [];
  // The dataset's own mapping first, then the most preferred alias; a tie goes to the earlier column.
  const order = header.map((_, i) => i).sort((a, b) => prefer(a) - prefer(b) || a - b);
  function prefer(i: number): number {
    const t = target[i];
    if (t === null) return Infinity;
    return how.get(i) === 'dataset' ? -1 : (ALIAS_INDEX.get(headerKey(header[i]))?.[1] ?? 0);
  }
  const taken = new Set<number>();
  for (const i of order) {
    const t = target[i];
    if (t === null) continue;
    if (sourceIndex[t] !== -1) continue;
    sourceIndex[t] = i;
    rank[t] = prefer(i);
    taken.add(i);
  }
  // `Konto`, `Konto`: the account number and its name, as some exports write them.
  if (sourceIndex.konto_nr >= 0 && sourceIndex.konto_text < 0) {
    const key = headerKey(header[sourceIndex.konto_nr]);
    const twin = header.findIndex((h, i) => i > sourceIndex.konto_nr && !taken.has(i) && headerKey(h) === key);
    if (twin >= 0) {
      sourceIndex.konto_text = twin;
      taken.add(twin);
      how.set(twin, 'pair');
    }
  }
  header.forEach((raw, i) => {
    if (taken.has(i)) return;
    if (target[i] !== null) duplicates.push(raw.trim());
    else if (raw.trim() !== '') unknown.push(raw.trim());
    else unknown.push(`(column ${i + 1} without a name)`);
  });
  const mapped = SPEC_COLUMNS.filter((c) => sourceIndex[c] >= 0).map((c) => ({ header: header[sourceIndex[c]].trim(), index: sourceIndex[c], column: c, how: how.get(sourceIndex[c]) ?? 'alias' }));
  const byIndex = new Map(Object.entries(sourceIndex).map(([c, i]) => [i, c]));
  const nameOf = (i: number): Safe => {
    const spec = byIndex.get(i);
    return spec !== undefined ? trusted(spec) : header[i] !== undefined ? safe(header[i].trim(), 60) : trusted(`column ${i + 1}`);
  };
  return { sourceIndex, unknown, duplicates, mapped, sourceColumnName: nameOf };
}

/** How many spec columns a row would map to as a header (a report title maps none, a real header three or more). */
export function headerScore(fields: string[], custom?: Record<string, string>): number {
  const { sourceIndex } = mapHeader(fields, custom);
  let n = 0;
  for (const c of SPEC_COLUMNS) if (sourceIndex[c] >= 0) n++;
  return n;
}
