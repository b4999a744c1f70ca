/**
 * Writes sample rows as a CSV export the way real systems write them ("dialects"), streaming: rows are formatted
 * into a text buffer, encoded and written in chunks of about a megabyte, so memory stays constant for any row count.
 *
 * - `vgr`: `;`, UTF-8 without BOM, CR-only line ends, VGR's column order and aliases (`bokforingsdatum`,
 *   `nettobelopp`), dot decimals (`136.98`), `-` for an unknown invoice number, buyer name in capitals.
 * - `goteborg`: `,`, UTF-16LE with BOM, CRLF, spec header names, comma decimals (so amounts are quoted: `"3270,50"`).
 * - `legacy1252`: `;`, Windows-1252, CRLF, Swedish headers (`Leverantör;Organisationsnummer;…`) without the buyer
 *   columns, org numbers with a dash, amounts with thousands separators (space, sometimes no-break space 0xA0) and
 *   comma decimals (`1 234,50`).
 * - `excel`: Excel's "CSV UTF-8": BOM, CRLF, `;`, spec header names, comma decimals as Excel's General format
 *   writes them (`1234,5`, `1234`), fields with `;`, `"` or a line break quoted.
 *
 * Any dialect quotes a field that holds its delimiter, a quote or a line break (RFC 4180 style, quotes doubled).
 * `injectBadRows` puts invalid rows at fixed positions, for sample files that show the validation report.
 */
import { open } from 'node:fs/promises';
import type { SpecColumn } from '../pipeline/columns.ts';
import type { SampleRow } from './generate.ts';
import { dashed } from './ids.ts';

export type DialectName = 'vgr' | 'goteborg' | 'legacy1252' | 'excel';
export const DIALECTS: readonly DialectName[] = ['vgr', 'goteborg', 'legacy1252', 'excel'];

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'windows-1252';

interface Dialect {
  delimiter: string;
  eol: string;
  encoding: Encoding;
  /** Columns written, in order, with their header names. */
  columns: { column: SpecColumn; header: string }[];
  formatAmount: (ore: number, counter: number) => string;
  /** Value written for a field (before quoting), from the row's text. */
  formatField: (column: SpecColumn, value: string) => string;
}

const SPEC_ORDER: SpecColumn[] = [
  'kopare_id', 'kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp',
  'datum', 'forvaltning', 'fakturanummer', 'grund', 'avtal', 'kommun_id', 's_kod_nr',
];

/** `-123456` öre → `{ sign: '-', kr: '1234', ore: '56' }`. */
function splitOre(ore: number): { sign: string; kr: string; ore: string } {
  if (!Number.isSafeInteger(ore)) throw new Error(`amount must be integer öre, got ${ore}`);
  const abs = Math.abs(ore);
  return { sign: ore < 0 ? '-' : '', kr: String(Math.floor(abs / 100)), ore: String(abs % 100).padStart(2, '0') };
}

function groupThousands(kr: string, sep: string): string {
  let out = '';
  for (let i = 0; i < kr.length; i++) {
    if (i > 0 && (kr.length - i) % 3 === 0) out += sep;
    out += kr[i];
  }
  return out;
}

const identity = (_column: SpecColumn, value: string): string => value;

const DIALECT_SPECS: Record<DialectName, Dialect> = {
  vgr: {
    delimiter: ';',
    eol: '\r',
    encoding: 'utf8',
    columns: (
      [
        ['kopare_id', 'kopare_id'], ['kopare', 'kopare'], ['verifikationsnummer', 'verifikationsnummer'],
        ['leverantor', 'leverantor'], ['leverantor_id', 'leverantor_id'], ['konto_nr', 'konto_nr'],
        ['konto_text', 'konto_text'], ['datum', 'bokforingsdatum'], ['forvaltning', 'forvaltning'],
        ['fakturanummer', 'fakturanummer'], ['belopp', 'nettobelopp'], ['grund', 'grund'], ['avtal', 'avtal'],
        ['kommun_id', 'kommun_id'], ['s_kod_nr', 's_kod_nr'],
      ] as [SpecColumn, string][]
    ).map(([column, header]) => ({ column, header })),
    formatAmount: (ore) => {
      const p = splitOre(ore);
      return `${p.sign}${p.kr}.${p.ore}`;
    },
    formatField: (column, value) => {
      if (column === 'fakturanummer' && value === '') return '-';
      if (column === 'kopare') return value.toLocaleUpperCase('sv-SE');
      return value;
    },
  },
  goteborg: {
    delimiter: ',',
    eol: '\r\n',
    encoding: 'utf16le-bom',
    columns: SPEC_ORDER.map((column) => ({ column, header: column })),
    formatAmount: (ore) => {
      const p = splitOre(ore);
      return `${p.sign}${p.kr},${p.ore}`;
    },
    formatField: identity,
  },
  legacy1252: {
    delimiter: ';',
    eol: '\r\n',
    encoding: 'windows-1252',
    columns: (
      [
        ['leverantor', 'Leverantör'], ['leverantor_id', 'Organisationsnummer'], ['konto_nr', 'Konto'],
        ['konto_text', 'Kontotext'], ['belopp', 'Belopp'], ['datum', 'Bokföringsdatum'],
        ['forvaltning', 'Förvaltning'], ['verifikationsnummer', 'Verifikationsnummer'],
        ['fakturanummer', 'Fakturanummer'],
      ] as [SpecColumn, string][]
    ).map(([column, header]) => ({ column, header })),
    formatAmount: (ore, counter) => {
      const p = splitOre(ore);
      // Every fourth amount with a thousands group uses a no-break space, as some report writers do.
      const sep = p.kr.length > 3 && counter % 4 === 0 ? '\u00A0' : ' ';
      return `${p.sign}${groupThousands(p.kr, sep)},${p.ore}`;
    },
    // The old system stored no characters outside its code page: `ć` became `c`.
    formatField: (column, value) =>
      column === 'leverantor_id' && /^\d\d[2-9]\d{7}$/.test(value) ? dashed(value) : fitWindows1252(value),
  },
  excel: {
    delimiter: ';',
    eol: '\r\n',
    encoding: 'utf8-bom',
    columns: SPEC_ORDER.map((column) => ({ column, header: column })),
    formatAmount: (ore) => {
      const p = splitOre(ore);
      const decimals = p.ore === '00' ? '' : p.ore.endsWith('0') ? `,${p.ore[0]}` : `,${p.ore}`;
      return `${p.sign}${p.kr}${decimals}`;
    },
    formatField: identity,
  },
};

/** The header names a dialect writes, in order (before any `headers` override). */
export function dialectHeader(name: DialectName): { column: SpecColumn; header: string }[] {
  return DIALECT_SPECS[name].columns.map((c) => ({ ...c }));
}

export function dialectInfo(name: DialectName): { delimiter: string; eol: string; encoding: Encoding } {
  const d = DIALECT_SPECS[name];
  return { delimiter: d.delimiter, eol: d.eol, encoding: d.encoding };
}

// ---- bad rows ----

export type BadRowKind =
  | 'impossible-date'
  | 'month-13'
  | 'missing-amount'
  | 'amount-garbled'
  | 'amount-text'
  | 'no-supplier'
  | 'extra-field'
  // rows that are published with a warning (or redacted), for the sample's data-quality figures
  | 'empty-account-text'
  | 'wrong-check-digit'
  | 'masked-name';

/** A row made invalid on purpose: the row's fields, with some replaced by raw text. */
export interface BadRow {
  bad: BadRowKind;
  row: SampleRow;
  /** Raw cell text that replaces the formatted value. */
  override: Partial<Record<SpecColumn, string>>;
  /** A cell appended after the last column. */
  extraField?: string;
}

/** A trailing sum row (`Summa` in the first column, the total in the amount column, nothing else). */
export interface SumRow {
  sum: true;
}

export type ExportRecord = SampleRow | BadRow | SumRow;

export interface BadRowPlan {
  /** 0-based index among the data records where the bad row goes. */
  at: number;
  kind: BadRowKind;
}

function makeBad(row: SampleRow, kind: BadRowKind): BadRow {
  const year = row.datum.slice(0, 4);
  switch (kind) {
    case 'impossible-date': return { bad: kind, row, override: { datum: `${year}-02-30` } };
    case 'month-13': return { bad: kind, row, override: { datum: `${year}-13-${row.datum.slice(8, 10)}` } };
    case 'missing-amount': return { bad: kind, row, override: { belopp: '' } };
    case 'amount-garbled': return { bad: kind, row, override: { belopp: '12,3,4' } };
    case 'amount-text': return { bad: kind, row, override: { belopp: 'abc' } };
    case 'no-supplier': return { bad: kind, row, override: { leverantor: '', leverantor_id: '' } };
    case 'extra-field': return { bad: kind, row, override: {}, extraField: 'Ej attesterad' };
    // Published with a warning, not rejected:
    case 'empty-account-text': return { bad: kind, row, override: { konto_text: '' } };
    case 'wrong-check-digit': {
      const id = row.leverantor_id;
      const last = String((Number(id[id.length - 1]) + 1) % 10);
      return { bad: kind, row, override: { leverantor_id: id.slice(0, -1) + last } };
    }
    case 'masked-name': return { bad: kind, row, override: { leverantor: '[innehåller personuppgifter]', leverantor_id: '' } };
  }
}

/**
 * Replaces the rows at the planned positions with bad rows (a sole trader's row is never made bad: the next
 * company row is used instead, so sole-trader counts stay those of the good rows), and optionally appends a
 * trailing `Summa` row. Positions beyond the end are ignored.
 */
export function* injectBadRows(
  rows: Iterable<SampleRow>,
  plan: BadRowPlan[],
  opts: { sumRow?: boolean } = {},
): Generator<ExportRecord, void, undefined> {
  const pending = [...plan].sort((a, b) => a.at - b.at);
  let index = 0;
  for (const row of rows) {
    if (pending.length > 0 && index >= pending[0].at && !row.soleTrader) {
      yield makeBad(row, pending.shift()!.kind);
    } else {
      yield row;
    }
    index++;
  }
  if (opts.sumRow) yield { sum: true };
}

export function isBadRow(record: ExportRecord): record is BadRow {
  return 'bad' in record;
}

export function isSumRow(record: ExportRecord): record is SumRow {
  return 'sum' in record;
}

// ---- encoding ----

/** Windows-1252 bytes 0x80–0x9F (0 where undefined). 0x00–0x7F and 0xA0–0xFF equal their code points. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
const CP1252_REVERSE = new Map<number, number>();
CP1252_HIGH.forEach((cp, i) => {
  if (cp !== 0) CP1252_REVERSE.set(cp, 0x80 + i);
});

/** Encodes text as Windows-1252. Throws on a character the code page lacks (sample data must not lose text). */
export function encodeWindows1252(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const b = CP1252_REVERSE.get(c);
      if (b === undefined) throw new Error(`character U+${c.toString(16).toUpperCase().padStart(4, '0')} has no Windows-1252 byte`);
      out[i] = b;
    }
  }
  return out;
}

/**
 * Windows-1252 bytes → text. (Node 20's `TextDecoder('windows-1252')` decodes 0x80–0x9F as Latin-1 control
 * characters, so `’` would come back as U+0092.)
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += String.fromCharCode(b >= 0x80 && b <= 0x9f && CP1252_HIGH[b - 0x80] !== 0 ? CP1252_HIGH[b - 0x80] : b);
  }
  return out;
}

function inWindows1252(c: number): boolean {
  return c < 0x80 || (c >= 0xa0 && c <= 0xff) || CP1252_REVERSE.has(c);
}

/** Replaces characters Windows-1252 lacks by their base letter (`ć` → `c`), or `?`. */
export function fitWindows1252(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && inWindows1252(c)) out += ch;
    else {
      const base = ch.normalize('NFD').charCodeAt(0);
      out += ch.length === 1 && inWindows1252(base) ? String.fromCharCode(base) : '?';
    }
  }
  return out;
}

function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
    case 'utf8-bom':
      return Buffer.from(text, 'utf8');
    case 'utf16le-bom':
      return Buffer.from(text, 'utf16le');
    case 'windows-1252':
      return encodeWindows1252(text);
  }
}

function bom(encoding: Encoding): Buffer {
  if (encoding === 'utf8-bom') return Buffer.from([0xef, 0xbb, 0xbf]);
  if (encoding === 'utf16le-bom') return Buffer.from([0xff, 0xfe]);
  return Buffer.alloc(0);
}

// ---- writing ----

export interface ExportOptions {
  /** Header names to use instead of the dialect's, per spec column (e.g. `{ forvaltning: 'Ansvar' }`). */
  headers?: Partial<Record<SpecColumn, string>>;
  /** Characters of text gathered before a chunk is encoded and written (default 1 MiB). */
  chunkChars?: number;
}

export interface ExportStats {
  bytes: number;
  /** Data records written (header not counted): good rows, bad rows and the sum row. */
  records: number;
  /** Good generated rows. */
  rows: number;
  /** Good rows whose supplier is a sole trader (personnummer as id). */
  soleTraderRows: number;
  /** Good rows with a negative amount. */
  creditRows: number;
  /** Bad rows, with their 1-based data record number (the header is record 0). */
  badRows: { kind: BadRowKind; record: number }[];
  sumRow: boolean;
  /** Sum of the good rows' amounts, in öre. */
  totalOre: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** Quotes a field when it holds the delimiter, a quote or a line break; quotes inside are doubled. */
function quoter(delimiter: string): (value: string) => string {
  const needsQuotes = new RegExp(`["\\r\\n${delimiter}]`);
  return (value) => (needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
}

/**
 * The export's bytes as a sequence of chunks (BOM and header first). `stats` is filled in as the records are
 * consumed and complete once the generator is done.
 */
export function* exportChunks(
  records: Iterable<ExportRecord>,
  dialectName: DialectName,
  stats: ExportStats = emptyStats(),
  opts: ExportOptions = {},
): Generator<Buffer, ExportStats, undefined> {
  const dialect = DIALECT_SPECS[dialectName];
  const { delimiter, eol } = dialect;
  const quote = quoter(delimiter);
  const columns = dialect.columns;
  const chunkChars = opts.chunkChars ?? 1 << 20;
  const emit = (text: string): Buffer => {
    const buf = encode(text, dialect.encoding);
    stats.bytes += buf.length;
    return buf;
  };
  const start = bom(dialect.encoding);
  stats.bytes += start.length;
  if (start.length > 0) yield start;

  let text = columns.map((c) => quote(opts.headers?.[c.column] ?? c.header)).join(delimiter) + eol;
  let amountCounter = 0;
  const cells: string[] = new Array(columns.length);
  for (const record of records) {
    stats.records++;
    if (isSumRow(record)) {
      cells.fill('');
      cells[0] = 'Summa';
      const amountAt = columns.findIndex((c) => c.column === 'belopp');
      cells[amountAt] = quote(dialect.formatAmount(stats.totalOre, amountCounter++));
      stats.sumRow = true;
      text += cells.join(delimiter) + eol;
    } else {
      const bad = isBadRow(record) ? record : null;
      const row = bad ? bad.row : (record as SampleRow);
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i].column;
        const raw = bad?.override[column];
        let value: string;
        if (raw !== undefined) value = raw;
        else if (column === 'belopp') value = dialect.formatAmount(row.belopp, amountCounter++);
        else value = dialect.formatField(column, row[column]);
        cells[i] = quote(value);
      }
      let line = cells.join(delimiter);
      if (bad?.extraField !== undefined) line += delimiter + quote(bad.extraField);
      text += line + eol;
      if (bad) {
        stats.badRows.push({ kind: bad.bad, record: stats.records });
      } else {
        stats.rows++;
        if (row.soleTrader) stats.soleTraderRows++;
        if (row.belopp < 0) stats.creditRows++;
        stats.totalOre += row.belopp;
        if (stats.firstDate === null || row.datum < stats.firstDate) stats.firstDate = row.datum;
        if (stats.lastDate === null || row.datum > stats.lastDate) stats.lastDate = row.datum;
      }
    }
    if (text.length >= chunkChars) {
      yield emit(text);
      text = '';
    }
  }
  if (text.length > 0) yield emit(text);
  return stats;
}

export function emptyStats(): ExportStats {
  return {
    bytes: 0, records: 0, rows: 0, soleTraderRows: 0, creditRows: 0, badRows: [], sumRow: false, totalOre: 0,
    firstDate: null, lastDate: null,
  };
}

/** The whole export in memory (for small files and tests). */
export function exportBuffer(records: Iterable<ExportRecord>, dialect: DialectName, opts: ExportOptions = {}): { bytes: Buffer; stats: ExportStats } {
  const stats = emptyStats();
  const bytes = Buffer.concat([...exportChunks(records, dialect, stats, opts)]);
  return { bytes, stats };
}

/** Writes the export to `path` chunk by chunk (constant memory). */
export async function writeExport(
  path: string,
  records: Iterable<ExportRecord>,
  dialect: DialectName,
  opts: ExportOptions = {},
): Promise<ExportStats> {
  const stats = emptyStats();
  const file = await open(path, 'w');
  try {
    for (const chunk of exportChunks(records, dialect, stats, opts)) {
      let offset = 0;
      while (offset < chunk.length) {
        const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
        offset += bytesWritten;
      }
    }
  } finally {
    await file.close();
  }
  return stats;
}
