/** What a chart is asked to draw: its bars, and the words of its readable summary (from the site's texts). */
import type { Language, MoneyText } from '../../model.ts';

export interface ChartBar {
  label: string;
  value: MoneyText;
}

export interface ChartWords {
  /** `Högst`: introduces the largest value in the summary. */
  highest: string;
  /** `Lägst`: introduces the smallest value. */
  lowest: string;
  /** `Alla värden finns i tabellen.`: ends the summary. */
  seeTable: string;
}

export interface ChartOptions {
  /** Unique on the page; the SVG's `<title>` gets `<id>-title`. */
  id: string;
  /** What the chart shows, e.g. `Utbetalt per månad`. */
  title: string;
  lang: Language;
  words: ChartWords;
}
