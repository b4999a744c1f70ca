/**
 * The catalogue of problem codes (scripts/site/problems.ts) covers every code the pipeline and the build can write
 * into a report: found by reading the code, not by a list kept by hand, so a new `report.note(…, 'new_code', …)`
 * without its texts fails here. Every entry has a title, a meaning and what to do, in Swedish and English.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import { groupRows, parseReport } from '../scripts/site/report-data.ts';
import * as assert from 'uvu/assert';
import { PROBLEMS, problemText } from '../scripts/site/problems.ts';
import { ROOT } from './helpers/paths.ts';

/** The codes the lead's build adds (issue 10): they may not be in scripts/ yet, and must be in the catalogue. */
const BUILD_CODES = ['rejected_share', 'duplicate_file', 'overlap', 'month_gap', 'month_outlier'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/**
 * The arguments of each `report.reject(`, `report.warn(` and `report.note(` call, split at the top level (strings,
 * template literals and brackets kept whole), with the method's name.
 */
function reportCalls(text: string): { method: string; args: string[] }[] {
  const calls: { method: string; args: string[] }[] = [];
  for (const m of text.matchAll(/\breport\.(reject|warn|note)\(/g)) {
    const args: string[] = [];
    const stack: string[] = [')'];
    let i = (m.index ?? 0) + m[0].length;
    let arg = '';
    for (; i < text.length && stack.length > 0; i++) {
      const c = text[i];
      const top = stack[stack.length - 1];
      if (top === "'" || top === '"' || top === '`') {
        if (c === '\\') {
          arg += c + text[++i];
          continue;
        }
        if (c === top) stack.pop();
        else if (top === '`' && c === '$' && text[i + 1] === '{') {
          stack.push('}');
          arg += c + text[++i];
          continue;
        }
        arg += c;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') stack.push(c);
      else if (c === '(') stack.push(')');
      else if (c === '[') stack.push(']');
      else if (c === '{') stack.push('}');
      else if (c === top) {
        stack.pop();
        if (stack.length === 0) break;
      } else if (c === ',' && stack.length === 1) {
        args.push(arg.trim());
        arg = '';
        continue;
      }
      arg += c;
    }
    if (arg.trim()) args.push(arg.trim());
    calls.push({ method: m[1], args });
  }
  return calls;
}

/** Every code written into a report by scripts/pipeline/ and scripts/build/. */
function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of [...sources(join(ROOT, 'scripts/pipeline')), ...sources(join(ROOT, 'scripts/build'))]) {
    const text = readFileSync(file, 'utf8');
    for (const { method, args } of reportCalls(text)) {
      // reject/warn(file, row, line, column, code, message, value); note(file, code, message). A code given as an
      // expression (`amount.code`) comes from a `code: '…'` literal, found below.
      const code = args[method === 'note' ? 1 : 4] ?? '';
      const lit = /^'([a-z][a-z0-9_]*)'$/.exec(code);
      if (lit) codes.add(lit[1]);
    }
    for (const lit of text.matchAll(/\bcode: '([a-z][a-z0-9_]*)'/g)) codes.add(lit[1]);
  }
  return codes;
}

test('every code the pipeline emits has its texts in the catalogue', () => {
  const codes = emittedCodes();
  // The scan finds the codes it must (a scan that finds nothing would pass whatever the catalogue holds).
  for (const known of ['field_count', 'amount_invalid', 'date_invalid', 'required_empty', 'personnummer_masked', 'header_mapping', 'supplier_id_not_orgnr', 'kommun_id_filled']) {
    assert.ok(codes.has(known), `the scan missed ${known}: ${[...codes].join(', ')}`);
  }
  const missing = [...codes, ...BUILD_CODES].filter((c) => !Object.hasOwn(PROBLEMS, c));
  assert.equal(missing, [], `codes without texts in scripts/site/problems.ts: ${missing.join(', ')}`);
});

test('every entry has a title, a meaning and what to do, in Swedish and English, as sentences', () => {
  for (const [code, entry] of Object.entries(PROBLEMS)) {
    for (const lang of ['sv', 'en'] as const) {
      const t = entry[lang];
      assert.ok(t.title.length > 2 && !/[.:]$/.test(t.title), `${code} ${lang}: title`);
      for (const [what, text] of [['meaning', t.meaning], ['action', t.action]] as const) {
        assert.ok(text.length > 10 && /[.!]$/.test(text), `${code} ${lang}: ${what} must be a sentence: ${text}`);
        assert.not.match(text, /\?\./, `${code} ${lang}: ${what}`);
      }
    }
    assert.ok(['error', 'warning', 'notice', 'info'].includes(entry.level), code);
  }
  assert.is(problemText('no_such_code', 'sv'), null);
  assert.is(problemText('toString', 'sv'), null, 'inherited properties are not codes');
});

test('per-file counts are exact even when several files are past the listing cap (report.json byFile)', () => {
  const rows = [...Array.from({ length: 100 }, (_, i) => ({ file: 'a.csv', row: i + 1, line: i + 2, column: 'datum', code: 'date_invalid', message: 'x', value: '' })), ...Array.from({ length: 100 }, (_, i) => ({ file: 'b.csv', row: i + 1, line: i + 2, column: 'datum', code: 'date_invalid', message: 'x', value: '' }))];
  const report = parseReport({ errors: rows, errorCounts: [{ code: 'date_invalid', count: 450, unlisted: 250, message: 'x', byFile: { 'a.csv': 150, 'b.csv': 300 } }] });
  const [group] = groupRows(report.errors, report.errorCounts);
  assert.equal(group.files.map((f) => [f.file, f.count, f.atLeast]), [['a.csv', 150, false], ['b.csv', 300, false]]);
});

test.run();
