/**
 * `validate` on every kind of hostile export (test/hostile/corpus.ts): the documented exit code (0 clean, 1 rows
 * rejected, 2 file unusable), the file, the line and what to do, exact counts with capped listings, no stack
 * trace, nothing raw from the file in the terminal, and bounded memory (big files run with a 256 MB heap).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './helpers/cli.ts';
import { CASES, SMALL_HEAP, type Expect } from './hostile/corpus.ts';
import { CONTROL, removeScratch, runCliAsync, scratch, stackTrace } from './hostile/project.ts';

const dir = scratch('insyn-hostile-validate-');
const LIST_LIMIT = 100;

interface Listed {
  row: number;
  line: number;
  code: string;
}
interface Counted {
  code: string;
  count: number;
  unlisted: number;
}
interface Doc {
  file: string;
  usable: boolean;
  error?: string;
  line?: number;
  encoding?: string;
  rows: number;
  valid: number;
  rejected: number;
  errors: Listed[];
  errorCounts: Counted[];
  warnings: Listed[];
  notes: { code: string; message: string }[];
}

/** What is wrong with an answer, as a list (empty when the answer is right). */
function problems(e: Expect, code: number, doc: Doc, human: string, path: string): string[] {
  const out: string[] = [];
  const want = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  const exits = Array.isArray(e.exit) ? e.exit : [e.exit];
  want(exits.includes(code as 0), `exit code ${code}, expected ${exits.join(' or ')}`);
  want(human.includes(path), 'the human output does not name the file');
  if (e.exit === 2) {
    want(doc.usable === false, 'the JSON says the file is usable');
    const msg = doc.error ?? '';
    want(msg.length > 10 && msg.length < 3000, `the message is ${msg.length} characters long`);
    if (e.line !== undefined) {
      want(doc.line === e.line, `the answer names line ${doc.line}, expected line ${e.line}`);
      want(human.includes(`line ${e.line}`), `the human output does not say "line ${e.line}"`);
    }
    for (const re of e.says ?? []) want(re.test(msg), `the message does not match ${re}: ${JSON.stringify(msg.slice(0, 300))}`);
    return out;
  }
  want(doc.usable === true, `the file was refused: ${doc.error} (line ${doc.line})`);
  if (!doc.usable) return out;
  if (e.rows !== undefined) want(doc.rows === e.rows, `rows ${doc.rows}, expected ${e.rows}`);
  if (e.valid !== undefined) want(doc.valid === e.valid, `valid ${doc.valid}, expected ${e.valid}`);
  want(doc.valid + doc.rejected === doc.rows, `valid ${doc.valid} + rejected ${doc.rejected} ≠ rows ${doc.rows}`);
  const counts = Object.fromEntries(doc.errorCounts.map((x) => [x.code, x.count]));
  if (e.rejected) want(JSON.stringify(counts) === JSON.stringify(Object.fromEntries(Object.entries(e.rejected).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))), `rejected per code ${JSON.stringify(counts)}, expected ${JSON.stringify(e.rejected)}`);
  want(doc.errorCounts.reduce((n, x) => n + x.count, 0) === doc.rejected, 'the per-code counts do not add up to the rejected rows');
  for (const x of doc.errorCounts) {
    const listed = doc.errors.filter((r) => r.code === x.code).length;
    want(listed === Math.min(x.count, LIST_LIMIT), `${x.code}: ${listed} rows listed of ${x.count} (the list is capped at ${LIST_LIMIT})`);
    want(x.unlisted === x.count - listed, `${x.code}: unlisted ${x.unlisted}, expected ${x.count - listed}`);
    if (x.count > 10) want(human.includes(`and ${x.count - 10} more`), `${x.code}: the human output does not say how many more rows there are`);
  }
  if (e.rejectedLines) {
    const got = doc.errors.map((r) => r.line).sort((a, b) => a - b).slice(0, e.rejectedLines.length);
    want(JSON.stringify(got) === JSON.stringify(e.rejectedLines), `rejected rows on lines ${got}, expected ${e.rejectedLines}`);
    for (const l of e.rejectedLines) want(human.includes(`(line ${l})`), `the human output does not list line ${l}`);
  }
  if (e.note) want(doc.notes.some((n) => n.code === e.note), `no "${e.note}" note (notes: ${doc.notes.map((n) => n.code)})`);
  if (e.encoding) want(doc.encoding === e.encoding, `read as ${doc.encoding}, expected ${e.encoding}`);
  if (e.namesLine !== undefined) {
    const named = [...doc.errors, ...doc.warnings].some((r) => r.line === e.namesLine);
    want(named, `no rejected row or warning names line ${e.namesLine}`);
  }
  return out;
}

/** The human output's block about one file: its path on a line of its own, up to the next blank line. */
function section(human: string, path: string): string {
  const start = human.indexOf(`\n${path}\n`);
  if (start < 0) return '';
  const end = human.indexOf('\n\n', start + 1);
  return human.slice(start, end < 0 ? human.length : end);
}

interface Answer {
  code: number;
  doc: Doc | null;
  human: string;
  raw: string;
}

// Small files: one `validate --json` and one human `validate` over all of them (the per-file answers are the same
// as alone; the exit codes of single files are checked below). Big files: one at a time, with a 256 MB heap.
const small = CASES.filter((c) => !c.big);
const paths = new Map(CASES.map((c) => [c.name, c.make(dir)]));
const answers = new Map<string, Answer>();

test.before(async () => {
  const smallPaths = small.map((c) => paths.get(c.name) as string);
  const [j, h] = await Promise.all([runCliAsync('validate', [...smallPaths, '--json']), runCliAsync('validate', smallPaths)]);
  let docs: Doc[] = [];
  try {
    docs = JSON.parse(j.stdout).files;
  } catch {
    /* checked per case */
  }
  for (const c of small) {
    const p = paths.get(c.name) as string;
    answers.set(c.name, { code: -1, doc: docs.find((d) => d.file === p) ?? null, human: section(h.stdout, p), raw: j.stdout + j.stderr + h.stdout + h.stderr });
  }
});

for (const c of CASES) {
  test(`validate ${c.name} (${c.what})`, async () => {
    const path = paths.get(c.name) as string;
    let a = answers.get(c.name);
    if (!a) {
      const [j, h] = await Promise.all([runCliAsync('validate', [path, '--json'], SMALL_HEAP), runCliAsync('validate', [path], SMALL_HEAP)]);
      assert.is(h.code, j.code, 'the human and the JSON run exit the same way');
      let doc: Doc | null = null;
      try {
        doc = JSON.parse(j.stdout);
      } catch {
        /* below */
      }
      a = { code: j.code, doc, human: h.stdout, raw: j.stdout + j.stderr + h.stdout + h.stderr };
      assert.ok(j.stdout.length < 1_000_000, `the JSON answer is ${j.stdout.length} bytes: listed rows must be capped`);
      assert.ok(h.stdout.length < 50_000, `the human answer is ${h.stdout.length} bytes: it must stay readable`);
    }
    const trace = stackTrace(a.raw);
    assert.not.ok(trace, `a stack trace was printed: ${trace}`);
    assert.not.match(a.raw, /heap out of memory|Allocation failed/i, 'the process ran out of memory');
    assert.ok(a.doc, `--json did not give an answer for the file: ${a.raw.slice(0, 500)}`);
    const doc = a.doc as Doc;
    // The exit code this file gives alone, by the documented rule (single-file runs are checked separately).
    const code = a.code >= 0 ? a.code : !doc.usable ? 2 : doc.rejected > 0 ? 1 : 0;
    const ctl = CONTROL.exec(a.human);
    assert.not.ok(ctl, `the human output carries a raw control character U+${ctl?.[0].charCodeAt(0).toString(16).padStart(4, '0')} from the file`);
    const first = problems(c.expect, code, doc, a.human, path);
    const alt = c.expect.or ? problems(c.expect.or, code, doc, a.human, path) : null;
    if (alt && alt.length === 0) return;
    assert.equal(first, [], `${c.name}:\n  ${first.join('\n  ')}${alt ? `\n  (nor is it the other right answer: ${alt.join('; ')})` : ''}`);
  });
}

test('validate: a single file exits 0 when clean, 1 with rejected rows, 2 when unusable; several files exit with the worst', async () => {
  const one = (name: string) => paths.get(name) as string;
  const runs = await Promise.all([
    runCliAsync('validate', [one('header-only.csv')]),
    runCliAsync('validate', [one('ragged-rows.csv')]),
    runCliAsync('validate', [one('workbook.csv')]),
    runCliAsync('validate', [one('header-only.csv'), one('ragged-rows.csv'), '--json']),
  ]);
  assert.equal(runs.map((r) => r.code), [0, 1, 2, 1]);
  for (const r of runs) assert.not.ok(stackTrace(r.stdout + r.stderr));
});

test('validate: usage mistakes exit 2 with the usage text, never a stack trace', () => {
  for (const args of [[], ['--nope'], ['--json']]) {
    const r = runCli('validate', args);
    assert.is(r.code, 2, `validate ${args.join(' ')}`);
    assert.match(r.stderr, /Usage/);
    assert.not.ok(stackTrace(r.stderr));
  }
});

test.after(removeScratch);

test.run();
