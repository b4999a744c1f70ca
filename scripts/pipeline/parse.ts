/**
 * Stage "parse": amounts to integer öre and dates to ISO text, in the dialects real exports use.
 * Pure functions; each returns a value or a problem code with a message a finance clerk understands.
 */
import { MAX_ROW_ORE } from './money.ts';
import { msg, safe, trusted, type Safe } from '../privacy/safe.ts';

/** The character a file writes between kronor and öre. */
export type DecimalMark = '.' | ',';

/**
 * `canonical`: the text was already in the published form (`-1234.50`), so it can be published as it is.
 * `reveals`: the value shows the file's decimal mark (`136.98`, `1 234,50`, `1,234,567`); `35,000` does not.
 */
export type AmountResult =
  | { ok: true; ore: number; canonical?: boolean; reveals?: DecimalMark }
  | { ok: false; code: string; message: Safe; reveals?: DecimalMark };

const NBSP = 0xa0;
const NNBSP = 0x202f;
const THIN = 0x2009;

function isGroupSpace(c: number): boolean {
  return c === 0x20 || c === NBSP || c === NNBSP || c === THIN;
}

const EMPTY: AmountResult = { ok: false, code: 'amount_missing', message: msg`The amount (belopp) is empty.` };

function notANumber(): AmountResult {
  return {
    ok: false,
    code: 'amount_invalid',
    message: msg`The amount (belopp) is not a number. Write amounts like 1234.50, -1234,50 or 1 234,50.`,
  };
}

const MARK_NAME: Record<DecimalMark, string> = { '.': 'a decimal point (136.98)', ',': 'a decimal comma (136,98)' };

/**
 * Parses an amount into öre, reading it by the file's decimal mark (`mark`, decided from the values that show it;
 * null while no value has). Accepted: `136.98`, `-14250.00`, `3270,50`, `1 234,50` (space, no-break space or thin
 * space between thousands), `1.234,50`, `1,234.50`, `35,000` (by the mark), `−12,00` (Unicode minus), `12,00-`
 * (trailing minus), `(1 234,50)` (negative), a `kr`, `SEK` or `:-` around it. Digits after the second decimal must be
 * zeros (`12.3400` is fine, `12.345` with a decimal point is not: Insyn will not round money). While the mark is not
 * known, a value that can be read two ways (`35,000`, `1.500`) is `amount_ambiguous`.
 */
export function parseAmount(raw: string, mark: DecimalMark | null = null): AmountResult {
  // Fast path: [-]digits or [-]digits[.|,]d[d], the form of nearly every row.
  const n = raw.length;
  let i = 0;
  let neg = false;
  if (n === 0) return EMPTY;
  let c = raw.charCodeAt(0);
  if (c === 0x2d) {
    neg = true;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    c = raw.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    whole = whole * 10 + (c - 0x30);
    digits++;
  }
  if (digits > 0 && digits <= 15) {
    if (i === n) return finish(neg, whole * 100);
    const sep = c === 0x2e ? '.' : c === 0x2c ? ',' : null;
    if (sep !== null && (mark === null || mark === sep) && (n - i === 2 || n - i === 3)) {
      const d1 = raw.charCodeAt(i + 1) - 0x30;
      const d2 = n - i === 3 ? raw.charCodeAt(i + 2) - 0x30 : 0;
      if (d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) {
        const r = finish(neg, whole * 100 + d1 * 10 + d2);
        // `136.98` is published as written; `0136.98`, `-0.00`, `3,5` are rewritten.
        if (r.ok && sep === '.' && n - i === 3 && (digits === 1 || raw.charCodeAt(neg ? 1 : 0) !== 0x30) && r.ore !== 0) r.canonical = true;
        r.reveals = sep;
        return r;
      }
    }
  }
  return parseAmountSlow(raw, mark);
}

function finish(neg: boolean, ore: number): AmountResult & { ok: boolean } {
  if (ore >= MAX_ROW_ORE) {
    return {
      ok: false,
      code: 'amount_too_large',
      message: msg`The amount (belopp) is implausibly large (over 11 000 billion kronor). Check the export.`,
    };
  }
  return { ok: true, ore: neg && ore !== 0 ? -ore : ore };
}

const CURRENCY = /^(?:SEK|kr\.?)\s*|\s*(?:SEK|kr\.?|:-)$/gi;

function parseAmountSlow(raw: string, mark: DecimalMark | null): AmountResult {
  let s = raw.trim();
  if (s === '') return EMPTY;
  s = s.replace(CURRENCY, '').trim();
  let neg = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    neg = true;
    s = paren[1].trim();
  }
  const first = s.charCodeAt(0);
  if (first === 0x2d || first === 0x2212) {
    if (neg) return notANumber();
    neg = true;
    s = s.slice(1).trimStart();
  } else if (first === 0x2b) {
    s = s.slice(1).trimStart();
  } else if (s.endsWith('-') || s.endsWith('\u2212')) {
    if (neg) return notANumber();
    neg = true;
    s = s.slice(0, -1).trimEnd();
  }
  s = s.replace(CURRENCY, '').trim();
  if (s === '') return notANumber();
  // Drop digit-group spaces (only between digits, three digits after each).
  let compact = '';
  let spaced = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isGroupSpace(c)) {
      const before = s.charCodeAt(i - 1);
      if (!(before >= 0x30 && before <= 0x39) || !/^\d{3}(?:\D|$)/.test(s.slice(i + 1))) return notANumber();
      spaced = true;
      continue;
    }
    compact += s[i];
  }
  if (!/^[\d.,]+$/.test(compact)) return notANumber();
  const dots = compact.split('.').length - 1;
  const commas = compact.split(',').length - 1;
  // Which separator is the decimal one, and whether this value shows it.
  let decimal: DecimalMark | null;
  let reveals: DecimalMark | undefined;
  if (dots === 0 && commas === 0) decimal = null;
  else if (dots > 0 && commas > 0) {
    decimal = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',';
    reveals = decimal;
  } else {
    const ch: DecimalMark = dots > 0 ? '.' : ',';
    const other: DecimalMark = ch === '.' ? ',' : '.';
    if (dots + commas > 1) {
      decimal = other; // `1.234.567`: only group separators
      reveals = other;
    } else {
      const at = compact.indexOf(ch);
      const after = compact.length - at - 1;
      if (after === 3 && at >= 1 && at <= 3) {
        // `35,000`, `1.500`: a thousands separator or a decimal mark with three decimals. A space-grouped value
        // (`1 234,567`) keeps its comma for the decimals.
        if (spaced) decimal = ch;
        else if (mark !== null) decimal = mark;
        else {
          return {
            ok: false,
            code: 'amount_ambiguous',
            message: msg`The amount (belopp) can be read two ways: as thousands with a separator, or with three decimals.`,
          };
        }
      } else {
        decimal = ch;
        reveals = ch;
      }
    }
  }
  if (mark !== null && reveals !== undefined && reveals !== mark) {
    return {
      ok: false,
      code: 'amount_mark',
      message: msg`The amount (belopp) is written with ${trustedName(reveals)}, while this file's other amounts use ${trustedName(mark)}. Export every amount the same way.`,
      reveals,
    };
  }
  let intPart = compact;
  let frac = '';
  if (decimal !== null) {
    const group = decimal === '.' ? ',' : '.';
    const at = compact.lastIndexOf(decimal);
    if (compact.indexOf(decimal) !== at) {
      // `1.234.567` read with a decimal point: only group separators, in the other mark.
      return notANumber();
    }
    intPart = at >= 0 ? compact.slice(0, at) : compact;
    frac = at >= 0 ? compact.slice(at + 1) : '';
    if (intPart.includes(group)) {
      const groupRe = group === '.' ? /^\d{1,3}(?:\.\d{3})+$/ : /^\d{1,3}(?:,\d{3})+$/;
      if (!groupRe.test(intPart)) return notANumber();
      intPart = intPart.split(group).join('');
    }
    if (intPart === '') intPart = '0';
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return notANumber();
  if (frac.length > 2) {
    if (!/^0+$/.test(frac.slice(2))) {
      return {
        ok: false,
        code: 'amount_precision',
        message: msg`The amount (belopp) has more than two decimals. Insyn does not round money: export whole öre.`,
        reveals,
      };
    }
    frac = frac.slice(0, 2);
  }
  if (intPart.length > 16) return finish(false, MAX_ROW_ORE);
  const ore = Number(intPart) * 100 + (frac === '' ? 0 : Number(frac.padEnd(2, '0')));
  const r = finish(neg, ore);
  if (reveals !== undefined) r.reveals = reveals;
  return r;
}

function trustedName(mark: DecimalMark): Safe {
  return trusted(MARK_NAME[mark]);
}

/**
 * How a date was written. `iso` is the spec's form (a time after it is ignored); the others are read when a file
 * uses them throughout (the first one a file uses is its form), and reported once per file.
 */
export type DateForm = 'iso' | 'compact' | 'slash-ymd' | 'dot-dmy' | 'month';

export const DATE_FORM_NAMES: Record<Exclude<DateForm, 'iso'>, string> = {
  compact: 'YYYYMMDD',
  'slash-ymd': 'YYYY/MM/DD',
  'dot-dmy': 'DD.MM.YYYY',
  month: 'YYYYMM or YYYY-MM (the month only)',
};

export type DateResult = { ok: true; date: string; form: DateForm } | { ok: false; code: string; message: Safe };

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS[month - 1];
}

function digitsAt(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function checkYmd(y: number, m: number, d: number, text: string): DateResult | null {
  if (y < 1900 || y > 2199) {
    return { ok: false, code: 'date_invalid', message: msg`The year ${y} is not plausible for a booking date.` };
  }
  if (m < 1 || m > 12) {
    return { ok: false, code: 'date_invalid', message: msg`There is no month ${m} (${safe(text)}). Dates are written YYYY-MM-DD.` };
  }
  if (d < 1 || d > daysInMonth(y, m)) {
    return { ok: false, code: 'date_invalid', message: msg`The date ${safe(text)} does not exist.` };
  }
  return null;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function ymd(y: number, m: number, d: number, text: string, form: DateForm): DateResult {
  const date = `${y}-${pad2(m)}-${pad2(d)}`;
  return checkYmd(y, m, d, text) ?? { ok: true, date, form };
}

/**
 * Parses a booking date: ISO `YYYY-MM-DD` (a time after it, `T…` or ` hh:mm[:ss]`, is ignored); `YYYYMMDD`,
 * `YYYY/MM/DD` and `DD.MM.YYYY`; month-only `YYYYMM` / `YYYY-MM`, published as `YYYY-MM` (never given an invented
 * day). A date written `DD/MM/YYYY` or `MM/DD/YYYY` is refused with a message that says so: the two cannot be told
 * apart. The caller checks that a file keeps to one form.
 */
export function parseDate(raw: string): DateResult {
  const n = raw.length;
  if (n === 10 && raw.charCodeAt(4) === 0x2d && raw.charCodeAt(7) === 0x2d) {
    const y = digitsAt(raw, 0, 4);
    const m = digitsAt(raw, 5, 2);
    const d = digitsAt(raw, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) return checkYmd(y, m, d, raw) ?? { ok: true, date: raw, form: 'iso' };
  }
  const s = raw.trim();
  if (s === '') return { ok: false, code: 'date_missing', message: msg`The booking date (datum) is empty.` };
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3], s, 'iso');
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3], s, 'compact');
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3], s, 'slash-ymd');
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: \d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/.exec(s);
  if (m) return ymd(+m[3], +m[2], +m[1], s, 'dot-dmy');
  m = /^(\d{4})-?(\d{2})$/.exec(s);
  if (m) {
    const bad = checkYmd(+m[1], +m[2], 1, s);
    return bad ?? { ok: true, date: `${m[1]}-${m[2]}`, form: 'month' };
  }
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(s);
  if (m) {
    return {
      ok: false,
      code: 'date_invalid',
      message: msg`The booking date ${safe(s)} is written day/month/year or month/day/year, and the two cannot be told apart. Export dates as YYYY-MM-DD (the finance system's ISO date setting).`,
    };
  }
  return {
    ok: false,
    code: 'date_invalid',
    message: msg`The booking date (datum) is not a date. Write dates as YYYY-MM-DD, e.g. 2026-01-07.`,
  };
}

/** A `YYYY-MM` or `YYYYMM` in a file name (`Orebro.2016-03.xlsx`, `201603.csv`): the month the file covers. */
export function periodFromName(name: string): string | null {
  const m = /(?<!\d)((?:19|20)\d{2})[-_. ]?(0[1-9]|1[0-2])(?!\d)/.exec(name);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** First and last day covered by a published date (`YYYY-MM` covers the whole month). */
export function dateSpan(date: string): [string, string] {
  if (date.length === 7) {
    const y = +date.slice(0, 4);
    const m = +date.slice(5, 7);
    return [`${date}-01`, `${date}-${pad2(daysInMonth(y, m))}`];
  }
  return [date, date];
}
