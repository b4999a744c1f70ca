/**
 * The hostile-file corpus: every kind of bad export that can land in `data/`, and the answer Insyn must give for
 * it. Small text cases are files in `test/hostile/files/`; binary and big ones are generated here at test time
 * into a temp dir (nothing over a few KB is committed).
 *
 * The expected answer is decided per case (see README.md): validate exits 0 (clean), 1 (rows rejected) or
 * 2 (file unusable), names the line, and says what to do; build exits 0 when the file is usable and 1 when not.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.ts';
import { HEADER, row } from './project.ts';

export const FILES = join(ROOT, 'test/hostile/files');

export interface Expect {
  /** validate's exit code (or the codes that are all right); build exits 1 for 2 and 0 otherwise. */
  exit: 0 | 1 | 2 | (0 | 1)[];
  /** For exit 2: the line the answer must name (where the problem starts). */
  line?: number;
  /** For exit 2: what the message must say (what is wrong / what to do). */
  says?: RegExp[];
  /** For exit 0/1: rows read, published, and rejected per code (exact counts). */
  rows?: number;
  valid?: number;
  rejected?: Record<string, number>;
  /** Lines of the rejected rows (the first ones, as listed). */
  rejectedLines?: number[];
  /** A note code the report must carry. */
  note?: string;
  /** The encoding the file must be read as. */
  encoding?: string;
  /** A rejected row or a warning must name this line. */
  namesLine?: number;
  /** Another answer that is just as right (e.g. a clear refusal instead of a correct reading). */
  or?: Expect;
}

export interface HostileCase {
  name: string;
  what: string;
  /** Writes the case into `dir` and returns its path. */
  make(dir: string): string;
  expect: Expect;
  /** Big file: run the commands with a 256 MB heap (memory must stay bounded). */
  big?: boolean;
}

const j = (r: string[]) => r.join(';');
const lines = (rows: string[][], eol = '\n') => rows.map(j).join(eol) + eol;

function fromCorpus(name: string): (dir: string) => string {
  return (dir) => {
    const p = join(dir, name);
    copyFileSync(join(FILES, name), p);
    return p;
  };
}

function bytes(name: string, make: () => Buffer | string): (dir: string) => string {
  return (dir) => {
    const p = join(dir, name);
    writeFileSync(p, make());
    return p;
  };
}

/** Deterministic pseudo-random bytes (xorshift), so a failure can be reproduced. */
function noise(n: number, seed = 7): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The first bytes of a real .xlsx (a ZIP with `[Content_Types].xml` first), padded with compressed-looking noise. */
function xlsxBytes(): Buffer {
  const local = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
  const name = Buffer.from('[Content_Types].xml');
  const sizes = Buffer.from([0x62, 0xee, 0x9d, 0x68, 0x5e, 0x01, 0x00, 0x00, 0x90, 0x04, 0x00, 0x00, 0x13, 0x00, 0x08, 0x02]);
  const tail = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('xl/workbook.xml'), noise(800, 11), Buffer.from('PK\x05\x06'), Buffer.alloc(18)]);
  return Buffer.concat([local, sizes, name, noise(1500, 3), tail]);
}

const MB20 = 20 * 1024 * 1024;

export const CASES: HostileCase[] = [
  {
    name: 'empty.csv',
    what: 'a file of zero bytes',
    make: bytes('empty.csv', () => Buffer.alloc(0)),
    expect: { exit: 2, says: [/empty/i, /export/i] },
  },
  {
    name: 'bom-only.csv',
    what: 'only a UTF-8 byte order mark',
    make: bytes('bom-only.csv', () => Buffer.from([0xef, 0xbb, 0xbf])),
    expect: { exit: 2, says: [/empty/i] },
  },
  {
    name: 'header-only.csv',
    what: 'a header line and no data rows',
    make: fromCorpus('header-only.csv'),
    expect: { exit: 0, rows: 0, valid: 0, rejected: {}, note: 'no_rows' },
  },
  {
    name: 'header-only-no-eol.csv',
    what: 'a header line without a line end, no data rows',
    make: fromCorpus('header-only-no-eol.csv'),
    expect: { exit: 0, rows: 0, valid: 0, rejected: {}, note: 'no_rows' },
  },
  {
    name: 'ragged-rows.csv',
    what: 'rows with too few and too many fields (after a quoted value that spans two lines)',
    make: fromCorpus('ragged-rows.csv'),
    expect: { exit: 1, rows: 6, valid: 3, rejected: { field_count: 3 }, rejectedLines: [5, 7, 8] },
  },
  {
    name: 'truncated-mid-row.csv',
    what: 'an export cut off in the middle of its last row',
    make: fromCorpus('truncated-mid-row.csv'),
    expect: { exit: 1, rows: 4, valid: 3, rejected: { field_count: 1 }, rejectedLines: [5] },
  },
  {
    name: 'unclosed-quote.csv',
    what: 'a quote opened on line 4 and never closed',
    make: fromCorpus('unclosed-quote.csv'),
    expect: { exit: 2, line: 4, says: [/quot/i, /clos/i] },
  },
  {
    name: 'unclosed-quote-cr.csv',
    what: 'the same with old Mac line ends (CR only)',
    make: bytes('unclosed-quote-cr.csv', () =>
      lines([HEADER, row(1), row(2), row(3, { leverantor: '"Bygg AB' }), row(4), row(5)], '\r'),
    ),
    expect: { exit: 2, line: 4, says: [/quot/i] },
  },
  {
    name: 'truncated-in-quoted-value.csv',
    what: 'an export cut off inside a quoted value on its last line (5)',
    make: fromCorpus('truncated-in-quoted-value.csv'),
    expect: { exit: 2, line: 5, says: [/quot/i, /cut off|truncat/i] },
  },
  {
    name: 'missing-columns.csv',
    what: 'no amount, date or supplier column',
    make: fromCorpus('missing-columns.csv'),
    expect: { exit: 2, line: 1, says: [/belopp/, /datum/, /leverantor/, /"columns"/, /Namn/] },
  },
  {
    name: 'no-separator.csv',
    what: 'a text report, not a CSV export (no separator in the first line)',
    make: fromCorpus('no-separator.csv'),
    expect: { exit: 2, line: 1, says: [/separator|column/i] },
  },
  {
    name: 'workbook.csv',
    what: 'an Excel workbook (.xlsx, a ZIP) saved with a .csv name',
    make: bytes('workbook.csv', xlsxBytes),
    expect: { exit: 2, says: [/Excel|workbook|zip/i, /csv/i] }, // a line means nothing in a binary file
  },
  {
    name: 'random-bytes.csv',
    what: '4 KB of random bytes, NULs included',
    make: bytes('random-bytes.csv', () => Buffer.concat([Buffer.alloc(2), noise(4096)])),
    expect: { exit: 2, says: [/not a text file|binary/i] },
  },
  {
    name: 'nul-on-line-3.csv',
    what: 'a text export with a NUL byte inside a supplier name on line 3',
    make: bytes('nul-on-line-3.csv', () => lines([HEADER, row(1), row(2, { leverantor: 'Bygg\u0000AB' }), row(3)])),
    expect: { exit: 2, line: 3, says: [/NUL/] },
  },
  {
    name: 'nul-after-64k.csv',
    what: 'a NUL byte on line 1001, far past the first 64 KiB',
    make: bytes('nul-after-64k.csv', () => {
      const rows = [HEADER];
      for (let i = 1; i <= 1500; i++) rows.push(row(i, i === 1000 ? { leverantor: 'Bygg\u0000AB' } : {}));
      return lines(rows);
    }),
    expect: { exit: 2, line: 1001, says: [/NUL/] },
  },
  {
    name: 'utf16le-no-bom.csv',
    what: 'UTF-16LE without a byte order mark (every other byte NUL)',
    make: bytes('utf16le-no-bom.csv', () => Buffer.from(lines([HEADER, row(1), row(2)], '\r\n'), 'utf16le')),
    // Either read right (2 rows, Åkerö intact) or refused with a message that names UTF-16.
    expect: { exit: 0, rows: 2, valid: 2, rejected: {}, or: { exit: 2, says: [/UTF-16/] } },
  },
  {
    name: 'mixed-encoding.csv',
    what: 'a UTF-8 export with one Windows-1252 byte (é = 0xE9) on line 4',
    make: bytes('mixed-encoding.csv', () => {
      const line4 = Buffer.from(lines([row(3, { leverantor: 'Caf\u0001 AB' })]), 'utf8');
      line4[line4.indexOf(0x01)] = 0xe9;
      return Buffer.concat([Buffer.from(lines([HEADER, row(1), row(2)]), 'utf8'), line4, Buffer.from(lines([row(4)]), 'utf8')]);
    }),
    // Read as UTF-8 (the other rows keep Åkerö; the broken byte may show as U+FFFD), and line 4 named as a
    // rejected or warned row.
    expect: { exit: [0, 1], encoding: 'UTF-8', namesLine: 4 },
  },
  {
    name: 'truncated-utf8.csv',
    what: 'a UTF-8 export cut off in the middle of a multi-byte character (ö) on its last line (5)',
    make: bytes('truncated-utf8.csv', () => {
      const text = Buffer.from(lines([HEADER, row(1), row(2), row(3)]) + '2120009903;Exempelby kommun;1004;Åkerö', 'utf8');
      return text.subarray(0, text.length - 1); // drop the second byte of ö
    }),
    expect: { exit: 1, rows: 4, valid: 3, rejected: { field_count: 1 }, rejectedLines: [5], encoding: 'UTF-8' },
  },
  {
    name: 'folder.csv',
    what: 'a folder with a .csv name',
    make: (dir) => {
      const p = join(dir, 'folder.csv');
      mkdirSync(p, { recursive: true });
      return p;
    },
    expect: { exit: 2, says: [/not a file/i, /folder|director/i] },
  },
  {
    name: 'huge-quoted-cell.csv',
    what: 'a 20 MB quoted supplier name on line 3',
    big: true,
    make: bytes('huge-quoted-cell.csv', () => {
      const r = row(2);
      const before = `${lines([HEADER, row(1)])}${r.slice(0, 3).join(';')};"`;
      const after = `";${r.slice(4).join(';')}\n${lines([row(3)])}`;
      return Buffer.concat([Buffer.from(before), Buffer.alloc(MB20, 0x41), Buffer.from(after)]);
    }),
    expect: { exit: 2, line: 3, says: [/MB|large|long/i] },
  },
  {
    name: 'huge-unquoted-cell.csv',
    what: 'a 20 MB unquoted value on line 3 (no line end inside)',
    big: true,
    make: bytes('huge-unquoted-cell.csv', () => {
      const r = row(2);
      const before = `${lines([HEADER, row(1)])}${r.slice(0, 3).join(';')};`;
      const after = `;${r.slice(4).join(';')}\n${lines([row(3)])}`;
      return Buffer.concat([Buffer.from(before), Buffer.alloc(MB20, 0x42), Buffer.from(after)]);
    }),
    expect: { exit: 2, line: 3, says: [/MB|large|long/i] },
  },
  {
    name: 'huge-first-line.csv',
    what: 'a 20 MB first line with a separator near its start and no line end',
    big: true,
    make: bytes('huge-first-line.csv', () => Buffer.concat([Buffer.from('leverantor;belopp;datum;'), Buffer.alloc(MB20, 0x43)])),
    expect: { exit: 2, line: 1, says: [/MB|large|long/i] },
  },
  {
    name: 'many-columns.csv',
    what: '30 000 columns (the spec columns and 29 989 unknown ones), 3 rows',
    big: true,
    make: bytes('many-columns.csv', () => {
      const extra = Array.from({ length: 30_000 - HEADER.length }, (_, i) => `extra_${i + 1}`);
      const fill = extra.map(() => 'x');
      return lines([[...HEADER, ...extra], [...row(1), ...fill], [...row(2), ...fill], [...row(3), ...fill]]);
    }),
    expect: { exit: 0, rows: 3, valid: 3, rejected: {}, note: 'unknown_columns' },
  },
  {
    name: 'many-columns-missing.csv',
    what: '30 000 columns, none of them the amount, date or supplier',
    big: true,
    make: bytes('many-columns-missing.csv', () => {
      const cols = Array.from({ length: 30_000 }, (_, i) => `kolumn_${i + 1}`);
      return lines([cols, cols.map(() => '1')]);
    }),
    expect: { exit: 2, line: 1, says: [/belopp/, /more/] },
  },
  {
    name: 'many-bad-rows.csv',
    what: '150 000 bad rows: 50 000 each with a text amount, an impossible date, or an extra field',
    big: true,
    make: bytes('many-bad-rows.csv', () => {
      const parts = [j(HEADER)];
      for (let i = 1; i <= 150_000; i++) {
        const k = i % 3;
        const r = row(i, k === 0 ? { belopp: 'tio kronor' } : k === 1 ? { datum: '2025-02-30' } : {});
        parts.push(k === 2 ? `${j(r)};extra` : j(r));
      }
      return `${parts.join('\n')}\n`;
    }),
    expect: { exit: 1, rows: 150_000, valid: 0, rejected: { amount_invalid: 50_000, date_invalid: 50_000, field_count: 50_000 } },
  },
  {
    name: 'stray-quote.csv',
    what: 'a typo "Bygg AB on row 10 and an inch mark Skruv 2" on row 110 of 200: the quote swallows rows 10–110',
    make: bytes('stray-quote.csv', () => {
      const rows = [HEADER];
      for (let i = 1; i <= 200; i++) rows.push(row(i, i === 10 ? { leverantor: '"Bygg AB' } : i === 110 ? { konto_text: 'Skruv 2"' } : {}));
      return lines(rows);
    }),
    expect: { exit: 2, line: 11, says: [/quot/i, /line 111/, /stray/i, /multilineValues/] },
  },
  {
    name: 'stray-quote-next-row.csv',
    what: 'a stray quote on row 3 closed by an inch mark on row 4: two rows would become one',
    make: bytes('stray-quote-next-row.csv', () => lines([HEADER, row(1), row(2), row(3, { leverantor: '"Bygg AB' }), row(4, { konto_text: 'Skruv 2"' }), row(5)], '\r\n')),
    expect: { exit: 2, line: 4, says: [/quot/i, /line 5/] },
  },
  {
    name: 'mixed-line-ends.csv',
    what: 'a CRLF header, then rows ending in LF, CR and CRLF (an export edited by hand)',
    make: bytes('mixed-line-ends.csv', () => `${j(HEADER)}\r\n${j(row(1))}\n${j(row(2))}\r${j(row(3))}\r\n${j(row(4))}\n`),
    expect: { exit: 0, rows: 4, valid: 4, rejected: {} },
  },
  {
    name: 'mixed-line-ends-bad-row.csv',
    what: 'mixed line ends, and a row with a missing field on line 4: the line is named right',
    make: bytes('mixed-line-ends-bad-row.csv', () => `${j(HEADER)}\r\n${j(row(1))}\r${j(row(2))}\n${j(row(3).slice(1))}\r\n${j(row(4))}\n`),
    expect: { exit: 1, rows: 4, valid: 3, rejected: { field_count: 1 }, rejectedLines: [4] },
  },
  {
    name: 'heading-above-header.csv',
    what: 'an Agresso-style report heading: a title, a period line and a blank line above the header on line 4',
    make: bytes('heading-above-header.csv', () => `Leverantörsreskontra Exempelby kommun\nPeriod: 2025-03\n\n${lines([HEADER, row(1), row(2, { belopp: 'tio' }), row(3)])}`),
    expect: { exit: 1, rows: 3, valid: 2, rejected: { amount_invalid: 1 }, rejectedLines: [6], note: 'header_below_heading' },
  },
  {
    name: 'sep-line.csv',
    what: "Excel's sep=; first line",
    make: bytes('sep-line.csv', () => `sep=;\r\n${lines([HEADER, row(1), row(2)], '\r\n')}`),
    expect: { exit: 0, rows: 2, valid: 2, rejected: {}, note: 'sep_line' },
  },
  {
    name: 'spaces-last-line.csv',
    what: 'a clean file whose last line holds only spaces',
    make: bytes('spaces-last-line.csv', () => `${lines([HEADER, row(1), row(2)])}   \n`),
    expect: { exit: 0, rows: 2, valid: 2, rejected: {} },
  },
  {
    name: 'json.csv',
    what: 'a JSON document (an EntryScape rowstore export) saved as .csv, without the required columns: read as JSON rows, and the missing columns named',
    make: bytes('json.csv', () => '{"resultCount":2,"offset":0,"limit":100,"results":[{"leverantor":"Bygg AB","belopp":"100,00"}]}'),
    expect: { exit: 2, line: 1, says: [/Required columns are missing/, /datum/] },
  },
  {
    name: 'json-no-rows.csv',
    what: 'a JSON document that holds no rows, saved as .csv',
    make: bytes('json-no-rows.csv', () => '{"title":"Leverantörsfakturor","modified":"2025-03-01"}'),
    expect: { exit: 2, line: 1, says: [/JSON/, /CSV/] },
  },
  {
    name: 'page.csv',
    what: 'a saved web page instead of the export it links to',
    make: bytes('page.csv', () => '<!DOCTYPE html>\n<html lang="sv"><head><title>Leverantörsfakturor</title></head><body><a href="x.csv">Ladda ner</a></body></html>'),
    expect: { exit: 2, line: 1, says: [/web page|HTML/, /Download/] },
  },
  {
    name: 'xml.csv',
    what: 'an XML export',
    make: bytes('xml.csv', () => '<?xml version="1.0" encoding="UTF-8"?>\n<rader><rad><leverantor>Bygg AB</leverantor></rad></rader>'),
    expect: { exit: 2, line: 1, says: [/XML/] },
  },
  {
    name: 'utf16-nul.csv',
    what: 'a UTF-16LE export (with BOM) with a NUL character in a supplier name on line 3',
    make: bytes('utf16-nul.csv', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines([HEADER, row(1), row(2, { leverantor: 'Bygg\u0000AB' }), row(3)], '\r\n'), 'utf16le')])),
    expect: { exit: 2, line: 3, says: [/NUL/] },
  },
  {
    name: 'many-duplicate-columns.csv',
    what: '100 000 columns all named leverantor after the spec header (the duplicate_columns note must stay short)',
    big: true,
    make: bytes('many-duplicate-columns.csv', () => {
      const extra = Array.from({ length: 100_000 }, () => 'leverantor');
      return lines([[...HEADER, ...extra], [...row(1), ...extra.map(() => 'x')]]);
    }),
    expect: { exit: 0, rows: 1, valid: 1, rejected: {}, note: 'duplicate_columns' },
  },
  {
    name: 'huge-header-name.csv',
    what: 'an unknown column whose header name is 3 MB long',
    big: true,
    make: bytes('huge-header-name.csv', () => lines([[...HEADER, 'Notering '.repeat(350_000)], [...row(1), 'x']])),
    expect: { exit: 0, rows: 1, valid: 1, rejected: {}, note: 'unknown_columns' },
  },
];

/** The cases validate must refuse (exit 2); build must fail on each (exit 1). */
export const UNUSABLE = CASES.filter((c) => c.expect.exit === 2);

export function caseNamed(name: string): HostileCase {
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no hostile case ${name}`);
  return c;
}

/** NODE_OPTIONS for the big cases: a 256 MB heap, so that a file held in memory takes the process down. */
export const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=256' };
