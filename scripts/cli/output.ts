/** Terminal output shared by the commands: error lines, money, problem listings, JSON with exact amounts. */
import type { CodeCount, FileNote, Problem } from '../pipeline/report.ts';

export function fail(message: string, code: number): number {
  process.stderr.write(`insyn: ${message}\n`);
  return code;
}

/** `"-1234567.50"` → `-1 234 567,50 kr` (exact: formats the text, never a float). */
export function money(text: string): string {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${m[3]} kr`;
}

const MONEY_MARK = '\u0000money:';

/**
 * JSON.stringify, with the named keys (money texts like `"1234.50"`) written as JSON numbers with exactly two
 * decimals (`1234.50`): exact, as no float is ever involved.
 */
export function moneyJson(value: unknown, keys: string[], indent = 2): string {
  const set = new Set(keys);
  const text = JSON.stringify(
    value,
    function (key, v) {
      return set.has(key) && typeof v === 'string' && /^-?\d+\.\d{2}$/.test(v) ? MONEY_MARK + v : v;
    },
    indent,
  );
  return text.replace(/"\\u0000money:(-?\d+\.\d{2})"/g, '$1');
}

const SHOW = 10;

export function printProblems(d: {
  errors: Problem[];
  errorCounts: CodeCount[];
  warnings: Problem[];
  warningCounts: CodeCount[];
  notes: FileNote[];
}): void {
  const out = process.stdout;
  for (const n of d.notes) out.write(`  note: ${n.message}\n`);
  if (d.errorCounts.length) {
    out.write('  rejected rows:\n');
    for (const c of d.errorCounts) {
      out.write(`    ${c.code}: ${c.count} row${c.count === 1 ? '' : 's'}. ${c.message}\n`);
      const rows = d.errors.filter((e) => e.code === c.code);
      for (const e of rows.slice(0, SHOW)) {
        out.write(`      row ${e.row} (line ${e.line})${e.column ? `, ${e.column}` : ''}: ${JSON.stringify(e.value)}${e.message !== c.message ? ` (${e.message})` : ''}\n`);
      }
      if (c.count > Math.min(SHOW, rows.length)) out.write(`      … and ${c.count - Math.min(SHOW, rows.length)} more (see --json or the build's report.json)\n`);
    }
  }
  if (d.warningCounts.length) {
    out.write('  warnings (rows published anyway):\n');
    for (const c of d.warningCounts) {
      const first = d.warnings.filter((w) => w.code === c.code).slice(0, 5).map((w) => w.row);
      out.write(`    ${c.code}: ${c.count}× (first rows: ${first.join(', ')}). ${c.message}\n`);
    }
  }
}
