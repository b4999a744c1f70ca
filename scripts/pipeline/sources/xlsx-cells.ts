/**
 * Cell values of an xlsx sheet as text, exactly as the CSV reader would give them: numbers from their stored value
 * (never through their display format), dates from date serials, text as written. Pure functions, no I/O.
 */

/**
 * A number cell's stored value (`<v>`, e.g. `3270.4999999999995`, `1E-3`) as Excel shows it: at most 15 significant
 * digits, trailing zeros trimmed, never an exponent (`3270.5`, `0.001`). Text that is not a number is returned as
 * written (a damaged cell; the parse stage will say what is wrong with it).
 */
export function formatNumber(text: string): string {
  if (isShortPlain(text)) return text; // the usual case (`642.3`, `16541005`): already what plainNumber would give
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x)) return text;
  return plainNumber(x);
}

/**
 * `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?` with at most 15 digits: a decimal that survives the round trip through a double
 * (15 digits always do) and is already in plain form, so plainNumber(Number(text)) === text.
 */
function isShortPlain(t: string): boolean {
  const n = t.length;
  let i = t.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const start = i;
  let digits = 0;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) break;
    digits++;
  }
  const intDigits = digits;
  if (intDigits === 0 || (intDigits > 1 && t.charCodeAt(start) === 48)) return false;
  if (i < n) {
    if (t.charCodeAt(i) !== 46 || i === n - 1) return false; // '.'
    for (i++; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      digits++;
    }
    if (t.charCodeAt(n - 1) === 48) return false; // a trailing zero in the fraction
  } else if (start === 1 && intDigits === 1 && t.charCodeAt(1) === 48) return false; // "-0"
  // Leading zeros of "0.000123" are not significant but count here: only makes the fast path a little narrower.
  return digits <= 15;
}

/** A finite number with at most 15 significant digits, in plain decimal notation (no exponent, no trailing zeros). */
export function plainNumber(x: number): string {
  if (x === 0) return '0'; // also -0
  const p = x.toPrecision(15); // "-3270.50000000000", "1.00000000000000e-7", "5566267893.00000"
  let sign = '';
  let mant = p;
  let exp = 0;
  const e = p.indexOf('e');
  if (e >= 0) {
    mant = p.slice(0, e);
    exp = Number(p.slice(e + 1));
  }
  if (mant[0] === '-') {
    sign = '-';
    mant = mant.slice(1);
  }
  const dot = mant.indexOf('.');
  const intPart = dot < 0 ? mant : mant.slice(0, dot);
  const fracPart = dot < 0 ? '' : mant.slice(dot + 1);
  let digits = intPart + fracPart;
  let point = intPart.length + exp; // position of the decimal point within `digits`
  // Leading zeros ("0.000123…" gives digits "0000123…"): drop them, moving the point.
  let lead = 0;
  while (lead < digits.length - 1 && digits[lead] === '0') lead++;
  digits = digits.slice(lead);
  point -= lead;
  let end = digits.length;
  while (end > 1 && digits[end - 1] === '0') end--;
  digits = digits.slice(0, end);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return out === '0' ? '0' : sign + out;
}

/** Built-in number formats that show a date or a time (ECMA-376 §18.8.30, with the East Asian date formats). */
const BUILTIN_DATE_FORMATS = new Set<number>([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/**
 * Whether a number format shows a date or a time: a built-in date format id, or a custom format code with a date or
 * time code (d, m, y, h, s, or e/g/b for other calendars are left out) outside quotes, brackets and escapes.
 * Elapsed-time formats (`[h]:mm`) show a duration, not a date, and are not dates.
 */
export function isDateFormat(numFmtId: number, formatCode: string | undefined): boolean {
  if (formatCode === undefined) return BUILTIN_DATE_FORMATS.has(numFmtId);
  // Only the first section counts for positive numbers; a date format has one anyway.
  if (/\[(h+|m+|s+)\]/i.test(formatCode)) return false;
  let i = 0;
  const code = formatCode;
  while (i < code.length) {
    const ch = code[i];
    if (ch === '"') {
      const close = code.indexOf('"', i + 1);
      i = close < 0 ? code.length : close + 1;
    } else if (ch === '[') {
      const close = code.indexOf(']', i + 1);
      i = close < 0 ? code.length : close + 1;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      i += 2; // an escaped character, a space as wide as the next character, a fill character
    } else if (ch === ';') {
      return false; // end of the first section without a date code
    } else {
      if (/^general/i.test(code.slice(i))) {
        i += 7;
        continue;
      }
      if ('dDmMyYhHsS'.includes(ch)) return true;
      i++;
    }
  }
  return false;
}

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30); // serial 0 counted from here once past Excel's fictitious 1900-02-29
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const MAX_SERIAL_1900 = 2_958_465; // 9999-12-31
const MAX_SERIAL_1904 = MAX_SERIAL_1900 - 1462;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A date serial as `YYYY-MM-DD`, or `YYYY-MM-DD hh:mm:ss` when the value has a time of day (rounded to the second, as
 * Excel shows it). The 1900 system counts 1900-02-29 as Excel does (serial 60; serials before it are one day off
 * from a plain count); the 1904 system counts from 1904-01-01. A serial below 1 in the 1900 system has no date (Excel
 * shows "1900-01-00"): it is a time of day and is given as `hh:mm:ss`. Null for what is no date (negative, past
 * 9999-12-31, not finite): the caller then gives the number.
 */
export function serialToDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= (date1904 ? MAX_SERIAL_1904 : MAX_SERIAL_1900) + 1) return null;
  const totalSeconds = Math.round(serial * 86400);
  const days = Math.floor(totalSeconds / 86400);
  const seconds = totalSeconds - days * 86400;
  const time = seconds === 0 ? '' : `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  let date: string;
  if (date1904) {
    date = isoDay(EPOCH_1904 + days * MS_PER_DAY);
  } else if (days === 0) {
    return time || '00:00:00';
  } else if (days === 60) {
    date = '1900-02-29';
  } else {
    date = isoDay(EPOCH_1900 + (days < 60 ? days + 1 : days) * MS_PER_DAY);
  }
  if (date > '9999-12-31') return null;
  return time ? `${date} ${time}` : date;
}

function isoDay(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * A `t="d"` cell's ISO 8601 value (`2016-03-01T00:00:00Z`, `2016-03-01T12:30:00.000`) in the same form as a date
 * serial: `YYYY-MM-DD`, with ` hh:mm:ss` when the time of day is not midnight (fractions of a second dropped; a
 * time zone is ignored, as Excel does). A value that is not ISO 8601 is returned as written.
 */
export function isoDateCell(text: string): string {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?\s*$/.exec(text);
  if (!m) {
    const t = /^\s*T?(\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*$/.exec(text); // a time alone
    return t ? `${t[1]}:${t[2]}:${t[3] ?? '00'}` : text;
  }
  const [, day, hh, mm, ss] = m;
  if (hh === undefined || (hh === '00' && mm === '00' && (ss ?? '00') === '00')) return day;
  return `${day} ${hh}:${mm}:${ss ?? '00'}`;
}

/** Decodes OOXML's `_xHHHH_` escapes (a character XML cannot hold, or `_x005F_` for a literal `_`). */
export function decodeEscapes(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A boolean cell's value (`1`/`0`) as `TRUE`/`FALSE`. */
export function booleanCell(text: string): string {
  const t = text.trim().toLowerCase();
  if (t === '1' || t === 'true') return 'TRUE';
  if (t === '0' || t === 'false') return 'FALSE';
  return text;
}

/**
 * Column index (0-based) of a cell reference such as `AB12` (`$` allowed), or -1 when it has no column letters.
 * Columns beyond Excel's last (XFD, 16,384) are refused with -2.
 */
export function columnOfRef(ref: string): number {
  let col = 0;
  let i = 0;
  if (ref.charCodeAt(0) === 36) i++; // $
  for (; i < ref.length; i++) {
    let c = ref.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    if (col > 16384) return -2;
  }
  return col === 0 ? -1 : col - 1;
}

/** Row number of a cell reference such as `AB12`, or 0 when it has none. */
export function rowOfRef(ref: string): number {
  const m = /(\d+)\s*$/.exec(ref);
  return m ? Number(m[1]) : 0;
}
