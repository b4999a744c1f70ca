/**
 * The record splitter (scripts/pipeline/sources/records.ts) reads exactly what csv-parse reads: on random texts of
 * separators, quotes, line ends of every kind, spaces and letters, fed in random chunks (split anywhere, inside a
 * CRLF or a multi-byte character too), the records are csv-parse's (with the reader's options), their lines are the
 * file's own, and where csv-parse fails the splitter fails with the same code.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { RecordSplitter, SplitError } from '../scripts/pipeline/sources/records.ts';

const OPTIONS = { record_delimiter: ['\r\n', '\n', '\r'], relax_quotes: true, relax_column_count: true, skip_empty_lines: true };

/** What csv-parse gives: records, or the error code. */
function byCsvParse(text: string, delimiter: string): string[][] | string {
  try {
    return parse(text, { ...OPTIONS, delimiter }) as string[][];
  } catch (e) {
    return (e as { code: string }).code;
  }
}

/** What the splitter gives, fed in the given chunk sizes: records with lines, or the error code. */
async function bySplitter(text: string, delimiter: string, cuts: number[], handOverAfter = Infinity): Promise<{ record: string[]; line: number; endLine: number }[] | string> {
  const out: { record: string[]; line: number; endLine: number }[] = [];
  const s = new RecordSplitter(delimiter, 1 << 20, (record, line, endLine) => out.push({ record, line, endLine }), handOverAfter);
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  try {
    for (const c of cuts) {
      if (at >= bytes.length) break;
      s.write(bytes.subarray(at, Math.min(bytes.length, at + c)));
      at += c;
    }
    if (at < bytes.length) s.write(bytes.subarray(at));
    await s.end();
  } catch (e) {
    if (e instanceof SplitError) return e.code;
    throw e;
  }
  return out;
}

/** The 1-based line a record starts on, in a text whose records are known to hold no quote: counted directly. */
function lineStarts(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && text[j] !== '\r' && text[j] !== '\n') j++;
    if (j > i) starts.push(line);
    if (j >= text.length) break;
    j += text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1;
    line++;
    i = j;
  }
  return starts;
}

const arbText = (alphabet: string[]) => fc.array(fc.constantFrom(...alphabet), { maxLength: 120 }).map((a) => a.join(''));
const arbCuts = fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 40 });

test('property: on any text, the splitter reads the records csv-parse reads, or fails with its error', async () => {
  await fc.assert(
    fc.asyncProperty(arbText(['a', 'ö', '€', ';', ',', '"', '"', '\r', '\n', '\r\n', ' ', 'b"c', '""']), fc.constantFrom(';', ','), arbCuts, async (text, delimiter, cuts) => {
      const expected = byCsvParse(text, delimiter);
      const got = await bySplitter(text, delimiter, cuts);
      if (typeof expected === 'string') {
        assert.is(typeof got === 'string' ? got : 'records', expected, JSON.stringify(text));
        return;
      }
      assert.ok(typeof got !== 'string', `${JSON.stringify(text)}: ${got}`);
      assert.equal((got as { record: string[] }[]).map((g) => g.record), expected, JSON.stringify(text));
    }),
    { numRuns: 5000 },
  );
});

test('property: without quotes, every record starts on its own line of the file, whatever the line ends', async () => {
  await fc.assert(
    fc.asyncProperty(arbText(['a', 'å', ';', '\r', '\n', '\r\n', ' ']), arbCuts, async (text, cuts) => {
      const got = await bySplitter(text, ';', cuts);
      assert.ok(typeof got !== 'string');
      const records = got as { line: number; endLine: number }[];
      assert.equal(records.map((r) => r.line), lineStarts(text), JSON.stringify(text));
      assert.ok(records.every((r) => r.endLine === r.line));
    }),
    { numRuns: 3000 },
  );
});

test('property: handed over to csv-parse at any record, the rest reads the same, with the same lines', async () => {
  await fc.assert(
    fc.asyncProperty(arbText(['a', 'ö', ';', '"', '\r', '\n', '\r\n', ' ', '""']), arbCuts, fc.integer({ min: 0, max: 6 }), async (text, cuts, after) => {
      const whole = await bySplitter(text, ';', cuts);
      const handed = await bySplitter(text, ';', cuts, after);
      assert.equal(handed, whole, JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});

test('a quoted value over lines: the record starts where its first line is and ends on its last', async () => {
  const text = 'a;b\r\n"x\r\ny";2\n\n3;"p\rq\nr"\rlast;1';
  const got = (await bySplitter(text, ';', [3, 1, 2])) as { record: string[]; line: number; endLine: number }[];
  assert.equal(got, [
    { record: ['a', 'b'], line: 1, endLine: 1 },
    { record: ['x\r\ny', '2'], line: 2, endLine: 3 },
    { record: ['3', 'p\rq\nr'], line: 5, endLine: 7 },
    { record: ['last', '1'], line: 8, endLine: 8 },
  ]);
});

test('an unclosed quote and a record over the size limit are csv-parse’s errors, with the line the record starts on', async () => {
  const s = new RecordSplitter(';', 1 << 20, () => {});
  s.write(Buffer.from('a;b\nc;"never closed\n'));
  await s.end().then(
    () => assert.unreachable('should throw'),
    (e: SplitError) => {
      assert.is(e.code, 'CSV_QUOTE_NOT_CLOSED');
      assert.is(e.line, 2);
    },
  );
  const big = new RecordSplitter(';', 10, () => {});
  assert.throws(() => big.write(Buffer.from('a;b\nthis line is longer than ten\n')), (e: SplitError) => e.code === 'CSV_MAX_RECORD_SIZE' && e.line === 2);
});

test.run();
