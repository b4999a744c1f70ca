/**
 * A column chart of amounts per month as inline SVG. Columns are placed in percent of the width; month names
 * sit under the columns (every k-th month when there are many, so they never crowd on a phone) and the year
 * under each January and the first month. Each column carries its month and amount in a `<title>`.
 */
import { month } from '../filters/date.ts';
import { money, toOre } from '../filters/money.ts';
import { chartSummary } from './summary.ts';
import { coord, escapeXml } from './svg.ts';
import type { ChartOptions } from './types.ts';

const TOP = 28;
const PLOT = 200;
const HEIGHT = TOP + PLOT + 44;

export function monthChart(months: { month: string; total: string }[], options: ChartOptions): string {
  const bars = months.map((m) => ({ label: month(m.month, options.lang), value: m.total }));
  const values = months.map((m) => Number(toOre(m.total)));
  const positive = Math.max(0, ...values);
  const negative = Math.max(0, ...values.map((v) => -v));
  const span = positive + negative || 1;
  const zeroY = TOP + (PLOT * positive) / span;
  const slot = 100 / Math.max(1, months.length);
  const every = Math.max(1, Math.ceil(months.length / 12));
  const titleId = `${options.id}-title`;

  const columns = months.map((m, i) => {
    const h = values[i] === 0 ? 0 : Math.max(1, (PLOT * Math.abs(values[i])) / span);
    const y = values[i] < 0 ? zeroY : zeroY - h;
    const x = i * slot + slot * 0.15;
    const parts = [
      `<rect class="chart__bar${values[i] < 0 ? ' chart__bar--negative' : ''}" x="${coord(x)}%" y="${coord(y)}" width="${coord(slot * 0.7)}%" height="${coord(h)}"><title>${escapeXml(`${bars[i].label}: ${money(m.total, options.lang)}`)}</title></rect>`,
    ];
    // Labels sit centred under their column; the first and last align with their column's outer edge, so
    // they never run off the chart.
    const anchor = i === 0 ? 'start' : i === months.length - 1 ? 'end' : 'middle';
    const at = coord(anchor === 'start' ? x : anchor === 'end' ? x + slot * 0.7 : i * slot + slot / 2);
    if (i % every === 0) {
      parts.push(`<text class="chart__axis" x="${at}%" y="${TOP + PLOT + 18}" text-anchor="${anchor}">${escapeXml(month(m.month, options.lang, true))}</text>`);
    }
    if (i === 0 || m.month.endsWith('-01')) {
      parts.push(`<text class="chart__axis chart__axis--year" x="${at}%" y="${TOP + PLOT + 36}" text-anchor="${anchor}">${escapeXml(m.month.slice(0, 4))}</text>`);
    }
    return parts.join('');
  });

  const maxValue = months.reduce((max, m) => (toOre(m.total) > toOre(max) ? m.total : max), months[0]?.total ?? '0.00');
  return [
    `<svg class="chart chart--months" id="${escapeXml(options.id)}" role="img" aria-labelledby="${escapeXml(titleId)}" width="100%" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${escapeXml(titleId)}">${escapeXml(chartSummary(bars, options))}</title>`,
    `<line class="chart__grid" x1="0" x2="100%" y1="${TOP}" y2="${TOP}"></line>`,
    `<text class="chart__axis" x="0" y="${TOP - 8}">${escapeXml(money(toOre(maxValue) > 0n ? maxValue : '0.00', options.lang))}</text>`,
    ...columns,
    `<line class="chart__zero" x1="0" x2="100%" y1="${coord(zeroY)}" y2="${coord(zeroY)}"></line>`,
    `</svg>`,
  ].join('\n');
}
