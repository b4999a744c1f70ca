/**
 * What real exports do that the sample did not (issue 9), each on a file shaped like the real one, through the real
 * `validate` CLI (dataset folders, so that dataset.json applies): no date column (the month in the file name or
 * dataset.json), amounts whose decimal mark only the file knows, placeholder supplier ids, sum rows without a
 * label, dates in other forms, header names from real systems, repeated header names, and messages a finance clerk
 * can act on. Plus a property: for any amounts in any dialect, the file's total is exact to the öre.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Aggregator } from '../scripts/pipeline/aggregate.ts';
import { oreToText } from '../scripts/pipeline/money.ts';
import { runFile } from '../scripts/pipeline/pipeline.ts';
import { UnusableFileError } from '../scripts/pipeline/read.ts';
import { Report } from '../scripts/pipeline/report.ts';
import { trusted } from '../scripts/privacy/safe.ts';
import { defaultMetadata, makeDataDir, removeScratch, runCliAsync, scratch } from './hostile/project.ts';

interface Case {
  name: string;
  what: string;
  text: string;
  /** dataset.json additions. */
  meta?: Record<string, unknown>;
  exit: 0 | 1 | 2;
  rows?: number;
  total?: number;
  rejected?: Record<string, number>;
  notes?: string[];
  /** What the message (exit 2), a note or a rejection must say. */
  says?: RegExp[];
  /** The published dates, for the period cases. */
  period?: { first: string; last: string };
}

const H = 'leverantor;leverantor_id;konto_nr;konto_text;belopp;datum';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

const CASES: Case[] = [
  {
    name: '2016-03.csv',
    what: "Göteborg 2016–2020: no date column, the month in the file name",
    text: lines('leverantor;leverantor_id;konto_nr;konto_text;belopp', 'Bygg AB;5560360793;4010;Material;100,00', 'Städ AB;5560360793;4020;Städning;50,50'),
    exit: 0,
    rows: 2,
    total: 150.5,
    notes: ['date_from_period'],
    period: { first: '2016-03-01', last: '2016-03-31' },
  },
  {
    name: 'leverantorer.csv',
    what: 'no date column and no month in the name: the month from dataset.json',
    text: lines('leverantor;belopp', 'Bygg AB;100,00'),
    meta: { period: '2019-11' },
    exit: 0,
    rows: 1,
    period: { first: '2019-11-01', last: '2019-11-30' },
  },
  {
    name: 'utan-datum.csv',
    what: 'no date column, no month anywhere: unusable, saying how to name the month',
    text: lines('leverantor;belopp', 'Bygg AB;100,00'),
    exit: 2,
    says: [/2016-03\.csv/, /"period"/],
  },
  {
    name: 'tusental.csv',
    what: 'thousands separators and no decimals (35,000 is 35 000 kronor, shown by 12,345,678)',
    text: lines(H, 'A AB;5560360793;4010;M;"35,000";2025-03-01', 'B AB;5560360793;4010;M;"1,500";2025-03-02', 'C AB;5560360793;4010;M;250;2025-03-03', 'D AB;5560360793;4010;M;"12,345,678";2025-03-04'),
    exit: 0,
    rows: 4,
    total: 12_382_428,
  },
  {
    name: 'svenska-tusental.csv',
    what: '1.500 is 1 500 kronor in a file that writes 1.234,50',
    text: lines(H, 'A AB;5560360793;4010;M;1.500;2025-03-01', 'B AB;5560360793;4010;M;1.234,50;2025-03-02'),
    exit: 0,
    rows: 2,
    total: 2734.5,
  },
  {
    name: 'tvetydig.csv',
    what: 'only amounts that can be read two ways: unusable, with what to do',
    text: lines(H, 'A AB;5560360793;4010;M;"35,000";2025-03-01', 'B AB;5560360793;4010;M;"1,500";2025-03-02'),
    exit: 2,
    says: [/decimalMark/, /two decimals/, /line 2/],
  },
  {
    name: 'tvetydig-med-inställning.csv',
    what: 'the same, with "decimalMark": "," in dataset.json',
    text: lines(H, 'A AB;5560360793;4010;M;"35,000";2025-03-01', 'B AB;5560360793;4010;M;"1,500";2025-03-02'),
    meta: { decimalMark: ',' },
    exit: 0,
    total: 36.5,
  },
  {
    name: 'kronor.csv',
    what: '(1 234,50) for a credit, a trailing kr or SEK, a leading SEK',
    text: lines(H, 'A AB;5560360793;4010;M;(1 234,50);2025-03-01', 'B AB;5560360793;4010;M;99,50 kr;2025-03-02', 'C AB;5560360793;4010;M;SEK 1 000,00;2025-03-03', 'D AB;5560360793;4010;M;10,00 SEK;2025-03-04'),
    exit: 0,
    total: -125,
  },
  {
    name: 'blandat-decimaltecken.csv',
    what: 'a decimal comma in a file of decimal points: rejected, naming the line that showed the mark',
    text: lines(H, 'A AB;5560360793;4010;M;136.98;2025-03-01', 'B AB;5560360793;4010;M;1234,50;2025-03-02'),
    exit: 1,
    rejected: { amount_mark: 1 },
    says: [/decimal comma/, /line 2/],
  },
  {
    name: 'platshallare.csv',
    what: 'placeholder ids, foreign VAT numbers, several ids in a cell, internal supplier numbers',
    text: lines(
      H,
      'Sea Club Alcudia;NULL;4010;M;10,00;2025-03-01',
      'Hotel Nord;NULL;4010;M;20,00;2025-03-01',
      'Okänd AB;SAKNAS;4010;M;30,00;2025-03-01',
      'Streck AB;-;4010;M;1,00;2025-03-01',
      'Noll AB;0;4010;M;1,00;2025-03-01',
      'Nollor AB;0000000000;4010;M;1,00;2025-03-01',
      'Dansk A/S;DK78479310;4010;M;1,00;2025-03-01',
      'Eesti OÜ;EE100456868;4010;M;1,00;2025-03-01',
      'Två bolag;556036-0793/556004-2679;4010;M;1,00;2025-03-01',
      'Intern 1;10065;4010;M;1,00;2025-03-01',
      'Intern 2;10004007;4010;M;1,00;2025-03-01',
    ),
    exit: 0,
    rows: 11,
    notes: ['supplier_id_not_orgnr'],
    says: [/11 row\(s\) have a supplier id that is not a Swedish organisation number/, /6 with a placeholder/, /2 with a foreign VAT number/, /1 with several ids/, /2 with an internal supplier number/],
  },
  {
    name: 'summarad.csv',
    what: 'a sum row without a label (only the amount), as Agresso exports end',
    text: lines('leverantor,leverantor_id,konto_nr,konto_text,belopp,datum', 'A AB,5560360793,4010,M,"363,291.97",2025-03-01', 'B AB,5560360793,4010,M,"363,291.97",2025-03-02', ',,,,"726,583.94",'),
    exit: 1,
    rows: 3,
    rejected: { sum_row: 1 },
    total: 726_583.94,
  },
  {
    name: 'punktdatum.csv',
    what: 'dates written DD.MM.YYYY throughout: read, with one note',
    text: lines(H, 'A AB;5560360793;4010;M;1,00;06.03.2017', 'B AB;5560360793;4010;M;1,00;31.03.2017'),
    exit: 0,
    notes: ['date_format'],
    period: { first: '2017-03-06', last: '2017-03-31' },
  },
  {
    name: 'snedstreck.csv',
    what: '06/03/2017 can be 6 March or 3 June: rejected, saying so',
    text: lines(H, 'A AB;5560360793;4010;M;1,00;06/03/2017'),
    exit: 1,
    rejected: { date_invalid: 1 },
    says: [/day\/month\/year or month\/day\/year/],
  },
  {
    name: 'blandade-datum.csv',
    what: 'DD.MM.YYYY, then one YYYYMMDD: the second form is rejected',
    text: lines(H, 'A AB;5560360793;4010;M;1,00;06.03.2017', 'B AB;5560360793;4010;M;1,00;20170307'),
    exit: 1,
    rejected: { date_invalid: 1 },
    says: [/keeps to one form/],
  },
  {
    name: 'rubriker.csv',
    what: 'header names from real systems',
    text: lines('Verifikationsnr;Leverantörsnamn;Org nr;Konto(T);Belopp exkl moms;Bokföringsdatum;Ansvar(T);Fakturanr', '1;Bygg AB;556036-0793;64400 Livsmedel;10,00;2025-03-01;Skola;F-1'),
    exit: 0,
    notes: ['header_mapping'],
    says: [/"Org nr" → leverantor_id/, /"Konto\(T\)" → konto_nr/, /"Ansvar\(T\)" → forvaltning/, /"Belopp exkl moms" → belopp/],
  },
  {
    name: 'konto-konto.csv',
    what: 'Konto, Konto: the account number and its name',
    text: lines('Konto;Konto;Leverantör;Belopp;Datum', '6420;Konsulttjänster;Bygg AB;10,00;2025-03-01'),
    exit: 0,
    says: [/the second of two columns/],
  },
  {
    name: 'account-code.csv',
    what: 'Account Code, Account Code, Cost Centre Code, Cost Centre Code, mapped by position in dataset.json',
    text: lines('Account Code,Account Code,Cost Centre Code,Cost Centre Code,Supplier,Amount,Date', '6420,Consultancy,CC10,Education,Acme Ltd,10.00,2025-03-01'),
    meta: { columns: { '#1': 'konto_nr', '#2': 'konto_text', '#4': 'forvaltning', Supplier: 'leverantor', Amount: 'belopp', Date: 'datum' } },
    exit: 0,
    says: [/"Cost Centre Code" → forvaltning \(dataset\.json\)/],
  },
  {
    name: 'fa-falt.csv',
    what: 'a row with a value missing at the end',
    text: lines(H, 'A AB;5560360793;4010;M;1,00'),
    exit: 1,
    rejected: { field_count: 1 },
    says: [/fewer fields than the header/],
  },
  {
    name: 'kommatecken.csv',
    what: 'an Excel save with , separators and unquoted decimal commas',
    text: lines('leverantor,leverantor_id,konto_nr,konto_text,belopp,datum', 'A AB,5560360793,4010,M,1234,50,2025-03-01'),
    exit: 1,
    rejected: { field_count: 1 },
    says: [/decimal commas in unquoted amounts/, /; as the separator/],
  },
  {
    name: 'saknade-kolumner.csv',
    what: 'no amount or date: the message lists the names that are read',
    text: lines('Namn;Summa', 'Bygg AB;1'),
    exit: 2,
    says: [/"Nettobelopp"/, /"Bokföringsdatum"/, /"Leverantörsnamn"/],
  },
  {
    name: 'kopare-namn.csv',
    what: 'kopare holding a name (not the spec 1.0 layout): no spec 1.0 note',
    text: lines('kopare;leverantor;belopp;datum', 'Exempelby kommun;Bygg AB;1,00;2025-03-01'),
    exit: 0,
  },
];

const root = scratch('insyn-real-exports-');
const data = makeDataDir([], { parent: root });
const paths = new Map<string, string>();
CASES.forEach((c, i) => {
  const dir = join(data, 'datasets', `fall-${i}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify({ ...defaultMetadata(), ...(c.meta ?? {}) }));
  const p = join(dir, c.name);
  writeFileSync(p, c.text);
  paths.set(c.name, p);
});

interface Doc {
  file: string;
  usable: boolean;
  error?: string;
  rows: number;
  valid: number;
  rejected: number;
  total: number;
  period: { first: string; last: string } | null;
  errorCounts: { code: string; count: number; message: string }[];
  errors: { message: string }[];
  notes: { code: string; message: string }[];
}
const answer = runCliAsync('validate', [...paths.values(), '--json']).then((r) => (JSON.parse(r.stdout).files as Doc[]));

for (const c of CASES) {
  test(`${c.name}: ${c.what}`, async () => {
    const doc = (await answer).find((d) => d.file === paths.get(c.name)) as Doc;
    assert.ok(doc, 'answered');
    const code = !doc.usable ? 2 : doc.rejected > 0 ? 1 : 0;
    assert.is(code, c.exit, `exit: ${doc.error ?? JSON.stringify(doc.errorCounts)}`);
    if (c.rows !== undefined) assert.is(doc.rows, c.rows);
    if (c.rows !== undefined) assert.is(doc.valid + doc.rejected, doc.rows);
    if (c.total !== undefined) assert.is(doc.total, c.total);
    if (c.period) assert.equal(doc.period, c.period);
    if (c.rejected) assert.equal(Object.fromEntries(doc.errorCounts.map((e) => [e.code, e.count])), c.rejected);
    const codes = doc.notes.map((n) => n.code);
    for (const n of c.notes ?? []) assert.ok(codes.includes(n), `note ${n} in ${codes.join(', ')}`);
    if (c.name === 'kopare-namn.csv') assert.not.ok(codes.includes('spec_1_0_buyer'), 'no spec 1.0 note for a buyer name');
    const text = [doc.error ?? '', ...doc.notes.map((n) => n.message), ...doc.errors.map((e) => e.message)].join('\n');
    for (const re of c.says ?? []) assert.match(text, re);
  });
}

// ---- property: the file's amounts sum exactly, in any dialect ----

interface Dialect {
  mark: '.' | ',';
  group: '' | ' ' | '\u00a0' | 'other';
  decimals: 'always' | 'when-needed';
  negative: 'minus' | 'unicode' | 'trailing' | 'parens';
  suffix: '' | ' kr' | ' SEK';
}

function write(ore: number, d: Dialect): string {
  const neg = ore < 0;
  const abs = Math.abs(ore);
  const kr = String(Math.floor(abs / 100));
  const frac = String(abs % 100).padStart(2, '0');
  const sep = d.group === 'other' ? (d.mark === '.' ? ',' : '.') : d.group;
  const grouped = sep ? kr.replace(/\B(?=(\d{3})+(?!\d))/g, sep) : kr;
  const body = d.decimals === 'always' || frac !== '00' ? `${grouped}${d.mark}${frac}` : grouped;
  const signed = !neg ? body : d.negative === 'minus' ? `-${body}` : d.negative === 'unicode' ? `\u2212${body}` : d.negative === 'trailing' ? `${body}-` : `(${body})`;
  return `${signed}${d.suffix}`;
}

test('property: for any amounts and any dialect, the file total is exact to the öre (or the file says it cannot tell)', async () => {
  const dir = join(root, 'property');
  mkdirSync(dir, { recursive: true });
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: -(10 ** 11), max: 10 ** 11 }), { minLength: 1, maxLength: 12 }),
      fc.record<Dialect>({
        mark: fc.constantFrom('.', ','),
        group: fc.constantFrom('', ' ', '\u00a0', 'other'),
        decimals: fc.constantFrom('always', 'when-needed'),
        negative: fc.constantFrom('minus', 'unicode', 'trailing', 'parens'),
        suffix: fc.constantFrom('', ' kr', ' SEK'),
      }),
      fc.boolean(),
      async (amounts, d, tell) => {
        const path = join(dir, `p-${n++}.csv`);
        const cells = amounts.map((a, i) => `A ${i} AB;5560360793;4010;M;"${write(a, d)}";2025-03-01`);
        writeFileSync(path, lines(H, ...cells));
        const aggregator = new Aggregator((x) => x.slice(0, 4), { breakdown: false });
        try {
          const r = await runFile(path, trusted('p.csv'), { report: new Report(), aggregator, decimalMark: tell ? d.mark : undefined });
          assert.is(r.valid, amounts.length, 'every amount read');
          assert.is(aggregator.all.sum.text(), oreToText(amounts.reduce((s, a) => s + BigInt(a), 0n)));
        } catch (e) {
          // Unusable only when nothing shows the mark: every value is whole kronor grouped with the other mark
          // (35,000) or plain, and the dataset did not say.
          if (!(e instanceof UnusableFileError)) throw e;
          assert.not.ok(tell, `the dataset gave the mark: ${e.message}`);
          assert.ok(d.decimals === 'when-needed' && amounts.every((a) => a % 100 === 0), e.message);
        }
      },
    ),
    { numRuns: 400 },
  );
});

test.after(removeScratch);

test.run();
