/**
 * Money the Swedish way, without float arithmetic: `"-1234567.50"` → `−1 234 568 kr` (sv) or `SEK −1,234,568`
 * (en), with no-break spaces and a real minus sign. Whole kronor unless `decimals` is asked for; rounding is half
 * away from zero, done on integer öre.
 */
import type { Language, MoneyText } from '../../model.ts';

const NBSP = '\u00a0';
const MINUS = '\u2212';

/** `"-1234.5"` → `-123450n` öre. Throws on anything that is not a plain decimal number. */
export function toOre(value: MoneyText): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(value).trim());
  if (!match) throw new Error(`Not a money amount: ${JSON.stringify(value)}`);
  const ore = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -ore : ore;
}

/** `-123450n` → `"-1234.50"`. */
export function fromOre(ore: bigint): MoneyText {
  const abs = ore < 0n ? -ore : ore;
  return `${ore < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Groups the digits of a non-negative integer string: `1234567` → `1 234 567` (sv) / `1,234,567` (en). */
export function groupDigits(digits: string, lang: Language): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sv' ? NBSP : ',');
}

export function money(value: MoneyText, lang: Language = 'sv', decimals = false): string {
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
