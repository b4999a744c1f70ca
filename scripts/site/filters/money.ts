/**
 * Money the Swedish way, without float arithmetic: `"-1234567.50"` → `−1 234 568 kr` (sv) or `SEK −1,234,568`
 * (en), with no-break spaces and a real minus sign. Whole kronor unless `decimals` is asked for; rounding is half
 * away from zero, done on integer öre.
 */
import type { Language, MoneyText } from '../../model.ts';

const NBSP = '\u00a0';
const MINUS = '\u2212';

const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** The parts of a plain decimal amount: sign, whole kronor (no leading zeros), two digits of öre. Throws on anything else. */
function amountParts(value: MoneyText): { negative: boolean; kronor: string; ore: string } {
  const match = AMOUNT.exec(String(value).trim());
  if (!match) throw new Error(`Not a money amount: ${JSON.stringify(value)}`);
  let kronor = match[2];
  if (kronor.length > 1 && kronor.charCodeAt(0) === 48 /* 0 */) kronor = kronor.replace(/^0+(?=\d)/, '');
  const ore = match[3] === undefined ? '00' : match[3].length === 1 ? `${match[3]}0` : match[3];
  return { negative: match[1] === '-' && !(kronor === '0' && ore === '00'), kronor, ore };
}

/** `"-1234.5"` → `-123450n` öre. Throws on anything that is not a plain decimal number. */
export function toOre(value: MoneyText): bigint {
  const { negative, kronor, ore } = amountParts(value);
  const abs = BigInt(kronor) * 100n + BigInt(ore);
  return negative ? -abs : abs;
}

/** Below this many kronor (15 digits), öre are exact as a `number`. */
const EXACT_KRONOR_DIGITS = 13;

/**
 * `"-1234.5"` → `-123450` öre as a number: `Number(toOre(value))`, without a bigint where the amount has at most
 * 13 digits of kronor (exact in a double). For charts, which place bars by it.
 */
export function oreNumber(value: MoneyText): number {
  const { negative, kronor, ore } = amountParts(value);
  if (kronor.length > EXACT_KRONOR_DIGITS) return Number(toOre(value));
  const abs = Number(kronor) * 100 + Number(ore);
  return negative ? -abs : abs;
}

/** `-123450n` → `"-1234.50"`. */
export function fromOre(ore: bigint): MoneyText {
  const abs = ore < 0n ? -ore : ore;
  return `${ore < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Groups the digits of a non-negative integer string: `1234567` → `1 234 567` (sv) / `1,234,567` (en). */
export function groupDigits(digits: string, lang: Language): string {
  if (digits.length <= 3) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sv' ? NBSP : ',');
}

/** A string of digits plus one: `"1299"` → `"1300"`. */
function plusOne(digits: string): string {
  return digits.length <= 15 ? String(Number(digits) + 1) : String(BigInt(digits) + 1n);
}

/**
 * The amount's digits as text, without a bigint: whole kronor (rounded half away from zero) or kronor and öre.
 * The same as dividing integer öre by 100 (test/site-filters.test.ts holds it to that).
 */
export function money(value: MoneyText, lang: Language = 'sv', decimals = false): string {
  const { negative: below, kronor, ore } = amountParts(value);
  let number: string;
  let negative: boolean;
  if (decimals) {
    number = `${groupDigits(kronor, lang)}${lang === 'sv' ? ',' : '.'}${ore}`;
    negative = below;
  } else {
    // Half away from zero: 50 öre or more rounds the kronor up (in absolute value).
    const up = ore.charCodeAt(0) >= 53; /* '5' */
    number = groupDigits(up ? plusOne(kronor) : kronor, lang);
    // −0,40 kr is 0 kr, not −0 kr.
    negative = below && (up || kronor !== '0');
  }
  if (lang === 'sv') return `${negative ? MINUS : ''}${number}${NBSP}kr`;
  return `SEK${NBSP}${negative ? MINUS : ''}${number}`;
}

/** money, the integer way (öre as a bigint): what the tests hold `money` to. */
export function moneyByOre(value: MoneyText, lang: Language = 'sv', decimals = false): string {
  const ore = toOre(value);
  const abs = ore < 0n ? -ore : ore;
  let number: string;
  if (decimals) {
    number = `${groupDigits(String(abs / 100n), lang)}${lang === 'sv' ? ',' : '.'}${String(abs % 100n).padStart(2, '0')}`;
  } else {
    number = groupDigits(String((abs + 50n) / 100n), lang);
  }
  const negative = ore < 0n && (decimals || abs >= 50n);
  if (lang === 'sv') return `${negative ? MINUS : ''}${number}${NBSP}kr`;
  return `SEK${NBSP}${negative ? MINUS : ''}${number}`;
}
