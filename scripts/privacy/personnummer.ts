/**
 * Personnummer and samordningsnummer, found on one normalised view of any text.
 *
 * The view: each code point after NFKC; every Unicode decimal digit (`\p{Nd}`: fullwidth, Arabic-Indic, …) as its
 * ASCII digit; every dash-, space- or format-like character (`\p{Pd}`, `\p{Zs}`, `\p{Cf}`, U+2212, U+00AD), `.`, `/`,
 * `_`, `+` and line breaks as a separator; anything else as a letter. On that view a *run* is digits joined by at most
 * three separators at a time (`850517 – 9872`); its digit groups are the pieces between separators.
 *
 * A candidate is a window of whole groups holding 10 digits (`YYMMDDNNNN`) or 12 (`YYYYMMDDNNNN`) whose inner
 * breaks fall only where a personnummer's written forms put them (after YY, MM, DD or the first two serial digits:
 * `85 05 17-9872`, `1985-05-17-9872`): numbers grouped in thousands (`8 505 179 872`) are never candidates, nor is a
 * money-shaped run (`digits.dd`). A candidate is a personnummer when its date part is a real date (day + 60 for a
 * samordningsnummer); organisation numbers never are (their "month" is 20 or more).
 *
 * Three strictnesses, by where the text comes from:
 * - `supplierId` (`leverantor_id`): the value is personal data when all its digits (separators ignored) are a
 *   date-valid number: 10 or 12 digits, 12 after a leading `00`, or two stray digits before the 10-digit form; a
 *   sole trader's VAT number `SE…01`; or a candidate anywhere in it. The check digit does not matter (a mistyped
 *   personnummer is still personal data).
 * - `name` (`leverantor`): any date-valid candidate, check digit or not.
 * - `text` (every other text, file and header names, messages): a date-valid candidate with a valid check digit;
 *   12-digit forms only for birth years up to LATEST_BIRTH_YEAR (a voucher `202601071234` is not a person).
 * The `personnummer` package is the oracle in the tests; `../shared/hooks/pnr-scan.py` is an independent scanner.
 */

export type Strictness = 'supplierId' | 'name' | 'text';

export const PERSONNUMMER_MASK = '[personnummer borttaget]';

/** 12-digit forms in free text count for people born up to this year (no sole trader is younger). */
export const LATEST_BIRTH_YEAR = 2015;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS[month - 1];
}

/** Luhn over a string of digits (weights 2,1,2,1,… from the left for a 10-digit number). */
export function luhnOk(digits: string): boolean {
  let sum = 0;
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    let v = digits.charCodeAt(i) - 0x30;
    if ((n - i) % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

/** Whether a 10-digit core (`YYMMDDNNNN`) has a real date part; `century` (`19`) when the 12-digit form gave one. */
export function dateOk(core: string, century: string | null): boolean {
  const mm = (core.charCodeAt(2) - 0x30) * 10 + (core.charCodeAt(3) - 0x30);
  let dd = (core.charCodeAt(4) - 0x30) * 10 + (core.charCodeAt(5) - 0x30);
  if (mm < 1 || mm > 12) return false;
  if (dd > 60) dd -= 60; // samordningsnummer
  if (dd < 1) return false;
  const yy = (core.charCodeAt(0) - 0x30) * 10 + (core.charCodeAt(1) - 0x30);
  // Without a century, 29 February exists when yy is divisible by 4 (19yy or 20yy, 2000 being a leap year).
  const year = century !== null ? +century * 100 + yy : yy % 4 === 0 ? 2000 : 2001;
  return dd <= daysIn(year, mm);
}

export type PersonnummerKind = 'personnummer' | 'personnummer-checksum' | null;

/** A 10- or 12-digit string judged as one written personnummer. */
function judge(digits: string, strictness: Strictness): PersonnummerKind {
  let core: string;
  let century: string | null = null;
  if (digits.length === 12) {
    century = digits.slice(0, 2);
    if (century !== '18' && century !== '19' && century !== '20') return null;
    if (strictness !== 'supplierId' && +digits.slice(0, 4) > LATEST_BIRTH_YEAR) return null;
    core = digits.slice(2);
  } else if (digits.length === 10) core = digits;
  else return null;
  if (core === '0000000000' || !dateOk(core, century)) return null;
  if (luhnOk(core)) return 'personnummer';
  return strictness === 'text' ? null : 'personnummer-checksum';
}

// ---- the normalised view ----

const SEPARATOR = /^[\p{Pd}\p{Zs}\p{Cf}\u2212\u00ad._/+\t\n\v\f\r\u0085\u2028\u2029]$/u;
const DECIMAL = /^\p{Nd}$/u;
const ndCache = new Map<number, number>();

/** The value of a Unicode decimal digit: its offset from the zero of its block of ten. */
function digitValue(cp: number): number {
  let v = ndCache.get(cp);
  if (v === undefined) {
    let zero = cp;
    while (DECIMAL.test(String.fromCodePoint(zero - 1))) zero--;
    v = (cp - zero) % 10;
    ndCache.set(cp, v);
  }
  return v;
}

/** ASCII class of a character code: a digit stays, a separator becomes ' ', anything else 'x'. */
function asciiClass(c: number): string {
  if (c >= 0x30 && c <= 0x39) return String.fromCharCode(c);
  if (c === 0x20 || c === 0x2d || c === 0x2e || c === 0x2f || c === 0x5f || c === 0x2b || (c >= 0x09 && c <= 0x0d)) return ' ';
  return 'x';
}

function classOf(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  if (cp < 0x80) return asciiClass(cp);
  if (DECIMAL.test(ch)) return String.fromCharCode(0x30 + digitValue(cp));
  if (SEPARATOR.test(ch)) return ' ';
  return 'x';
}

interface View {
  /** Digits, ' ' for separators, 'x' for anything else. */
  text: string;
  /** For each view character, where its source character starts and ends in the original text. */
  from: number[];
  to: number[];
}

/** The normalised view of a text (see the module comment). */
export function normalisedView(text: string): View {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const len = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + len);
    const parts = cp < 0x80 ? ch : ch.normalize('NFKC');
    for (const p of parts) {
      out += classOf(p);
      from.push(i);
      to.push(i + len);
    }
    i += len;
  }
  return { text: out, from, to };
}

/**
 * Fewer than ten characters that are, or could become, digits: nothing to find. ASCII digits count, and so does every
 * character from U+0250 on (other scripts' digits, fullwidth forms) and the Latin-1 superscripts and fractions that
 * NFKC turns into digits; Swedish letters (å ä ö é) do not, so ordinary names stay on this fast path.
 */
const DIGIT_LIKE = /[0-9\u00b2\u00b3\u00b9\u00bc-\u00be\u0250-\uffff]/;

function tooFewDigits(text: string): boolean {
  // Most text holds no digit at all: one native test decides.
  if (!DIGIT_LIKE.test(text)) return true;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || c >= 0x250 || c === 0xb2 || c === 0xb3 || c === 0xb9 || (c >= 0xbc && c <= 0xbe)) {
      if (++digits >= 10) return false;
    }
  }
  return true;
}

const RUN = /\d+(?: {1,3}\d+)*/g;
/**
 * Inner breaks a written personnummer may have, by length (offsets into the digits), and the break every written
 * form with breaks has: between the date and the serial (`85 05 17-98 72`, `1985-05-17-9872`).
 */
const BREAKS: Record<number, { allowed: Set<number>; needed: number }> = {
  10: { allowed: new Set([2, 4, 6, 8]), needed: 6 },
  12: { allowed: new Set([2, 4, 6, 8, 10]), needed: 8 },
};

/** Spans `[from, to)` of the view holding a personnummer, with their kind. */
function candidates(view: string, strictness: Strictness): { from: number; to: number; kind: Exclude<PersonnummerKind, null> }[] {
  const found: { from: number; to: number; kind: Exclude<PersonnummerKind, null> }[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(view); m !== null; m = RUN.exec(view)) {
    const run = m[0];
    if (run.length < 10) continue;
    const groups: { start: number; end: number }[] = [];
    const re = /\d+/g;
    for (let g = re.exec(run); g !== null; g = re.exec(run)) groups.push({ start: m.index + g.index, end: m.index + g.index + g[0].length });
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      const breaks: number[] = [];
      for (let j = i; j < groups.length; j++) {
        if (j > i) breaks.push(digits.length);
        digits += view.slice(groups[j].start, groups[j].end);
        if (digits.length > 12) break;
        if (digits.length !== 10 && digits.length !== 12) continue;
        const { allowed, needed } = BREAKS[digits.length];
        if (breaks.length > 0 && (!breaks.includes(needed) || !breaks.every((b) => allowed.has(b)))) continue;
        const kind = judge(digits, strictness);
        if (kind) {
          found.push({ from: groups[i].start, to: groups[j].end, kind });
          i = j; // continue after this window
          break;
        }
      }
    }
  }
  return found;
}

type Span = { from: number; to: number; kind: Exclude<PersonnummerKind, null> };

/** Every personnummer in a text, as spans of the original text (sorted, not overlapping). */
export function findPersonnummer(text: string, strictness: Strictness = 'text'): Span[] {
  if (text.length < 10 || tooFewDigits(text)) return [];
  let found: Span[];
  if (!/[^\x00-\x7f]/.test(text)) {
    let view = '';
    for (let i = 0; i < text.length; i++) view += asciiClass(text.charCodeAt(i));
    found = candidates(view, strictness);
  } else {
    const v = normalisedView(text);
    found = candidates(v.text, strictness).map((c) => ({ from: v.from[c.from], to: v.to[c.to - 1], kind: c.kind }));
  }
  found = found.filter((c) => !moneyShaped(text, c.from, c.to));
  // A sole trader's VAT number: `SE` + the personnummer's 10 digits + `01` (its digits glued, so no window above).
  for (const m of text.normalize('NFKC').matchAll(VAT_IN_TEXT)) {
    const kind = judge(m[1], strictness === 'text' ? 'text' : 'name');
    if (kind && m.index !== undefined && text.normalize('NFKC') === text) found.push({ from: m.index, to: m.index + m[0].length, kind });
    else if (kind) return [{ from: 0, to: text.length, kind }]; // rare: a VAT number in other digits; mask it all
  }
  return found.sort((a, b) => a.from - b.from).filter((c, i, all) => i === 0 || c.from >= all[i - 1].to);
}

const VAT_IN_TEXT = /SE ?(\d{10}) ?01(?!\d)/gi;

/**
 * `1985051798.72`, `8505179872,00`: a money value (digits, then `.` or `,` and two digits ending it) that covers the
 * whole candidate. Money, not a person; `850517.9872` and `20.01.01.98.07` are not money.
 */
function moneyShaped(text: string, from: number, to: number): boolean {
  const before = from > 0 ? text.charCodeAt(from - 1) : -1;
  if (before >= 0x30 && before <= 0x39) return false;
  const m = /^\d+[.,]\d\d(?![\d])/.exec(text.slice(from, to + 4));
  return m !== null && m[0].length >= to - from && !/^[.,/_ +-]?\d/.test(text.slice(from + m[0].length, from + m[0].length + 2));
}

/** Replaces every personnummer in a text by PERSONNUMMER_MASK. Returns the input itself when there is none. */
export function maskPersonnummer(text: string, strictness: Strictness = 'text'): string {
  const spans = findPersonnummer(text, strictness);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.from) + PERSONNUMMER_MASK;
    at = s.to;
  }
  return out + text.slice(at);
}

/** Whether a text holds a personnummer (at the given strictness). */
export function containsPersonnummer(text: string, strictness: Strictness = 'text'): boolean {
  return findPersonnummer(text, strictness).length > 0;
}

/** The digits of a value in the normalised view, when it holds nothing but digits and separators; else null. */
function onlyDigits(value: string): string | null {
  let digits = '';
  const view = /[^\x00-\x7f]/.test(value) ? normalisedView(value).text : [...value].map((c) => asciiClass(c.charCodeAt(0))).join('');
  for (const c of view) {
    if (c === 'x') return null;
    if (c !== ' ') digits += c;
  }
  return digits;
}

const VAT = /^SE\s*(.+?)\s*01$/i;

/**
 * Whether a `leverantor_id` is a personnummer or samordningsnummer in any written form (see the module comment):
 * `personnummer` with a valid check digit, `personnummer-checksum` without one, or null.
 */
export function supplierIdKind(value: string): PersonnummerKind {
  // Fast path (no allocation) for the usual plain 10-digit organisation number: its "month" is 20 or more.
  if (value.length === 10) {
    const c2 = value.charCodeAt(2);
    if (c2 >= 0x32 && c2 <= 0x39) {
      let plain = true;
      for (let i = 0; i < 10 && plain; i++) {
        const c = value.charCodeAt(i);
        plain = c >= 0x30 && c <= 0x39;
      }
      if (plain) return null;
    }
  }
  if (value.length < 10 || tooFewDigits(value)) return null;
  const digits = onlyDigits(value.trim());
  if (digits !== null) {
    const whole = digits.length === 14 && digits.startsWith('00') ? judge(digits.slice(2), 'supplierId') : judge(digits, 'supplierId');
    if (whole) return whole;
    // Two stray digits glued before the 10-digit form (`12` + `8505179872`), unless it is a 16-prefixed org number.
    if (digits.length === 12 && !digits.startsWith('16')) {
      const tail = judge(digits.slice(2), 'supplierId');
      if (tail) return tail;
    }
  }
  const vat = VAT.exec(value.trim());
  if (vat) {
    const core = onlyDigits(vat[1]);
    if (core !== null && core.length === 10) {
      const k = judge(core, 'supplierId');
      if (k) return k;
    }
  }
  const spans = findPersonnummer(value, 'name');
  if (spans.length) return spans.some((s) => s.kind === 'personnummer') ? 'personnummer' : 'personnummer-checksum';
  // A sole trader's VAT number inside other text: SE + the 10 digits + 01.
  for (const m of value.matchAll(/SE\s?(\d{10})\s?01(?!\d)/gi)) {
    const k = judge(m[1], 'supplierId');
    if (k) return k;
  }
  return null;
}
