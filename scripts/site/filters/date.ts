/**
 * Dates from the data's own text (`2025-03-31`), never through `Date` or the clock: `31 mars 2025` (sv),
 * `31 March 2025` (en).
 */
import type { Language } from '../../model.ts';

export const MONTHS: Record<Language, string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

function parts(value: string | Date): { year: string; month: number; day?: number } {
  const iso = value instanceof Date ? value.toISOString() : String(value);
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new Error(`Not a date: ${JSON.stringify(iso)}`);
  return { year: match[1], month: Number(match[2]), day: match[3] === undefined ? undefined : Number(match[3]) };
}

/** `2025-03-31` (or a front-matter date, read in UTC) → `31 mars 2025`. */
export function date(iso: string | Date, lang: Language = 'sv'): string {
  const { year, month, day } = parts(iso);
  const name = MONTHS[lang][month - 1];
  return day === undefined ? `${name} ${year}` : `${day}\u00a0${name} ${year}`;
}

/** `2025-03` → `mars 2025`; with `short`, `mar` (the chart's axis label). */
export function month(iso: string | Date, lang: Language = 'sv', short = false): string {
  const { year, month: m } = parts(iso);
  const name = MONTHS[lang][m - 1];
  return short ? name.slice(0, 3) : `${name} ${year}`;
}

/** `2025-03-31` for a front-matter date (UTC, as Eleventy reads it), for `<time datetime>`. */
export function isoDate(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
