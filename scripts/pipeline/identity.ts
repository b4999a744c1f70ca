/**
 * Swedish identity numbers: organisation numbers and personnummer / samordningsnummer.
 *
 * Rules (spec notes, "Organisation numbers and personnummer"): 10 digits (`YYMMDD-NNNC`, `YYMMDDNNNC`, `+` for
 * people aged 100 or more, 12-digit `YYYYMMDDNNNC`); Luhn check digit over the 10-digit form; organisation
 * numbers have a third digit of 2 or more, personnummer a valid month and day (day + 60 for a samordningsnummer).
 * The hot path is `personnummerKind` on `leverantor_id`; the `personnummer` package is the oracle in the tests.
 */
import { daysInMonth } from './parse.ts';

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

/**
 * The 10-digit core of a value written as an identity number, or null. Accepts `NNNNNNNNNN`, `NNNNNN-NNNN`,
 * `NNNNNN+NNNN`, `NNNNNNNNNNNN`, `NNNNNNNN-NNNN` (and a space instead of the dash), with surrounding spaces.
 */
export function identityCore(value: string): { core: string; century: string | null } | null {
  const n0 = value.length;
  if (n0 === 10 && allDigits(value)) return { core: value, century: null };
  if (n0 < 10) return null;
  const s = value.trim();
  const n = s.length;
  if (n < 10 || n > 13) return null;
  const m = /^(\d{2})?(\d{6})[-+ ]?(\d{4})$/.exec(s);
  if (!m) return null;
  return { core: m[2] + m[3], century: m[1] ?? null };
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether a text holds a run of six digits (the cheap test before looking for a personnummer). */
export function hasSixDigitRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (++run === 6) return true;
    } else run = 0;
  }
  return false;
}

function dateOk(core: string, century: string | null): boolean {
  const mm = +core.slice(2, 4);
  let dd = +core.slice(4, 6);
  if (mm < 1 || mm > 12) return false;
  if (dd > 60) dd -= 60; // samordningsnummer
  if (dd < 1) return false;
  // Without a century, 29 February exists when yy is divisible by 4 (19yy or 20yy, 2000 being a leap year).
  const year = century !== null ? +(century + core.slice(0, 2)) : +core.slice(0, 2) % 4 === 0 ? 2000 : 2001;
  return dd <= daysInMonth(year, mm);
}

export type PersonnummerKind = 'personnummer' | 'personnummer-checksum' | null;

/**
 * Whether a value is a personnummer or samordningsnummer in any written form: a valid date part and the Luhn
 * check digit (`personnummer`), or a valid date part whose check digit fails (`personnummer-checksum`: a
 * mistyped personnummer is still personal data, so it is treated the same way). `0000000000` is a placeholder.
 * Organisation numbers (third digit 2 or more, or 12-digit `16…`) are never personnummer.
 */
export function personnummerKind(value: string): PersonnummerKind {
  // Fast path (no allocation) for the usual plain 10-digit organisation number: its "month" is 20 or more.
  if (value.length === 10) {
    const month = (value.charCodeAt(2) - 0x30) * 10 + (value.charCodeAt(3) - 0x30);
    if ((month < 1 || month > 12) && allDigits(value)) return null;
  }
  const id = identityCore(value) ?? vatCore(value);
  if (!id) return null;
  const { core, century } = id;
  if (century === '16') return null;
  if (century !== null && century !== '18' && century !== '19' && century !== '20') return null;
  if (core === '0000000000') return null;
  if (!dateOk(core, century)) return null;
  return luhnOk(core) ? 'personnummer' : 'personnummer-checksum';
}

export type OrgNumberCheck = 'ok' | 'checksum' | 'not-orgnr';

/** Checks a supplier or buyer id as an organisation number. */
export function checkOrgNumber(value: string): OrgNumberCheck {
  if (value.length === 10 && allDigits(value)) return value.charCodeAt(2) < 0x32 ? 'not-orgnr' : luhnOk(value) ? 'ok' : 'checksum';
  const id = identityCore(value);
  if (!id) return 'not-orgnr';
  if (id.century !== null && id.century !== '16') return 'not-orgnr';
  if (id.core.charCodeAt(2) < 0x32) return 'not-orgnr';
  return luhnOk(id.core) ? 'ok' : 'checksum';
}

/** `212000-1355` / `2120001355` / `162120001355` → `2120001355`, or null. */
export function orgNumberDigits(value: string): string | null {
  const id = identityCore(value);
  return id && (id.century === null || id.century === '16') ? id.core : null;
}

/** A Swedish VAT number `SE` + 10 digits + `01`: a sole trader's holds the owner's personnummer. */
const VAT = /^\s*SE\s?(\d{6})-?(\d{4})\s?01\s*$/i;

function vatCore(value: string): { core: string; century: null } | null {
  if (value.length < 14) return null;
  const m = VAT.exec(value);
  return m ? { core: m[1] + m[2], century: null } : null;
}

const VAT_IN_TEXT = /SE\s?(\d{10})\s?01(?![0-9])/gi;

/** Candidates in free text: 10 or 12 digits, optionally with `-`, `+` or a space before the last four. */
const CANDIDATE = /(?<![0-9])(?:\d{2})?\d{6}[-+ ]?\d{4}(?![0-9])/g;

export const PERSONNUMMER_MASK = '[personnummer borttaget]';

/**
 * Replaces every personnummer (or samordningsnummer) written anywhere in a text by a fixed mask.
 * Returns the input itself when there is none (the common case costs one regex test).
 */
export function maskPersonnummer(text: string): string {
  if (text.length < 10 || !hasSixDigitRun(text)) return text;
  return text
    .replace(VAT_IN_TEXT, (m, core: string) => (personnummerKind(core) === 'personnummer' ? PERSONNUMMER_MASK : m))
    .replace(CANDIDATE, (m) => (personnummerKind(m) === 'personnummer' ? PERSONNUMMER_MASK : m));
}

/** Whether a text contains a personnummer anywhere. */
export function containsPersonnummer(text: string): boolean {
  return maskPersonnummer(text) !== text;
}
