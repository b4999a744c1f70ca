/** The readable summary that an SVG chart carries in its `<title>`: what it shows, its highest and lowest value. */
import { money, oreNumber, toOre } from '../filters/money.ts';
import type { ChartBar, ChartOptions } from './types.ts';

/**
 * `values`: the bars' amounts in öre as numbers (`oreNumber`), when the chart has them already. Compared as
 * numbers where every one is exact (a safe integer), as bigints otherwise.
 */
export function chartSummary(bars: ChartBar[], options: ChartOptions, values: number[] = bars.map((bar) => oreNumber(bar.value))): string {
  const sentences = [options.title.replace(/[.\s]+$/, '')];
  if (bars.length > 0) {
    let high = 0;
    let low = 0;
    if (values.every(Number.isSafeInteger)) {
      for (let i = 1; i < bars.length; i++) {
        if (values[i] > values[high]) high = i;
        if (values[i] < values[low]) low = i;
      }
    } else {
      const exact = bars.map((bar) => toOre(bar.value));
      for (let i = 1; i < bars.length; i++) {
        if (exact[i] > exact[high]) high = i;
        if (exact[i] < exact[low]) low = i;
      }
    }
    sentences.push(`${options.words.highest}: ${bars[high].label}, ${money(bars[high].value, options.lang)}`);
    if (bars.length > 1) sentences.push(`${options.words.lowest}: ${bars[low].label}, ${money(bars[low].value, options.lang)}`);
  }
  sentences.push(options.words.seeTable.replace(/[.\s]+$/, ''));
  // A title that is a question keeps its question mark: "… leverantörerna? Högst: …", never "?.".
  return sentences.map((s) => (/[?!]$/.test(s) ? s : `${s}.`)).join(' ');
}
