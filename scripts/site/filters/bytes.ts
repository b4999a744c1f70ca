/**
 * A file size in decimal units: `1234567` → `1,2 MB` (sv) / `1.2 MB` (en). One decimal below 100 units, none
 * above; integer arithmetic, rounding half up.
 */
import type { Language } from '../../model.ts';

const NBSP = '\u00a0';
const UNITS = ['kB', 'MB', 'GB', 'TB'];

export function bytes(value: number, lang: Language = 'sv'): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a byte count: ${value}`);
  if (value < 1000) return `${value}${NBSP}${lang === 'sv' ? 'byte' : value === 1 ? 'byte' : 'bytes'}`;
  const comma = lang === 'sv' ? ',' : '.';
  let divisor = 1000;
  for (let unit = 0; ; unit++, divisor *= 1000) {
    const tenths = Math.round((value * 10) / divisor);
    if (tenths < 1000) return `${Math.floor(tenths / 10)}${comma}${tenths % 10}${NBSP}${UNITS[unit]}`;
    const whole = Math.round(value / divisor);
    // 999 949 bytes round to 1000 kB: say 1,0 MB instead.
    if (whole < 1000 || unit === UNITS.length - 1) return `${whole}${NBSP}${UNITS[unit]}`;
  }
}
