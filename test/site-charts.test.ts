/** The SVG charts: readable summary, escaping, geometry, and the numbers of the table they stand beside. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { barChart as drawBarChart } from '../scripts/site/charts/bar-chart.ts';
import { monthChart } from '../scripts/site/charts/month-chart.ts';
import { escapeXml, shorten } from '../scripts/site/charts/svg.ts';
import { barChart } from '../scripts/site/filters/bar-chart.ts';
import { money } from '../scripts/site/filters/money.ts';
import { month } from '../scripts/site/filters/date.ts';
import { ranked } from '../scripts/site/filters/ranked.ts';
import { fixtureModel, HOSTILE_FORMULA, HOSTILE_SCRIPT } from './fixtures/site/model.ts';

const words = { highest: 'Högst', lowest: 'Lägst', seeTable: 'Alla värden finns i tabellen.', unnamed: '(namn saknas)' };
const summary = fixtureModel().datasets[0].summary;

/** The text content of every `<text>` and `<title>` element, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<(text|title)\b[^>]*>([^<]*)<\/\1>/g)].map((m) =>
    m[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}

test('bar chart: every amount of its table is in the SVG, in the same order', () => {
  const top = ranked(summary.topSuppliers, 10);
  const svg = barChart(top, { id: 'c', title: 'De 10 största leverantörerna', lang: 'sv', words });
  const values = texts(svg).slice(1).filter((t) => t.endsWith('kr'));
  assert.equal(values, top.map((s) => money(s.total, 'sv')));
  assert.is((svg.match(/<rect /g) ?? []).length, top.length);
});

test('bar chart: an accessible image with a readable summary', () => {
  const svg = barChart(ranked(summary.byAccount), { id: 'chart-accounts', title: 'Belopp per konto', lang: 'sv', words });
  assert.match(svg, /^<svg [^>]*role="img"[^>]*aria-labelledby="chart-accounts-title"/);
  const title = /<title id="chart-accounts-title">([^<]*)<\/title>/.exec(svg)?.[1] ?? '';
  assert.match(title, 'Belopp per konto. Högst: 4010 Inköp av material, 30\u00a0000\u00a0000\u00a0kr.');
  assert.match(title, 'Lägst: 7599 &lt;script&gt;alert(1)&lt;/script&gt;, \u221214\u00a0250\u00a0kr.');
  assert.match(title, /Alla värden finns i tabellen\.$/);
});

test('chart summary: a title that is a question keeps its question mark, never "?."', () => {
  const svg = barChart(ranked(summary.byAccount), { id: 'c', title: 'Hur stor del går till de största leverantörerna?', lang: 'sv', words });
  const title = /<title id="c-title">([^<]*)<\/title>/.exec(svg)?.[1] ?? '';
  assert.ok(title.startsWith('Hur stor del går till de största leverantörerna? Högst: '), title);
  assert.not.match(title, /\?\./);
  assert.not.match(title, /\.\./);
});

test('bar chart: hostile names are escaped, long names shortened', () => {
  const svg = drawBarChart(
    [
      { label: HOSTILE_SCRIPT, value: '10.00' },
      { label: HOSTILE_FORMULA, value: '5.00' },
      { label: 'A & B "AB" \u0007', value: '1.00' },
    ],
    { id: 'x', title: 'T', lang: 'sv', words },
  );
  assert.not.match(svg, '<script');
  assert.not.match(svg, '<b>');
  assert.not.match(svg, '\u0007');
  assert.match(svg, '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.match(svg, 'A &amp; B &quot;AB&quot;');
  assert.is(shorten('abcdef', 4), 'abc…');
  assert.is(shorten('abc', 4), 'abc');
  assert.is(escapeXml(`<a href='x'>&</a>`), '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
});

test('bar chart: negative amounts grow left from a zero line; widths stay inside the chart', () => {
  const svg = drawBarChart(
    [
      { label: 'plus', value: '300.00' },
      { label: 'minus', value: '-100.00' },
    ],
    { id: 'n', title: 'T', lang: 'sv', words },
  );
  const rects = [...svg.matchAll(/<rect class="([^"]*)" x="([\d.]+)%" y="[\d.]+" width="([\d.]+)%"/g)].map((m) => ({ cls: m[1], x: Number(m[2]), w: Number(m[3]) }));
  assert.is(rects.length, 2);
  const zero = Number(/<line class="chart__zero" x1="([\d.]+)%"/.exec(svg)?.[1]);
  assert.is(rects[0].x, zero);
  assert.ok(Math.abs(rects[1].x + rects[1].w - zero) < 0.02, 'the negative bar ends at the zero line');
  assert.match(rects[1].cls, 'chart__bar--negative');
  assert.ok(Math.abs(rects[0].w / rects[1].w - 3) < 0.01, 'widths are proportional');
  for (const r of rects) assert.ok(r.x >= 0 && r.x + r.w <= 100);
});

test('bar chart: no bars, or only zeros, still draw', () => {
  assert.match(drawBarChart([], { id: 'e', title: 'Tomt', lang: 'sv', words }), '<title id="e-title">Tomt. Alla värden finns i tabellen.</title>');
  assert.not.match(drawBarChart([{ label: 'a', value: '0.00' }], { id: 'z', title: 'T', lang: 'sv', words }), 'NaN');
});

test('charts: amounts a double cannot tell apart are still ranked exactly (highest, lowest, the axis top)', () => {
  // 2^53 + 1 and 2^53 öre are the same number as a double; the summary and the axis must still pick the larger.
  const words = { highest: 'Högst', lowest: 'Lägst', seeTable: 'Se tabellen.' };
  const bars = drawBarChart([{ label: 'A', value: '90071992547409.92' }, { label: 'B', value: '90071992547409.93' }], { id: 'x', title: 'T', lang: 'sv', words });
  assert.match(bars, 'Högst: B');
  assert.match(bars, 'Lägst: A');
  const months = monthChart([{ month: '2025-01', total: '90071992547409.92' }, { month: '2025-02', total: '90071992547409.93' }], { id: 'm', title: 'T', lang: 'sv', words });
  assert.match(months, 'Högst: februari 2025');
  assert.match(months, `>${money('90071992547409.93')}</text>`);
});

test('month chart: every month of its table is in the SVG with its amount', () => {
  const svg = monthChart(summary.byMonth, { id: 'chart-month', title: 'Belopp per månad', lang: 'sv', words });
  const titles = texts(svg).slice(1).filter((t) => t.includes(': '));
  assert.equal(titles, summary.byMonth.map((m) => `${month(m.month, 'sv')}: ${money(m.total, 'sv')}`));
  assert.not.match(svg, 'NaN');
  assert.match(svg, 'chart__bar--negative', 'the credit-note month is drawn below zero');
  // 15 months: a label every second month, and the years under the first month and January.
  const labels = [...svg.matchAll(/<text class="chart__axis" [^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.equal(labels.slice(1), ['jan', 'mar', 'maj', 'jul', 'sep', 'nov', 'jan', 'mar']);
  const years = [...svg.matchAll(/chart__axis--year[^>]*>(\d{4})</g)].map((m) => m[1]);
  assert.equal(years, ['2024', '2025']);
});

test('month chart: English labels and the same output on every run', () => {
  const a = monthChart(summary.byMonth, { id: 'm', title: 'Amount by month', lang: 'en', words });
  const b = monthChart(summary.byMonth, { id: 'm', title: 'Amount by month', lang: 'en', words });
  assert.is(a, b);
  assert.match(a, 'January 2024: SEK\u00a05,000,000');
});

test.run();
