/**
 * `{{ "0.4521" | fraction(lang) }}`: a share given as a decimal fraction (the index's `top10Share`) as a percentage
 * with one decimal: `45,2 %` (sv), `45.2%` (en). Rounded half up on the text's digits, no float arithmetic.
 */
import type { Language } from '../../model.ts';

const NBSP = '\u00a0';

export function fraction(value: string, lang: Language = 'sv'): string {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(String(value).trim());
  if (!match) return '';
  const digits = `${match[2] ?? ''}0000`;
  // Per mille, rounded half up from the fourth decimal on.
  const permille = BigInt(match[1]) * 1000n + BigInt(digits.slice(0, 3)) + (Number(digits[3]) >= 5 ? 1n : 0n);
  const text = `${permille / 10n}${lang === 'sv' ? ',' : '.'}${permille % 10n}`;
  return lang === 'sv' ? `${text}${NBSP}%` : `${text}%`;
}
