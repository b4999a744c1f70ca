/**
 * Realistic, invented supplier invoice booking lines (leverantörsreskontra), one spec 1.1 row at a time.
 *
 * `generateRows` is a generator with constant memory: it holds the supplier pool (a few hundred entries) and the
 * list of working days in the period, never the rows, so it can yield a million rows for the benchmark. Rows come
 * in booking-date order; one invoice may span several rows (booking lines) with the same voucher and invoice
 * number. Same options → same rows, always.
 */
import type { SpecColumn } from '../pipeline/columns.ts';
import {
  ACCOUNTS,
  DEPARTMENTS,
  FIRST_NAMES,
  PUBLIC_BODIES,
  SOLE_TRADER_WORK,
  SPECIAL_COMPANIES,
  STEM_FIRST,
  STEM_SECOND,
  SURNAMES,
  TRADE_WEIGHTS,
  TRADE_WORDS,
  type Account,
  type DepartmentKey,
  type Trade,
} from './catalog.ts';
import { randomOrgNumber, testPersonnummer, type PersonnummerForm } from './ids.ts';
import { Random, weighted } from './random.ts';

/** One booking line: the 15 spec columns (text as written), the amount as integer öre. */
export type SampleRow = { [K in Exclude<SpecColumn, 'belopp'>]: string } & {
  /** Amount excluding VAT in öre (integer); negative for credit notes. Never 0. */
  belopp: number;
  /** True when the supplier is a sole trader and `leverantor_id` is a (test-range) personnummer. */
  soleTrader: boolean;
};

export interface Buyer {
  /** 10 digits, no dash. */
  orgNumber: string;
  name: string;
  /** 4-digit municipality code, written to `kommun_id` (left empty when absent, e.g. for a region). */
  municipalityCode?: string;
}

export interface GenerateOptions {
  seed: number;
  /** Exact number of rows to yield. */
  rows: number;
  /** First and last booking date, `YYYY-MM-DD`, both inclusive; rows fall on working days between them. */
  from: string;
  to: string;
  buyer: Buyer;
  /** Seed of the supplier pool (default: `seed`). Buyers that share a pool seed share their suppliers. */
  poolSeed?: number;
  /** Number of companies, associations and public bodies in the pool (default 320). */
  suppliers?: number;
  /** Number of sole traders in the pool (default 40). */
  soleTraders?: number;
  /** Approximate share of rows from sole traders (default 0.05). */
  soleTraderShare?: number;
  /** Share of invoices that are credit notes (default 0.03). */
  creditNoteShare?: number;
  /** First voucher number (default derived from the seed). */
  firstVoucher?: number;
  /**
   * Share of rows whose text an export must quote: a line break inside the supplier name or a `;` inside the
   * account text (default 0; sample files for the `excel` dialect use a little).
   */
  messyText?: number;
  /**
   * `sorted` (default): rows in date order, as most exports are. `random`: each invoice on a day drawn by the days'
   * weights, so the file is in no date order (as some finance systems export, and as the benchmark reads).
   */
  dateOrder?: 'sorted' | 'random';
}

type SupplierKind = 'company' | 'association' | 'public' | 'soleTrader';

interface Supplier {
  name: string;
  id: string;
  kind: SupplierKind;
  trade: Trade;
  pickAccount: (rng: Random) => Account;
  grund: string;
  avtal: string;
  invoiceStyle: 'number' | 'year' | 'prefixed' | 'ocr' | 'unknown';
  nextInvoice: number;
  form?: PersonnummerForm;
}

export interface SupplierPool {
  companies: Supplier[];
  soleTraders: Supplier[];
  pickCompany: (rng: Random) => Supplier;
  pickSoleTrader: (rng: Random) => Supplier;
}

const ACCOUNTS_BY_TRADE = new Map<Trade, Account[]>();
for (const account of ACCOUNTS) {
  for (const trade of account.trades) {
    const list = ACCOUNTS_BY_TRADE.get(trade) ?? [];
    list.push(account);
    ACCOUNTS_BY_TRADE.set(trade, list);
  }
}

/** Accounts a supplier of a trade books on: a main one and a few others, with falling weights. */
function accountPicker(rng: Random, trade: Trade): (rng: Random) => Account {
  const candidates = rng.shuffle([...(ACCOUNTS_BY_TRADE.get(trade) ?? [])]);
  const mine = candidates.slice(0, Math.min(candidates.length, rng.int(1, 3)));
  if (rng.chance(0.15)) mine.push(rng.pick(ACCOUNTS.filter((a) => a.nr === '5410' || a.nr === '5460' || a.nr === '6590')));
  return weighted(mine, mine.map((_, i) => 1 / (i + 1) ** 2));
}

function pickGrund(rng: Random, kind: SupplierKind): { grund: string; avtal: string } {
  if (kind === 'public') return { grund: '', avtal: '' };
  const grund = kind === 'soleTrader'
    ? rng.pickWeighted(['', 'Direktupphandling', 'Upphandlat avtal'], [60, 35, 5])
    : rng.pickWeighted(['', 'Ramavtal', 'Upphandlat avtal', 'Direktupphandling'], [45, 30, 15, 10]);
  const avtal = (grund === 'Ramavtal' || grund === 'Upphandlat avtal') && rng.chance(0.4)
    ? `AVT-${rng.int(2019, 2024)}-${String(rng.int(1, 480)).padStart(4, '0')}`
    : '';
  return { grund, avtal };
}

function invoiceStyle(rng: Random): Supplier['invoiceStyle'] {
  return rng.pickWeighted(['number', 'year', 'prefixed', 'ocr', 'unknown'], [50, 18, 16, 6, 10]);
}

function stem(rng: Random): string {
  const first = rng.pick(STEM_FIRST);
  let second = rng.pick(STEM_SECOND);
  if (first.endsWith(second[0])) second = rng.pick(STEM_SECOND);
  return first + second;
}

function companyName(rng: Random, trade: Exclude<Trade, 'forening' | 'offentlig'>): string {
  const word = rng.pick(TRADE_WORDS[trade]);
  if (trade === 'bygg' && rng.chance(0.35)) {
    return `${rng.pick(STEM_FIRST)}bygg ${rng.pick(['Entreprenad', 'Mark & Anläggning', 'Service', 'Montage'])} AB`;
  }
  const style = rng.pickWeighted(['stem', 'surname', 'brothers', 'sverige'], [60, 25, 8, 7]);
  if (style === 'stem') return `${stem(rng)} ${word} AB`;
  if (style === 'surname') return `${rng.pick(SURNAMES)}s ${word} AB`;
  if (style === 'brothers') return `Bröderna ${rng.pick(SURNAMES)} ${word} AB`;
  return `${stem(rng)} ${word} Sverige AB`;
}

function associationName(rng: Random): { name: string; prefix: string; trade: Trade } {
  const s = stem(rng);
  return rng.pick([
    { name: `${s} Hembygdsförening`, prefix: '802', trade: 'forening' as Trade },
    { name: `IF ${s}`, prefix: '802', trade: 'forening' as Trade },
    { name: `Stiftelsen ${s}gården`, prefix: '802', trade: 'forening' as Trade },
    { name: `${s} Scoutkår`, prefix: '802', trade: 'forening' as Trade },
    { name: `Föreningen Kulturhuset ${s}`, prefix: '802', trade: 'kultur' as Trade },
    { name: `${s} Fiber ekonomisk förening`, prefix: '769', trade: 'it' as Trade },
    { name: `${s} Bygdegårdsförening`, prefix: '802', trade: 'forening' as Trade },
    { name: `${rng.pick(SURNAMES)} & ${rng.pick(SURNAMES)} HB`, prefix: '969', trade: 'konsult' as Trade },
    { name: `${s} Trädgård HB`, prefix: '969', trade: 'tradgard' as Trade },
  ]);
}

/**
 * A birth date: 1950–2003 for most owners; 1905–1914 for the few written with `+` (aged 100 or more for any
 * booking date from 2015 on).
 */
function birthDate(rng: Random, centenarian: boolean): string {
  const year = centenarian ? rng.int(1905, 1914) : rng.int(1950, 2003);
  const month = rng.int(1, 12);
  const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function soleTraderName(rng: Random, first: string, last: string, work: string): string {
  switch (rng.int(0, 5)) {
    case 0: return `${first} ${last} ${work}`;
    case 1: return `${last}s ${work}`;
    case 2: return `${last}, ${first}`;
    case 3: return `${first} ${last} Enskild Firma`;
    case 4: return `${work} ${first} ${last}`;
    default: return `${first} ${last} ${work} EF`;
  }
}

/** The forms the first sole traders (by frequency rank) are written in, so that every form occurs. */
const FORMS_BY_RANK: PersonnummerForm[] = ['YYMMDD-NNNN', 'YYYYMMDDNNNN', 'YYMMDD+NNNN', 'YYYYMMDD-NNNN', 'YYMMDDNNNN'];

/**
 * The supplier pool: companies (org numbers 55x, a few associations and foundations 8xx/7xx/9xx, the region's
 * public bodies 2xx, all Luhn-valid), in Zipf-like frequency; and sole traders with test-range personnummer.
 * `exclude` is the buyer's own org number (a municipality does not invoice itself).
 */
export function buildSupplierPool(poolSeed: number, opts: { suppliers?: number; soleTraders?: number; exclude?: string } = {}): SupplierPool {
  const rng = new Random(poolSeed).fork('suppliers');
  const wanted = opts.suppliers ?? 320;
  const companies: Supplier[] = [];
  const names = new Set<string>();
  const ids = new Set<string>();
  const add = (name: string, id: string, kind: SupplierKind, trade: Trade): void => {
    if (names.has(name) || ids.has(id)) return;
    names.add(name);
    ids.add(id);
    const { grund, avtal } = pickGrund(rng, kind);
    companies.push({
      name, id, kind, trade, grund, avtal,
      pickAccount: accountPicker(rng, trade),
      invoiceStyle: kind === 'public' ? 'number' : invoiceStyle(rng),
      nextInvoice: rng.int(1000, 90000),
    });
  };
  for (const body of PUBLIC_BODIES) add(body.name, body.orgNumber, 'public', body.trade);
  for (const special of SPECIAL_COMPANIES) add(special.name, randomOrgNumber(rng, rng.pick(['556', '559'])), 'company', special.trade);
  const trades = Object.keys(TRADE_WEIGHTS) as (keyof typeof TRADE_WEIGHTS)[];
  const pickTrade = weighted(trades, trades.map((t) => TRADE_WEIGHTS[t]));
  const associations = Math.round(wanted * 0.07);
  for (let guard = 0; companies.length < PUBLIC_BODIES.length + SPECIAL_COMPANIES.length + associations && guard < 10000; guard++) {
    const a = associationName(rng);
    add(a.name, randomOrgNumber(rng, a.prefix), 'association', a.trade);
  }
  for (let guard = 0; companies.length < wanted && guard < 100000; guard++) {
    const trade = pickTrade(rng);
    const prefix = rng.pickWeighted(['556', '559', '55'], [55, 35, 10]);
    add(companyName(rng, trade), randomOrgNumber(rng, prefix), 'company', trade);
  }
  rng.shuffle(companies);
  // Removed only now, so that buyers sharing a pool seed get the same pool apart from themselves.
  const sellers = companies.filter((c) => c.id !== opts.exclude);

  const soleTraders: Supplier[] = [];
  const wantedSole = opts.soleTraders ?? 40;
  for (let guard = 0; soleTraders.length < wantedSole && guard < 10000; guard++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(SURNAMES);
    const work = rng.pick(SOLE_TRADER_WORK);
    const name = soleTraderName(rng, first, last, work.word);
    if (names.has(name)) continue;
    const rank = soleTraders.length;
    const form = FORMS_BY_RANK[rank] ?? rng.pickWeighted<PersonnummerForm>(['YYMMDDNNNN', 'YYMMDD-NNNN', 'YYYYMMDDNNNN', 'YYYYMMDD-NNNN'], [40, 35, 17, 8]);
    const pnr = testPersonnummer(rng, birthDate(rng, form === 'YYMMDD+NNNN'), form);
    if (ids.has(pnr.tenDigits)) continue;
    names.add(name);
    ids.add(pnr.tenDigits);
    const { grund, avtal } = pickGrund(rng, 'soleTrader');
    soleTraders.push({
      name, id: pnr.written, kind: 'soleTrader', trade: work.trade, grund, avtal, form,
      pickAccount: accountPicker(rng, work.trade),
      invoiceStyle: rng.pickWeighted(['number', 'unknown'], [85, 15]),
      nextInvoice: rng.int(1, 400),
    });
  }

  return {
    companies: sellers,
    soleTraders,
    pickCompany: weighted(sellers, sellers.map((_, r) => 1 / (r + 3) ** 0.8)),
    pickSoleTrader: weighted(soleTraders, soleTraders.map((_, r) => 1 / (r + 1) ** 0.8)),
  };
}

// ---- calendar ----

const DAY_MS = 86_400_000;

function parseDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`bad date ${iso}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== iso) throw new Error(`bad date ${iso}`);
  return t;
}

/** Easter Sunday (Gregorian), as a UTC timestamp. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** Swedish public holidays and the eves offices close on, for one year. */
function holidays(year: number): Set<number> {
  const e = easter(year);
  const midsummerEve = [19, 20, 21, 22, 23, 24, 25].map((d) => Date.UTC(year, 5, d)).find((t) => new Date(t).getUTCDay() === 5)!;
  return new Set([
    Date.UTC(year, 0, 1), Date.UTC(year, 0, 6), e - 2 * DAY_MS, e + DAY_MS, Date.UTC(year, 4, 1), e + 39 * DAY_MS,
    Date.UTC(year, 5, 6), midsummerEve, Date.UTC(year, 11, 24), Date.UTC(year, 11, 25), Date.UTC(year, 11, 26),
    Date.UTC(year, 11, 31),
  ]);
}

/** Working days (Monday–Friday, not a Swedish holiday) in [from, to], as `YYYY-MM-DD`. */
export function workingDays(from: string, to: string): string[] {
  const start = parseDay(from);
  const end = parseDay(to);
  const days: string[] = [];
  let year = -1;
  let closed = new Set<number>();
  for (let t = start; t <= end; t += DAY_MS) {
    const d = new Date(t);
    if (d.getUTCFullYear() !== year) {
      year = d.getUTCFullYear();
      closed = holidays(year);
    }
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.has(t)) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/** Relative booking volume of a day: more at month end, less in July and around Christmas. */
function dayWeight(day: string, nextDay: string | undefined): number {
  const month = day.slice(5, 7);
  let w = 1;
  if (nextDay === undefined || nextDay.slice(5, 7) !== month) w *= 1.8;
  if (month === '07') w *= 0.45;
  if (month === '12' && Number(day.slice(8, 10)) > 20) w *= 0.6;
  return w;
}

// ---- rows ----

const DEPARTMENT_KEYS = Object.keys(DEPARTMENTS) as DepartmentKey[];
const pickAnyDepartment = weighted(DEPARTMENT_KEYS, DEPARTMENT_KEYS.map((k) => DEPARTMENTS[k].weight));
const departmentPickers = new Map<Account, (rng: Random) => DepartmentKey>();
for (const account of ACCOUNTS) {
  if (account.departments.length > 0) {
    departmentPickers.set(account, weighted(account.departments, account.departments.map((k) => DEPARTMENTS[k].weight)));
  }
}

function department(rng: Random, account: Account): string {
  const own = departmentPickers.get(account);
  const key = own && rng.chance(0.85) ? own(rng) : pickAnyDepartment(rng);
  return DEPARTMENTS[key].name;
}

const MAX_ORE = 980_000_000;

function amountOre(rng: Random, account: Account, credit: boolean): number {
  let kr = rng.lognormal(account.medianKr, account.sigma);
  if (credit) kr *= 0.5;
  kr = Math.min(Math.max(kr, 10), MAX_ORE / 100);
  const ore = rng.chance(0.4) ? Math.round(kr) * 100 : Math.round(kr * 100);
  return credit ? -ore : ore;
}

function invoiceNumber(rng: Random, supplier: Supplier, day: string): string {
  if (supplier.invoiceStyle === 'unknown' || rng.chance(0.03)) return '';
  supplier.nextInvoice += supplier.kind === 'soleTrader' ? 1 : rng.int(1, 40);
  const n = supplier.nextInvoice;
  switch (supplier.invoiceStyle) {
    case 'year': return `${day.slice(0, 4)}-${String(n).padStart(5, '0')}`;
    case 'prefixed': return `F${n}`;
    case 'ocr': return `${String(n).padStart(7, '0')}${String(rng.int(100, 999))}`;
    default: return String(n);
  }
}

const LINES = [1, 2, 3, 4, 5];
const LINE_WEIGHTS = [70, 17, 8, 3, 2];
const pickLineCount = weighted(LINES, LINE_WEIGHTS);
const MEAN_LINES = LINES.reduce((sum, n, i) => sum + n * LINE_WEIGHTS[i], 0) / LINE_WEIGHTS.reduce((a, b) => a + b, 0);
const SOLE_MEAN_LINES = 1.1;
const MESSY_NAME_SUFFIXES = ['Fakturaservice', 'Avd. Ekonomi', 'c/o Fakturacentralen'];
const MESSY_TEXT_SUFFIXES = ['enl. avtal', 'se bilaga', 'del 2'];

/** Yields `opts.rows` booking lines, in date order unless `dateOrder` is `random` (see the module comment). */
export function* generateRows(opts: GenerateOptions): Generator<SampleRow, void, undefined> {
  if (!Number.isInteger(opts.rows) || opts.rows < 0) throw new Error(`rows must be a non-negative integer, got ${opts.rows}`);
  const rng = new Random(opts.seed).fork('rows');
  const days = workingDays(opts.from, opts.to);
  if (days.length === 0 && opts.rows > 0) throw new Error(`no working days between ${opts.from} and ${opts.to}`);
  const pool = buildSupplierPool(opts.poolSeed ?? opts.seed, {
    suppliers: opts.suppliers,
    soleTraders: opts.soleTraders,
    exclude: opts.buyer.orgNumber,
  });
  // Sole traders send invoices of ~1.1 lines, companies of ~1.5: turn the share of rows into a share of invoices.
  const soleRows = opts.soleTraderShare ?? 0.05;
  const soleShare = (soleRows * MEAN_LINES) / (SOLE_MEAN_LINES - soleRows * SOLE_MEAN_LINES + soleRows * MEAN_LINES);
  const creditShare = opts.creditNoteShare ?? 0.03;
  const messy = opts.messyText ?? 0;
  const kopareId = opts.buyer.orgNumber;
  const kopare = opts.buyer.name;
  const kommunId = opts.buyer.municipalityCode ?? '';
  let voucher = opts.firstVoucher ?? 3_000_000 + (opts.seed % 997) * 1000;

  const weights = days.map((d, i) => dayWeight(d, days[i + 1]) * (0.75 + 0.5 * rng.next()));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let emitted = 0;

  const cumulativeWeights = weights.map((w) => (cumulative += w));
  cumulative = 0;
  /** One invoice's lines on `day` (at most `quota`). */
  function* invoice(day: string, quota: number): Generator<SampleRow, number, undefined> {
    const sole = pool.soleTraders.length > 0 && rng.chance(soleShare);
    const supplier = sole ? pool.pickSoleTrader(rng) : pool.pickCompany(rng);
    const credit = rng.chance(creditShare);
    const lines = Math.min(quota, sole ? 1 + (rng.chance(0.1) ? 1 : 0) : pickLineCount(rng));
    voucher += rng.chance(0.8) ? 1 : rng.int(2, 6);
    const verifikationsnummer = String(voucher);
    const fakturanummer = invoiceNumber(rng, supplier, day);
    let forvaltning = '';
    for (let line = 0; line < lines; line++) {
      const account = supplier.pickAccount(rng);
      if (line === 0 || rng.chance(0.1)) forvaltning = department(rng, account);
      let leverantor = supplier.name;
      let kontoText = account.text;
      if (messy > 0 && rng.chance(messy)) {
        if (rng.chance(0.5)) leverantor = `${leverantor}\n${rng.pick(MESSY_NAME_SUFFIXES)}`;
        else kontoText = `${kontoText}; ${rng.pick(MESSY_TEXT_SUFFIXES)}`;
      }
      yield {
        kopare_id: kopareId,
        kopare,
        verifikationsnummer,
        leverantor,
        leverantor_id: supplier.id,
        konto_nr: account.nr,
        konto_text: kontoText,
        belopp: amountOre(rng, account, credit),
        datum: day,
        forvaltning,
        fakturanummer,
        grund: supplier.grund,
        avtal: supplier.avtal,
        kommun_id: kommunId,
        s_kod_nr: '',
        soleTrader: sole,
      };
    }
    return lines;
  }

  if (opts.dateOrder === 'random') {
    while (emitted < opts.rows) {
      const at = rng.next() * totalWeight;
      let lo = 0;
      let hi = days.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulativeWeights[mid] < at) lo = mid + 1;
        else hi = mid;
      }
      emitted += yield* invoice(days[lo], opts.rows - emitted);
    }
    return;
  }
  for (let i = 0; i < days.length; i++) {
    cumulative += weights[i];
    const target = i === days.length - 1 ? opts.rows : Math.round((cumulative / totalWeight) * opts.rows);
    let quota = target - emitted;
    while (quota > 0) {
      const lines = yield* invoice(days[i], quota);
      quota -= lines;
      emitted += lines;
    }
  }
}
