/**
 * Bounded memory, checked structurally rather than timed: a 250,000-row workbook (every number cell a new string)
 * is read in a process whose heap is capped at 24 MB. The reader passes; a control that keeps the rows it is
 * given runs out of heap on the same file, so the cap is tight enough to catch a reader that holds the sheet.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, tempDir } from './helpers/paths.ts';
import { writeXlsx } from './helpers/xlsx.ts';

const dir = tempDir('insyn-xlsx-mem-');
const ROWS = 250_000;
const file = join(dir, 'numbers.xlsx');

function run(script: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=24', '--import', 'tsx', script, file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 22 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('a 250,000-row workbook is read in a 24 MB heap; keeping its rows does not fit', async () => {
  await writeXlsx(file, {
    sharedStringsLast: true,
    sheets: [
      {
        name: 'Blad1',
        rows: function* () {
          for (let i = 0; i < ROWS; i++) yield [i, { n: i * 3 + 0.25, s: 2 }, { n: i / 7, s: 0 }];
        },
      },
    ],
  });
  const read = run(join(ROOT, 'scripts/bench/xlsx-read.ts'));
  assert.is(read.status, 0, read.out.slice(-2000));
  assert.is((JSON.parse(read.out) as { records: number }).records, ROWS);

  const control = join(dir, 'hold.mts'); // an ES module outside the package: top-level await
  writeFileSync(
    control,
    `import { readWorkbook } from ${JSON.stringify(pathToFileURL(join(ROOT, 'scripts/pipeline/sources/xlsx.ts')).href)};\n` +
      `import { safe } from ${JSON.stringify(pathToFileURL(join(ROOT, 'scripts/privacy/safe.ts')).href)};\n` +
      'const all: string[][] = [];\n' +
      `await readWorkbook(process.argv[2], safe('numbers.xlsx'), { onRecord: (f) => all.push(f) });\n` +
      'console.log(all.length);\n',
  );
  const held = run(control);
  assert.is.not(held.status, 0, `keeping ${ROWS} rows fit in 24 MB: the cap does not test anything`);
  assert.match(held.out, /heap out of memory|Allocation failed/);
});

test.run();
