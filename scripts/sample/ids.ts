/**
 * Invented identity numbers for sample data: organisation numbers and personnummer, all with a valid Luhn check
 * digit. Personnummer are only ever made in Skatteverket's test range (birth number 980–999), so that no sample
 * file can carry a real person's number.
 */
import type { Random } from './random.ts';

/** Luhn check digit for the first nine digits of a 10-digit number (weights 2,1,2,1,… from the left). */
export function luhnCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) throw new Error(`luhnCheckDigit needs nine digits, got ${nineDigits}`);
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let p = (nineDigits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (p > 9) p -= 9;
    sum += p;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a 10-digit number's last digit is its Luhn check digit. */
export function luhnValid(tenDigits: string): boolean {
  return /^\d{10}$/.test(tenDigits) && luhnCheckDigit(tenDigits.slice(0, 9)) === tenDigits.charCodeAt(9) - 48;
}

/** Appends the Luhn check digit to nine digits. */
export function withCheckDigit(nineDigits: string): string {
  return nineDigits + luhnCheckDigit(nineDigits);
}

/** Digits of a number with `len` places, zero-padded. */
function digits(rng: Random, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(48 + rng.int(0, 9));
  return s;
}

/**
 * An organisation number (10 digits, no dash) starting with `prefix` (2–9 digits; its third digit, when given,
 * must be 2 or more, as for every legal entity), the rest random, with a valid check digit.
 */
export function randomOrgNumber(rng: Random, prefix: string): string {
  if (!/^[1-9]\d{1,8}$/.test(prefix)) throw new Error(`bad org number prefix ${prefix}`);
  let nine = prefix + digits(rng, 9 - prefix.length);
  if (nine.charCodeAt(2) < 50) nine = nine.slice(0, 2) + String(rng.int(2, 9)) + nine.slice(3);
  return withCheckDigit(nine);
}

/** `5560360793` → `556036-0793`. */
export function dashed(tenDigits: string): string {
  return `${tenDigits.slice(0, 6)}-${tenDigits.slice(6)}`;
}

/** How a personnummer is written in a supplier register. */
export type PersonnummerForm = 'YYMMDDNNNN' | 'YYMMDD-NNNN' | 'YYYYMMDDNNNN' | 'YYYYMMDD-NNNN' | 'YYMMDD+NNNN';

export const PERSONNUMMER_FORMS: readonly PersonnummerForm[] = [
  'YYMMDDNNNN',
  'YYMMDD-NNNN',
  'YYYYMMDDNNNN',
  'YYYYMMDD-NNNN',
  'YYMMDD+NNNN',
];

/** Lowest and highest birth number (digits 7–9) of Skatteverket's test personnummer. */
export const TEST_SERIAL_MIN = 980;
export const TEST_SERIAL_MAX = 999;

export interface TestPersonnummer {
  /** Birth date, `YYYY-MM-DD`. */
  birthDate: string;
  /** 10 digits `YYMMDDNNNC`, the form the check digit is computed over. */
  tenDigits: string;
  /** As written in the register (one of the forms). */
  written: string;
  form: PersonnummerForm;
}

/**
 * A personnummer in Skatteverket's test range (birth number 980–999) for someone born on `birthDate`
 * (`YYYY-MM-DD`), written in `form`. The `+` form is for people aged 100 or more.
 */
export function testPersonnummer(rng: Random, birthDate: string, form: PersonnummerForm): TestPersonnummer {
  const m = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) throw new Error(`bad birth date ${birthDate}`);
  const serial = String(rng.int(TEST_SERIAL_MIN, TEST_SERIAL_MAX));
  const tenDigits = withCheckDigit(`${m[2]}${m[3]}${m[4]}${serial}`);
  const yymmdd = tenDigits.slice(0, 6);
  const tail = tenDigits.slice(6);
  const century = m[1];
  const written =
    form === 'YYMMDDNNNN'
      ? tenDigits
      : form === 'YYMMDD-NNNN'
        ? `${yymmdd}-${tail}`
        : form === 'YYYYMMDDNNNN'
          ? century + tenDigits
          : form === 'YYYYMMDD-NNNN'
            ? `${century}${yymmdd}-${tail}`
            : `${yymmdd}+${tail}`;
  return { birthDate, tenDigits, written, form };
}

/** The 10-digit `YYMMDDNNNC` form of a written personnummer, or null when it is not written as one. */
export function personnummerDigits(written: string): string | null {
  const m = /^(?:(?:19|20)?(\d{6})[-+]?(\d{4}))$/.exec(written.trim());
  return m ? m[1] + m[2] : null;
}

/**
 * Whether `written` is a personnummer from Skatteverket's test range: valid month and day (no samordningsnummer),
 * birth number 980–999, valid check digit.
 */
export function isTestPersonnummer(written: string): boolean {
  const ten = personnummerDigits(written);
  if (!ten || !luhnValid(ten)) return false;
  const month = Number(ten.slice(2, 4));
  const day = Number(ten.slice(4, 6));
  const serial = Number(ten.slice(6, 9));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && serial >= TEST_SERIAL_MIN && serial <= TEST_SERIAL_MAX;
}
