/**
 * Stage "parse": amounts to integer öre and dates to ISO text, in the dialects real exports use.
 * Pure functions; each returns a value or a problem code with a message a finance clerk understands.
 */
import { MAX_ROW_ORE } from './money.ts';
import { msg, safe, type Safe } from '../privacy/safe.ts';

/** `canonical`: the text was already in the published form (`-1234.50`), so it can be published as it is. */
export type AmountResult = { ok: true; ore: number; canonical?: boolean } | { ok: false; code: string; message: Safe };

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

/**
 * Parses `136.98`, `-14250.00`, `3270,50`, `1 234,50` (space, no-break space or thin space between thousands),
 * `1.234,50` / `1,234.50` (the last separator is the decimal one), `−12,00` (Unicode minus), `12,00-` (trailing
 * minus) into öre. Digits after the second decimal must be zeros (`12.3400` is fine, `12.345` is not: Insyn will
 * not round money).
 */
export function parseAmount(raw: string): AmountResult {
  // Fast path: [-]digits[.|,]d[d], the form of nearly every row.
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
    if ((c === 0x2e || c === 0x2c) && (n - i === 2 || n - i === 3)) {
      const d1 = raw.charCodeAt(i + 1) - 0x30;
      const d2 = n - i === 3 ? raw.charCodeAt(i + 2) - 0x30 : 0;
      if (d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) {
        const r = finish(neg, whole * 100 + d1 * 10 + d2);
        // `136.98` is published as written; `0136.98`, `-0.00`, `3,5` are rewritten.
        if (r.ok && c === 0x2e && n - i === 3 && (digits === 1 || raw.charCodeAt(neg ? 1 : 0) !== 0x30) && r.ore !== 0) r.canonical = true;
        return r;
      }
    }
  }
  return parseAmountSlow(raw);
}

function finish(neg: boolean, ore: number): AmountResult {
  if (ore >= MAX_ROW_ORE) {
    return {
      ok: false,
      code: 'amount_too_large',
      message: msg`The amount (belopp) is implausibly large (over 11 000 billion kronor). Check the export.`,
    };
  }
  return { ok: true, ore: neg && ore !== 0 ? -ore : ore };
}

function parseAmountSlow(raw: string): AmountResult {
  let s = raw.trim();
  if (s === '') return EMPTY;
  let neg = false;
  const first = s.charCodeAt(0);
  if (first === 0x2d || first === 0x2212) {
    neg = true;
    s = s.slice(1).trimStart();
  } else if (first === 0x2b) {
    s = s.slice(1).trimStart();
  } else if (s.endsWith('-') || s.endsWith('\u2212')) {
    neg = true;
    s = s.slice(0, -1).trimEnd();
  }
  if (s === '') return notANumber();
  // Drop digit-group spaces (only between digits, three digits after each).
  let compact = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isGroupSpace(c)) {
      const before = s.charCodeAt(i - 1);
      if (!(before >= 0x30 && before <= 0x39) || !/^\d{3}(?:\D|$)/.test(s.slice(i + 1))) return notANumber();
      continue;
    }
    compact += s[i];
  }
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let intPart = compact;
  let frac = '';
  if (lastDot >= 0 || lastComma >= 0) {
    const decimalSep = lastDot > lastComma ? '.' : ',';
    const groupSep = decimalSep === '.' ? ',' : '.';
    const at = Math.max(lastDot, lastComma);
    const countDecimal = compact.split(decimalSep).length - 1;
    if (countDecimal > 1) {
      // `1.234.567`: only group separators, no decimals.
      if (compact.includes(groupSep) || !/^\d{1,3}(?:\.\d{3})+$|^\d{1,3}(?:,\d{3})+$/.test(compact)) return notANumber();
      intPart = compact.split(decimalSep).join('');
    } else {
      intPart = compact.slice(0, at);
      frac = compact.slice(at + 1);
      if (intPart.includes(groupSep)) {
        const groupRe = groupSep === '.' ? /^\d{1,3}(?:\.\d{3})+$/ : /^\d{1,3}(?:,\d{3})+$/;
        if (!groupRe.test(intPart)) return notANumber();
        intPart = intPart.split(groupSep).join('');
      }
      if (intPart === '') intPart = '0';
    }
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return notANumber();
  if (frac.length > 2) {
    if (!/^0+$/.test(frac.slice(2))) {
      return {
        ok: false,
        code: 'amount_precision',
        message: msg`The amount (belopp) has more than two decimals. Insyn does not round money: export whole öre.`,
      };
    }
    frac = frac.slice(0, 2);
  }
  if (intPart.length > 16) return finish(false, MAX_ROW_ORE);
  const ore = Number(intPart) * 100 + (frac === '' ? 0 : Number(frac.padEnd(2, '0')));
  return finish(neg, ore);
}

export type DateResult =
  | { ok: true; date: string; warning?: { code: string; message: Safe } }
  | { ok: false; code: string; message: Safe };

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

/**
 * Parses a booking date. ISO `YYYY-MM-DD` is the spec's form; `YYYY-MM-DD hh:mm[:ss]` and `YYYY-MM-DDThh…` are
 * read as their date; `YYYYMMDD` and `YYYY/MM/DD` are read with a warning; month-only `YYYYMM` / `YYYY-MM`
 * (some publishers give only the month) is published as `YYYY-MM` with a warning, never given an invented day.
 */
export function parseDate(raw: string): DateResult {
  const n = raw.length;
  if (n === 10 && raw.charCodeAt(4) === 0x2d && raw.charCodeAt(7) === 0x2d) {
    const y = digitsAt(raw, 0, 4);
    const m = digitsAt(raw, 5, 2);
    const d = digitsAt(raw, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) return checkYmd(y, m, d, raw) ?? { ok: true, date: raw };
  }
  const s = raw.trim();
  if (s === '') return { ok: false, code: 'date_missing', message: msg`The booking date (datum) is empty.` };
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    return checkYmd(+m[1], +m[2], +m[3], date) ?? { ok: true, date };
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(s);
  if (m) {
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    return (
      checkYmd(+m[1], +m[2], +m[3], date) ?? {
        ok: true,
        date,
        warning: { code: 'date_format', message: msg`The date ${safe(s)} was read as ${safe(date)}; the spec asks for YYYY-MM-DD.` },
      }
    );
  }
  m = /^(\d{4})-?(\d{2})$/.exec(s);
  if (m) {
    const date = `${m[1]}-${m[2]}`;
    const bad = checkYmd(+m[1], +m[2], 1, date);
    if (bad) return bad;
    return {
      ok: true,
      date,
      warning: {
        code: 'date_month_only',
        message: msg`The date ${safe(s)} gives only the month; it is published as ${safe(date)}. The spec asks for the booking day.`,
      },
    };
  }
  return {
    ok: false,
    code: 'date_invalid',
    message: msg`The booking date (datum) is not a date. Write dates as YYYY-MM-DD, e.g. 2026-01-07.`,
  };
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
