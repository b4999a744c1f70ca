/**
 * A column chart of amounts per month as inline SVG. Columns are placed in percent of the width; month names
 * sit under the columns (every k-th month when there are many, so they never crowd on a phone) and the year
 * under each January and the first month. Each column carries its month and amount in a `<title>`.
 */
import { month } from '../filters/date.ts';
import { money, oreNumber, toOre } from '../filters/money.ts';
import type { Language } from '../../model.ts';
import { chartSummary } from './summary.ts';
import { coord, escapeXml } from './svg.ts';
import type { ChartOptions } from './types.ts';

const TOP = 28;
const PLOT = 200;
const HEIGHT = TOP + PLOT + 44;

/** A month's words on the chart (`mars 2025`; the axis's `mar` and `2025`, escaped), made once per month and language. */
interface MonthWords {
  label: string;
  short: string;
  year: string;
}
const monthWords = new Map<string, MonthWords>();

function wordsOf(iso: string, lang: Language): MonthWords {
  const key = `${lang} ${iso}`;
  let words = monthWords.get(key);
  if (!words) {
    words = { label: month(iso, lang), short: escapeXml(month(iso, lang, true)), year: escapeXml(iso.slice(0, 4)) };
    // Bounded: a site has some hundred months (a stray value in the data must not make it grow without end).
    if (monthWords.size > 10_000) monthWords.clear();
    monthWords.set(key, words);
  }
  return words;
}

/** Where the columns and labels of a chart of `n` months go (percent of the width): the same for every chart of n months. */
interface Layout {
  width: string;
  x: string[];
  at: string[];
  anchor: string[];
}
const layouts = new Map<number, Layout>();

function layoutOf(n: number): Layout {
  let layout = layouts.get(n);
  if (!layout) {
    const slot = 100 / Math.max(1, n);
    layout = { width: coord(slot * 0.7), x: [], at: [], anchor: [] };
    for (let i = 0; i < n; i++) {
      const x = i * slot + slot * 0.15;
      // Labels sit centred under their column; the first and last align with their column's outer edge, so
      // they never run off the chart.
      const anchor = i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
      layout.x.push(coord(x));
      layout.at.push(coord(anchor === 'start' ? x : anchor === 'end' ? x + slot * 0.7 : i * slot + slot / 2));
      layout.anchor.push(anchor);
    }
    if (layouts.size > 1000) layouts.clear();
    layouts.set(n, layout);
  }
  return layout;
}

export function monthChart(months: { month: string; total: string }[], options: ChartOptions): string {
  const words = months.map((m) => wordsOf(m.month, options.lang));
  const bars = months.map((m, i) => ({ label: words[i].label, value: m.total }));
  const values = months.map((m) => oreNumber(m.total));
  const positive = Math.max(0, ...values);
  const negative = Math.max(0, ...values.map((v) => -v));
  const span = positive + negative || 1;
  const zeroY = TOP + (PLOT * positive) / span;
  const every = Math.max(1, Math.ceil(months.length / 12));
  const titleId = `${options.id}-title`;
  const layout = layoutOf(months.length);
  const axisY = TOP + PLOT + 18;
  const yearY = TOP + PLOT + 36;

  let columns = '';
  for (let i = 0; i < months.length; i++) {
    const m = months[i];
    const h = values[i] === 0 ? 0 : Math.max(1, (PLOT * Math.abs(values[i])) / span);
    const y = values[i] < 0 ? zeroY : zeroY - h;
    columns += `\n<rect class="chart__bar${values[i] < 0 ? ' chart__bar--negative' : ''}" x="${layout.x[i]}%" y="${coord(y)}" width="${layout.width}%" height="${coord(h)}"><title>${escapeXml(`${bars[i].label}: ${money(m.total, options.lang)}`)}</title></rect>`;
    if (i % every === 0) {
      columns += `<text class="chart__axis" x="${layout.at[i]}%" y="${axisY}" text-anchor="${layout.anchor[i]}">${words[i].short}</text>`;
    }
    if (i === 0 || m.month.endsWith('-01')) {
      columns += `<text class="chart__axis chart__axis--year" x="${layout.at[i]}%" y="${yearY}" text-anchor="${layout.anchor[i]}">${words[i].year}</text>`;
    }
  }

  // The largest month's amount tops the axis (the first of equals; none above zero: 0 kr).
  let max = 0;
  if (values.every(Number.isSafeInteger)) {
    for (let i = 1; i < values.length; i++) if (values[i] > values[max]) max = i;
  } else {
    for (let i = 1; i < months.length; i++) if (toOre(months[i].total) > toOre(months[max].total)) max = i;
  }
  const maxValue = months[max]?.total ?? '0.00';
  const id = escapeXml(options.id);
  return (
    `<svg class="chart chart--months" id="${id}" role="img" aria-labelledby="${escapeXml(titleId)}" width="100%" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">\n` +
    `<title id="${escapeXml(titleId)}">${escapeXml(chartSummary(bars, options, values))}</title>\n` +
    `<line class="chart__grid" x1="0" x2="100%" y1="${TOP}" y2="${TOP}"></line>\n` +
    `<text class="chart__axis" x="0" y="${TOP - 8}">${escapeXml(money(values[max] > 0 ? maxValue : '0.00', options.lang))}</text>` +
    columns +
    `\n<line class="chart__zero" x1="0" x2="100%" y1="${coord(zeroY)}" y2="${coord(zeroY)}"></line>\n` +
    `</svg>`
  );
}
