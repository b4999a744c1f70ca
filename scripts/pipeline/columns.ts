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
 * Header names seen in real exports, after normalisation (see `normalizeHeader`), for each spec column.
 * The spec's own names map to themselves and are not listed.
 */
const ALIASES: Record<string, SpecColumn> = {
  // buyer
  kopare_orgnr: 'kopare_id',
  kopare_organisationsnummer: 'kopare_id',
  kopare_namn: 'kopare',
  // voucher
  verifikationsnr: 'verifikationsnummer',
  verifikation: 'verifikationsnummer',
  ver_nr: 'verifikationsnummer',
  vernr: 'verifikationsnummer',
  verifikat: 'verifikationsnummer',
  // supplier
  leverantorsnamn: 'leverantor',
  leverantor_namn: 'leverantor',
  leverantorsnr: 'leverantor_id',
  leverantor_nr: 'leverantor_id',
  leverantor_orgnr: 'leverantor_id',
  leverantor_organisationsnummer: 'leverantor_id',
  leverantorens_organisationsnummer: 'leverantor_id',
  organisationsnummer: 'leverantor_id',
  orgnr: 'leverantor_id',
  // account
  konto: 'konto_nr',
  kontonr: 'konto_nr',
  kontonummer: 'konto_nr',
  konto_nummer: 'konto_nr',
  kontotext: 'konto_text',
  kontonamn: 'konto_text',
  konto_namn: 'konto_text',
  kontobenamning: 'konto_text',
  // amount
  nettobelopp: 'belopp',
  belopp_exkl_moms: 'belopp',
  belopp_exklusive_moms: 'belopp',
  belopp_sek: 'belopp',
  // date
  bokforingsdatum: 'datum',
  bokf_datum: 'datum',
  verifikationsdatum: 'datum',
  // department
  forvaltningsnamn: 'forvaltning',
  namnd: 'forvaltning',
  // invoice (spec 1.0 name)
  faktura_nr: 'fakturanummer',
  fakturanr: 'fakturanummer',
  // municipality
  kommunkod: 'kommun_id',
  kommun_kod: 'kommun_id',
  kommunid: 'kommun_id',
  // state accounting code
  s_kod: 's_kod_nr',
  skod: 's_kod_nr',
};

/** `Leverantör Org.nr` → `leverantor_org_nr`: lower case, å/ä→a, ö→o, other non-alphanumerics → `_`. */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
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
  /** Header names that map to a spec column already taken by an earlier header. */
  duplicates: string[];
  /** Which header name was read as which spec column, when it was not the spec's own name. */
  renamed: { header: string; column: SpecColumn }[];
  /** The spec column a file column was read as, else its header name (for messages). */
  sourceColumnName(index: number): Safe;
}

/**
 * Maps a header row to spec columns. `custom` is the dataset's column mapping (header name as written, or
 * normalised → spec column); it wins over the built-in aliases.
 */
export function mapHeader(header: string[], custom: Record<string, string> = {}): HeaderMapping {
  const customNorm = new Map<string, string>();
  for (const [from, to] of Object.entries(custom)) customNorm.set(normalizeHeader(from), to);
  const sourceIndex = Object.fromEntries(SPEC_COLUMNS.map((c) => [c, -1])) as Record<SpecColumn, number>;
  const unknown: string[] = [];
  const duplicates: string[] = [];
  const renamed: { header: string; column: SpecColumn }[] = [];
  header.forEach((raw, index) => {
    const norm = normalizeHeader(raw);
    const target = customNorm.get(norm) ?? (isSpecColumn(norm) ? norm : ALIASES[norm]);
    if (target === undefined || !isSpecColumn(target)) {
      if (norm !== '' || raw.trim() !== '') unknown.push(raw.trim());
      else unknown.push(`(column ${index + 1} without a name)`);
      return;
    }
    if (sourceIndex[target] !== -1) {
      duplicates.push(raw.trim());
      return;
    }
    sourceIndex[target] = index;
    if (norm !== target) renamed.push({ header: raw.trim(), column: target });
  });
  const byIndex = new Map(Object.entries(sourceIndex).map(([c, i]) => [i, c]));
    const nameOf = (i: number): Safe => {
    const spec = byIndex.get(i);
    return spec !== undefined ? trusted(spec) : header[i] !== undefined ? safe(header[i].trim(), 60) : trusted(`column ${i + 1}`);
  };
  return { sourceIndex, unknown, duplicates, renamed, sourceColumnName: nameOf };
}

/** How many spec columns a row would map to as a header (a report title maps none, a real header three or more). */
export function headerScore(fields: string[], custom?: Record<string, string>): number {
  const { sourceIndex } = mapHeader(fields, custom);
  let n = 0;
  for (const c of SPEC_COLUMNS) if (sourceIndex[c] >= 0) n++;
  return n;
}
