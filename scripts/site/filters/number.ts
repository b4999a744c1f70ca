/** A count the Swedish way: `12345` → `12 345` (no-break space) in Swedish, `12,345` in English. */
import type { Language } from '../../model.ts';
import { groupDigits } from './money.ts';

const MINUS = '\u2212';

export function number(value: number, lang: Language = 'sv'): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return `${value < 0 ? MINUS : ''}${groupDigits(String(Math.abs(value)), lang)}`;
}
