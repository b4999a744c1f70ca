/**
 * The share of a part in a whole, both money: `share("432.00", "1000.00")` → `43,2 %` (sv) / `43.2%` (en).
 * Computed on integer öre (per mille, half away from zero). An empty string when the whole is not positive.
 */
import type { Language, MoneyText } from '../../model.ts';
import { toOre } from './money.ts';

const NBSP = '\u00a0';
const MINUS = '\u2212';

export function share(part: MoneyText, whole: MoneyText, lang: Language = 'sv'): string {
  const p = toOre(part);
  const w = toOre(whole);
  if (w <= 0n) return '';
  const scaled = p * 2000n;
  const permille = (scaled >= 0n ? scaled + w : scaled - w) / (2n * w);
  const abs = permille < 0n ? -permille : permille;
  const text = `${permille < 0n ? MINUS : ''}${abs / 10n}${lang === 'sv' ? ',' : '.'}${abs % 10n}`;
  return lang === 'sv' ? `${text}${NBSP}%` : `${text}%`;
}
