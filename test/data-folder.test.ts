/**
 * Every file in the data folder is accounted for: read (site.json, dataset.json, exports: .csv and .xlsx, and
 * .xls/.ods, which the reader answers), ignored on purpose and logged once (README and Markdown notes, hidden
 * files), or named in one clear error (exit 1) that says what to do: a zip archive, a .txt or .tsv file, an export
 * dropped in `datasets/` itself or in the data folder, a subfolder, an unknown file. A folder holding only a
 * workbook is never "skipped, no export files" with exit 0. Nothing of a file that is not read is printed.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliResult } from './helpers/cli.ts';
import { writeXlsx } from './helpers/xlsx.ts';
import { csvText, HEADER, makeDataDir, pairwise, readTree, removeScratch, row, runCliAsync, scratch, stackTrace, strays } from './hostile/project.ts';

const GOOD = csvText([HEADER, row(1), row(2)]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.alloc(64, 1)]);
const OLE = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64, 0)]);
/** In every file that must not be read: never printed, never published. */
const SECRET = 'HEMLIGT-INNEHALL-4711';

interface Case {
  what: string;
  /** Files of the dataset folder `ds` (name → bytes). */
  files?: Record<string, Buffer | string | null>;
  /** Files at other places of the data folder (path below it → bytes). */
  elsewhere?: Record<string, string>;
  /** The file names the message must contain, and what it must say. */
  names: string[];
  says: RegExp;
}

const FAILING: Case[] = [
  { what: 'a folder holding only an Excel workbook (.xlsx)', files: { '2025-03.xlsx': ZIP }, names: ['2025-03.xlsx'], says: /./ },
  { what: 'an old Excel workbook (.xls)', files: { '2025-01.csv': GOOD, '2025-03.xls': OLE }, names: ['2025-03.xls'], says: /./ },
  { what: 'an OpenDocument spreadsheet (.ods)', files: { '2025-01.csv': GOOD, '2025-03.ods': ZIP }, names: ['2025-03.ods'], says: /./ },
  { what: 'a zip archive', files: { '2025-01.csv': GOOD, 'exporter.zip': ZIP }, names: ['exporter.zip'], says: /Unpack it/ },
  { what: 'a .txt file (an export named .txt)', files: { '2025-01.csv': GOOD, '2025-02.txt': GOOD }, names: ['2025-02.txt'], says: /rename it to \.csv/ },
  { what: 'a .tsv file', files: { '2025-01.csv': GOOD, '2025-02.tsv': GOOD.replace(/;/g, '\t') }, names: ['2025-02.tsv'], says: /rename it to \.csv/ },
  { what: 'an export dropped in datasets/ itself', files: { '2025-01.csv': GOOD }, elsewhere: { 'datasets/2025-02.csv': GOOD }, names: ['2025-02.csv'], says: /its dataset's folder/ },
  { what: 'an export dropped in the data folder itself', files: { '2025-01.csv': GOOD }, elsewhere: { '2025-02.csv': GOOD }, names: ['2025-02.csv'], says: /its dataset's folder/ },
  { what: 'an unknown file', files: { '2025-01.csv': GOOD, 'anteckningar.docx': `${SECRET}\n` }, names: ['anteckningar.docx'], says: /does not know/ },
  { what: 'a subfolder', files: { '2025-01.csv': GOOD, arkiv: null }, names: ['arkiv'], says: /folder inside a dataset folder is not read/ },
  {
    what: 'several at once (a zip, a .txt and a .pdf)',
    files: { '2025-01.csv': GOOD, 'a.zip': ZIP, 'b.txt': `${SECRET}\n`, 'c.pdf': `%PDF-1.4 ${SECRET}` },
    names: ['a.zip', 'b.txt', 'c.pdf'],
    says: /Unpack[\s\S]*rename it[\s\S]*does not know/,
  },
];

function buildCase(c: Case): Promise<{ r: CliResult; out: string }> {
  const tmp = scratch('insyn-data-folder-');
  const data = makeDataDir([{ id: 'ds', files: c.files ?? {} }], { parent: tmp });
  for (const [rel, text] of Object.entries(c.elsewhere ?? {})) {
    writeFileSync(join(data, rel), text);
  }
  const out = join(tmp, 'out', 'site');
  return runCliAsync('build', ['--data', data, '--output', out, '--no-cache']).then((r) => ({ r, out }));
}

let failing: Promise<{ r: CliResult; out: string }[]> | null = null;

for (const [i, c] of FAILING.entries()) {
  test(`${c.what}: exit 1, the file named and what to do; nothing published or printed of it`, async () => {
    failing ??= pairwise(FAILING.map((x) => () => buildCase(x)));
    const { r, out } = (await failing)[i];
    const bad: string[] = [];
    if (stackTrace(r.stdout + r.stderr)) bad.push('a stack trace was printed');
    if (r.code !== 1) bad.push(`exit ${r.code}`);
    if (/skipped, no export files/.test(r.stderr)) bad.push('the folder was "skipped, no export files"');
    if (/bug in Insyn/.test(r.stderr)) bad.push('reported as a bug in Insyn');
    for (const n of c.names) if (!r.stderr.includes(n)) bad.push(`the message does not name ${n}`);
    if (!c.says.test(r.stderr)) bad.push(`the message does not match ${c.says}`);
    if (r.stderr.includes(SECRET)) bad.push('the content of a file that is not an export was printed');
    if (existsSync(out)) bad.push('an output was written');
    if (strays(out).length) bad.push(`left ${strays(out)}`);
    assert.equal(bad, [], r.stderr.slice(0, 1500));
  });
}

test('notes and hidden files are ignored on purpose, logged once, and never published', async () => {
  const tmp = scratch('insyn-data-notes-');
  const notes = {
    'README.md': `# Om datan ${SECRET}\n`,
    README: `${SECRET}\n`,
    'README.txt': `${SECRET}\n`,
    'anteckningar.md': `${SECRET}\n`,
    '.DS_Store': Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]),
    '.gitkeep': '',
    '.~lock.2025-01.csv#': `${SECRET}\n`,
  };
  const data = makeDataDir([{ id: 'ds', files: { '2025-01.csv': GOOD, ...notes } }], { parent: tmp });
  writeFileSync(join(data, 'README.md'), `# Data ${SECRET}\n`);
  writeFileSync(join(data, 'datasets', 'README.md'), `# Dataset ${SECRET}\n`);
  const out = join(tmp, 'out', 'site');
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache']);
  assert.not.ok(stackTrace(r.stderr), 'a stack trace was printed');
  assert.is(r.code, 0, r.stderr.slice(0, 1500));
  const lines = r.stderr.split('\n').filter((l) => /ignored on purpose/.test(l));
  assert.is(lines.length, 1, `logged once: ${lines.join(' | ')}`);
  for (const n of [...Object.keys(notes), 'data/README.md', 'datasets/README.md']) assert.ok(lines[0].includes(n), `the log line names ${n}: ${lines[0]}`);
  assert.not.ok(r.stderr.includes(SECRET), 'the content of a note was printed');
  assert.not.ok([...readTree(out).values()].some((b) => b.includes(SECRET)), 'a note was published');
});

test('a real Excel workbook (.xlsx) alone in a dataset folder is read and published, never skipped', async () => {
  const tmp = scratch('insyn-data-xlsx-');
  const data = makeDataDir([{ id: 'ds', files: {} }], { parent: tmp });
  const rows = [HEADER, row(1), row(2), row(3)];
  await writeXlsx(join(data, 'datasets', 'ds', '2025-03.xlsx'), { sheets: [{ name: 'Blad1', rows: rows.map((r, ri) => r.map((v, i) => (ri > 0 && HEADER[i] === 'belopp' ? Number(v) : v))) }] });
  const out = join(tmp, 'out', 'site');
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache', '--quiet']);
  assert.not.ok(stackTrace(r.stderr));
  assert.not.match(r.stderr, /skipped, no export files/);
  assert.is(r.code, 0, r.stderr.slice(0, 800));
  assert.match(r.stdout, /ds: 3 rows published/);
});

test('a dataset folder with only notes (no export yet) is skipped, saying why, and the build goes on', async () => {
  const tmp = scratch('insyn-data-empty-');
  const data = makeDataDir(
    [
      { id: 'ds', files: { '2025-01.csv': GOOD } },
      { id: 'tom', files: { 'README.md': '# Kommer snart\n' } },
    ],
    { parent: tmp },
  );
  const out = join(tmp, 'out', 'site');
  const r = await runCliAsync('build', ['--data', data, '--output', out, '--no-cache']);
  assert.is(r.code, 0, r.stderr.slice(0, 1500));
  assert.match(r.stderr, /tom: skipped, no export files \(\.csv or \.xlsx\)/);
});

test.after(removeScratch);

test.run();
