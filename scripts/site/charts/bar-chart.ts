/**
 * A horizontal bar chart as inline SVG: one row per bar, the label above the bar and the amount after it.
 * Widths are percentages, so the chart fills any column from phone to desktop while its text keeps its size;
 * negative amounts grow left from a zero line.
 */
import { money, oreNumber } from '../filters/money.ts';
import { chartSummary } from './summary.ts';
import { coord, escapeXml, shorten } from './svg.ts';
import type { ChartBar, ChartOptions } from './types.ts';

const ROW = 50;
/** The widest bar, in percent of the chart's width; the rest keeps room for the amount. */
const BAR_MAX = 66;
const LABEL_CHARS = 44;

export function barChart(bars: ChartBar[], options: ChartOptions): string {
  const values = bars.map((bar) => oreNumber(bar.value));
  const positive = Math.max(0, ...values);
  const negative = Math.max(0, ...values.map((v) => -v));
  const span = positive + negative || 1;
  const zero = (BAR_MAX * negative) / span;
  const height = bars.length * ROW + 4;
  const titleId = `${options.id}-title`;

  const rows = bars.map((bar, i) => {
    const y = i * ROW;
    const value = values[i];
    const width = value === 0 ? 0 : Math.max(0.4, (BAR_MAX * Math.abs(value)) / span);
    const x = value < 0 ? zero - width : zero;
    const end = value < 0 ? zero : zero + width;
    return [
      `<g class="chart__row">`,
      `<text class="chart__label" x="0" y="${y + 17}">${escapeXml(shorten(bar.label, LABEL_CHARS))}</text>`,
      `<rect class="chart__bar${value < 0 ? ' chart__bar--negative' : ''}" x="${coord(x)}%" y="${y + 25}" width="${coord(width)}%" height="16"></rect>`,
      `<text class="chart__value" x="${coord(end)}%" dx="8" y="${y + 38}">${escapeXml(money(bar.value, options.lang))}</text>`,
      `</g>`,
    ].join('');
  });
  const zeroLine =
    negative > 0 ? `<line class="chart__zero" x1="${coord(zero)}%" x2="${coord(zero)}%" y1="22" y2="${height}"></line>` : '';

  return [
    `<svg class="chart chart--bars" id="${escapeXml(options.id)}" role="img" aria-labelledby="${escapeXml(titleId)}" width="100%" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${escapeXml(titleId)}">${escapeXml(chartSummary(bars, options, values))}</title>`,
    ...rows,
    zeroLine,
    `</svg>`,
  ].join('\n');
}
