/** The readable summary that an SVG chart carries in its `<title>`: what it shows, its highest and lowest value. */
import { money, toOre } from '../filters/money.ts';
import type { ChartBar, ChartOptions } from './types.ts';

export function chartSummary(bars: ChartBar[], options: ChartOptions): string {
  const sentences = [options.title.replace(/[.\s]+$/, '')];
  if (bars.length > 0) {
    let high = bars[0];
    let low = bars[0];
    for (const bar of bars) {
      if (toOre(bar.value) > toOre(high.value)) high = bar;
      if (toOre(bar.value) < toOre(low.value)) low = bar;
    }
    sentences.push(`${options.words.highest}: ${high.label}, ${money(high.value, options.lang)}`);
    if (bars.length > 1) sentences.push(`${options.words.lowest}: ${low.label}, ${money(low.value, options.lang)}`);
  }
  sentences.push(options.words.seeTable.replace(/[.\s]+$/, ''));
  // A title that is a question keeps its question mark: "… leverantörerna? Högst: …", never "?.".
  return sentences.map((s) => (/[?!]$/.test(s) ? s : `${s}.`)).join(' ');
}
