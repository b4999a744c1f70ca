/** `{{ summary.byMonth | monthChart({ id, title, lang, words }) | safe }}`: a column chart of totals per month. */
export { monthChart } from '../charts/month-chart.ts';
