import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Aggregator } from '../scripts/pipeline/aggregate.ts';
import { runFile } from '../scripts/pipeline/pipeline.ts';
import { appendFileSync, writeFileSync } from 'node:fs';
import { readExport, UnusableFileError } from '../scripts/pipeline/read.ts';
import { Report } from '../scripts/pipeline/report.ts';
import { trusted } from '../scripts/privacy/safe.ts';
import { writeExport, type Enc } from './helpers/exports.ts';
import { needShared, SHARED, tempDir } from './helpers/paths.ts';

const dir = tempDir();

async function read(path: string, columns?: Record<string, string>) {
  const report = new Report();
  const aggregator = new Aggregator((d) => d.slice(0, 4));
  const rows: string[][] = [];
  const result = await runFile(path, trusted('x.csv'), { report, aggregator, columns, onRow: (row) => rows.push([...row]) });
  return { result, report, rows, total: aggregator.all.sum.text() };
}

const HEADER = ['leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum', 'forvaltning'];
const BODY = [
  ['Åkerö Bygg AB', '5560360793', '4010', 'Inköp av material', '"1 234,50"', '2025-03-01', 'Samhällsbyggnad'],
  ['"Café ""Blå"" AB"', '5560360793', '6110', '"Kontor; papper"', '"-99,50"', '2025-03-02', 'Kultur'],
  ['"Flerrads\nNamn AB"', '5560360793', '6420', 'Konsult', '10', '2025-03-03', '"Ö\r\nvrigt"'],
];

const cases: { enc: Enc; sep: string; eol: string; expect: string }[] = [
  { enc: 'utf8', sep: ';', eol: '\r', expect: 'UTF-8' },
  { enc: 'utf8', sep: ';', eol: '\n', expect: 'UTF-8' },
  { enc: 'utf8bom', sep: ';', eol: '\r\n', expect: 'UTF-8 with BOM' },
  { enc: 'utf16le', sep: ',', eol: '\r\n', expect: 'UTF-16LE' },
  { enc: 'utf16be', sep: '\t', eol: '\n', expect: 'UTF-16BE' },
  { enc: 'cp1252', sep: ';', eol: '\r\n', expect: 'Windows-1252' },
  { enc: 'cp1252', sep: '\t', eol: '\r', expect: 'Windows-1252' },
];

for (const c of cases) {
  test(`reads ${c.expect}, separator ${JSON.stringify(c.sep)}, line ends ${JSON.stringify(c.eol)}`, async () => {
    const body = c.sep === ';' ? BODY : BODY.map((r) => r.map((v) => (v.includes(';') ? v : v)));
    const path = writeExport(dir, `f-${c.enc}-${c.sep === '\t' ? 'tab' : c.sep}-${c.eol.length}${c.eol === '\r' ? 'cr' : ''}.csv`, [HEADER, ...body], c);
    const { result, rows, total, report } = await read(path);
    assert.is(result.encoding, c.expect);
    assert.is(result.delimiter, c.sep);
    assert.is(result.rows, 3, JSON.stringify(report.toJSON()));
    assert.is(result.valid, 3, JSON.stringify(report.toJSON().errors));
    assert.is(rows[0][3], 'Åkerö Bygg AB');
    assert.is(rows[1][3], 'Café "Blå" AB');
    assert.is(rows[1][6], 'Kontor; papper');
    assert.is(rows[2][3], 'Flerrads\nNamn AB');
    assert.is(rows[2][9], 'Ö\r\nvrigt');
    assert.is(total, '1145.00');
  });
}

test('a character split across the 1 MiB read chunks (inside the header chunk) is read intact', async () => {
  const header = 'leverantor;belopp;datum;konto_text\n';
  const row = 'Åkerö Bygg AB;1,00;2025-01-02;Förbrukning\n';
  const rows = Math.ceil((1.2 * 1024 * 1024) / Buffer.byteLength(row));
  let buf = Buffer.from(header + row.repeat(rows), 'utf8');
  // Pad the first row so that a two-byte character starts on the last byte of the first 1 MiB chunk.
  const edge = 1024 * 1024 - 1;
  let at = edge;
  while (buf[at] !== 0xc3) at--;
  const pad = edge - at;
  buf = Buffer.from(header + row.replace('Förbrukning', `Förbrukning${'x'.repeat(pad)}`) + row.repeat(rows - 1), 'utf8');
  assert.is(buf[edge], 0xc3);
  const path = join(dir, 'split-char.csv');
  (await import('node:fs')).writeFileSync(path, buf);
  const { result, rows: out } = await read(path);
  assert.is(result.rows, rows);
  assert.is(result.valid, rows);
  for (const r of out) assert.is(r[3], 'Åkerö Bygg AB');
  assert.ok(out.every((r) => !r[6].includes('\uFFFD')));
});

test('columns are found by name in any order, with aliases, and unknown ones are listed', async () => {
  const path = writeExport(dir, 'aliases.csv', [
    ['Extra', 'Nettobelopp', 'Bokföringsdatum', 'Leverantör', 'Kontonr', 'Kontotext', 'Faktura_nr'],
    ['x', '12.50', '2025-01-02', 'Bolaget AB', '4010', 'Material', 'F-1'],
  ], { sep: ';', eol: '\n', enc: 'utf8' });
  const { rows, report } = await read(path);
  assert.equal(rows[0].slice(3, 11), ['Bolaget AB', '', '4010', 'Material', '12.50', '2025-01-02', '', 'F-1']);
  const notes = report.toJSON().notes.map((n) => n.code);
  assert.ok(notes.includes('unknown_columns'));
  assert.ok(report.toJSON().notes.some((n) => n.message.includes('Extra')));
});

test("a dataset's column mapping reads other header names", async () => {
  const path = writeExport(dir, 'mapping.csv', [['Lev', 'Summa kr', 'Bokf.dat'], ['Bolaget AB', '1', '2025-01-02']], { sep: ';', eol: '\n', enc: 'utf8' });
  const { result } = await read(path, { Lev: 'leverantor', 'Summa kr': 'belopp', 'Bokf.dat': 'datum' });
  assert.is(result.valid, 1);
});

test('organisation numbers written with a dash are published as the spec writes them (10 digits)', async () => {
  const path = writeExport(dir, 'dash.csv', [['kopare_id', 'leverantor', 'leverantor_id', 'belopp', 'datum'], ['212000-1355', 'Bolaget AB', '556036-0793', '1', '2025-01-02'], ['212000-1355', 'Annat AB', '556036-0794', '1', '2025-01-02']], { sep: ';', eol: '\n', enc: 'utf8' });
  const { rows, report } = await read(path);
  assert.is(rows[0][0], '2120001355');
  assert.is(rows[0][4], '5560360793');
  assert.is(rows[1][4], '556036-0794', 'a wrong check digit is published as written, with a warning');
  assert.is(report.toJSON().warningCounts[0].code, 'supplier_id_checksum');
});

test('a spec 1.0 export (kopare holds the buyer number, faktura_nr, kommun_id last) is read into spec 1.1', async () => {
  const path = writeExport(dir, 'v10.csv', [
    ['kopare', 'verifikationsnummer', 'leverantor', 'leverantor_id', 'konto_nr', 'konto_text', 'belopp', 'datum', 'forvaltning', 'faktura_nr', 'grund', 'kommun_id'],
    ['2120001355', 'V1', 'Bolaget AB', '5560360793', '4010', 'Material', '10.00', '2025-01-02', 'Skola', 'F-9', 'Ramavtal', '1480'],
  ], { sep: ';', eol: '\n', enc: 'utf8' });
  const { rows, report } = await read(path);
  assert.equal(rows[0], ['2120001355', '', 'V1', 'Bolaget AB', '5560360793', '4010', 'Material', '10.00', '2025-01-02', 'Skola', 'F-9', 'Ramavtal', '', '1480', '']);
  assert.ok(report.toJSON().notes.some((n) => n.code === 'spec_1_0_buyer'));
});

test('missing required columns make the file unusable, with the header in the message', async () => {
  const path = writeExport(dir, 'nocols.csv', [['namn', 'summa'], ['a', '1']], { sep: ';', eol: '\n', enc: 'utf8' });
  try {
    await read(path);
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, UnusableFileError);
    const msg = (e as Error).message;
    assert.match(msg, /belopp/);
    assert.match(msg, /datum/);
    assert.match(msg, /"namn"/);
  }
});

test('the real VGR excerpt (CR line ends, ";", aliases, dot decimals)', async () => {
  if (!needShared('the real-file test')) return;
  const { result, rows, total } = await read(join(SHARED, 'fixtures/real/vgr-2026-01-excerpt.csv'));
  assert.is(result.rows, 4);
  assert.is(result.valid, 4);
  assert.is(total, '5047504.73');
  assert.is(rows[0][3], 'Swedbank AB');
  assert.is(rows[2][7], '-14250.00');
  assert.is(rows[1][8], '2026-01-01');
});

test('a file changed while it is read (a finance system still writing it) is refused, not half published', async () => {
  const lines = ['leverantor;leverantor_id;belopp;datum'];
  for (let i = 0; i < 60_000; i++) lines.push(`Bygg ${i} AB;5560360793;${i}.50;2025-03-01`);
  const path = join(dir, 'growing.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  let appended = false;
  try {
    await readExport(path, trusted('growing.csv'), {
      onHeader() {},
      onRecord() {},
      // Between two chunks, the export grows (as when it is rewritten in place).
      drain() {
        if (!appended) appendFileSync(path, 'Sent AB;5560360793;1.00;2025-03-02\n');
        appended = true;
      },
    });
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, UnusableFileError);
    assert.match((e as Error).message, /changed while it was being read/);
  }
});

test('a quoted value over several lines is fine when the dataset says its exports have them', async () => {
  const rows = [['leverantor', 'leverantor_id', 'belopp', 'datum'], ['"Bygg AB', '5560360793', '1', '2025-03-01'], ['Skruv 2"', '5560360793', '2', '2025-03-02']];
  const path = writeExport(dir, 'multi.csv', rows, { sep: ';', eol: '\n', enc: 'utf8' });
  await read(path).then(() => assert.unreachable('a stray quote must be refused'), (e) => assert.instance(e, UnusableFileError));
  const report = new Report();
  const result = await runFile(path, trusted('multi.csv'), { report, aggregator: new Aggregator((d) => d.slice(0, 4)), multilineValues: true });
  assert.is(result.rows, 1, 'read as the file says: one row whose name spans two lines');
});

test.run();
