/**
 * Files the xlsx source cannot read get a clear answer: what the file is, what to do; never a stack trace, never the
 * file's content. identifyContainer tells the kinds apart from magic bytes and the zip directory.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import yazl from 'yazl';
import { identifyContainer, readWorkbook, type Container } from '../scripts/pipeline/sources/xlsx.ts';
import { safe } from '../scripts/privacy/safe.ts';
import { UnusableFileError } from '../scripts/pipeline/unusable.ts';
import { ROOT, tempDir } from './helpers/paths.ts';
import { writeXlsx } from './helpers/xlsx.ts';

const dir = tempDir('insyn-xlsx-bad-');
const SECRET = 'Hemlig Leverantör 19121212-1212';

async function zipOf(path: string, files: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) parts.push(chunk);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

function sheetjs(path: string, bookType: XLSX.BookType): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['leverantor', 'belopp'], [SECRET, 12.5]]), 'Blad1');
  writeFileSync(path, XLSX.write(wb, { bookType, type: 'buffer' }) as Buffer);
  return path;
}

function cfb(path: string, streams: string[]): string {
  const c = XLSX.CFB.utils.cfb_new();
  for (const s of streams) XLSX.CFB.utils.cfb_add(c, `/${s}`, Buffer.from(SECRET.repeat(200)));
  writeFileSync(path, XLSX.CFB.write(c, { type: 'buffer' }) as Buffer);
  return path;
}

async function plainXlsx(name: string, compress = true): Promise<string> {
  const path = join(dir, name);
  await writeXlsx(path, { compress, sheets: [{ name: 'Blad1', rows: Array.from({ length: 200 }, (_, i) => [SECRET, `rad ${i}`, i]) }] });
  return path;
}

/** Patches every local and central header of a zip (found by signature; 2^-32 per byte of data to hit a false one). */
function patchHeaders(path: string, patch: (buf: Buffer, header: number, central: boolean) => void): void {
  const buf = readFileSync(path);
  for (let i = 0; i + 4 <= buf.length; i++) {
    if (buf[i] !== 0x50 || buf[i + 1] !== 0x4b) continue;
    if (buf[i + 2] === 3 && buf[i + 3] === 4) patch(buf, i, false);
    else if (buf[i + 2] === 1 && buf[i + 3] === 2) patch(buf, i, true);
  }
  writeFileSync(path, buf);
}

async function refusal(path: string, opts: { sheet?: string } = {}): Promise<string> {
  try {
    await readWorkbook(path, safe('export.xlsx'), { onRecord: () => {} }, opts);
  } catch (e) {
    assert.instance(e, UnusableFileError, String(e));
    const message = (e as Error).message;
    assert.ok(message.startsWith('export.xlsx'), message);
    assert.not.match(message, /\n\s+at |Error:|yauzl|saxes|zlib/);
    assert.not.ok(message.includes('Hemlig') || message.includes('19121212'), `the file's content is not quoted: ${message}`);
    return message;
  }
  assert.unreachable(`${path} was read`);
  return '';
}

const cases: { name: string; make: () => Promise<string> | string; container: Container; words: RegExp[] }[] = [
  { name: '.xls (BIFF8, OLE2)', make: () => sheetjs(join(dir, 'old.xls'), 'xls'), container: 'xls', words: [/old Excel format \(\.xls/, /save it as "Excel Workbook \(\.xlsx\)" or as "CSV UTF-8"/] },
  { name: '.xls (BIFF5)', make: () => sheetjs(join(dir, 'old5.xls'), 'biff5'), container: 'xls', words: [/\.xls/] },
  { name: '.ods', make: () => sheetjs(join(dir, 'calc.ods'), 'ods'), container: 'ods', words: [/OpenDocument spreadsheet \(\.ods/, /\.xlsx\)" or as "CSV UTF-8"/] },
  { name: '.xlsb', make: () => sheetjs(join(dir, 'bin.xlsb'), 'xlsb'), container: 'zip', words: [/binary workbook \(\.xlsb\)/, /\.xlsx/] },
  {
    name: 'encrypted (a real password-protected workbook)',
    make: () => join(ROOT, 'test/fixtures/xlsx/encrypted-password-insyn.xlsx'),
    container: 'encrypted',
    words: [/protected with a password/, /remove the password/],
  },
  { name: 'encrypted (OLE2 with EncryptionInfo/EncryptedPackage)', make: () => cfb(join(dir, 'enc.xlsx'), ['EncryptionInfo', 'EncryptedPackage']), container: 'encrypted', words: [/password/] },
  { name: 'another OLE2 document (Word 97)', make: () => cfb(join(dir, 'word.doc'), ['WordDocument', '1Table']), container: null, words: [/not an Excel workbook/] },
  {
    name: 'a zip of a CSV',
    make: () => zipOf(join(dir, 'export.zip'), { 'export-2016-03.csv': `leverantor;belopp\n${SECRET};1,00\n` }),
    container: 'zip',
    words: [/zip archive holding 1 file \(\.csv\)/, /Unpack it/],
  },
  { name: 'an empty zip', make: () => zipOf(join(dir, 'empty.zip'), {}), container: 'zip', words: [/holding no files/] },
  {
    name: 'a Word document (docx)',
    make: () => zipOf(join(dir, 'brev.docx'), { '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>', 'word/document.xml': `<w:document>${SECRET}</w:document>` }),
    container: 'zip',
    words: [/office document/],
  },
  {
    name: 'a CSV file',
    make: () => {
      const p = join(dir, 'export.csv');
      writeFileSync(p, `leverantor;belopp\n${SECRET};1,00\n`);
      return p;
    },
    container: null,
    words: [/not an Excel workbook/, /\.csv/],
  },
  {
    name: 'an empty file',
    make: () => {
      const p = join(dir, 'empty.xlsx');
      writeFileSync(p, '');
      return p;
    },
    container: null,
    words: [/empty/],
  },
  {
    name: 'a truncated workbook',
    make: async () => {
      const p = await plainXlsx('cut.xlsx');
      const buf = readFileSync(p);
      writeFileSync(p, buf.subarray(0, Math.floor(buf.length / 2)));
      return p;
    },
    container: 'xlsx',
    words: [/damaged or incomplete/, /cut off/],
  },
  {
    name: 'a workbook with a damaged part (CRC mismatch)',
    make: async () => {
      const p = await plainXlsx('crc.xlsx', false);
      const buf = readFileSync(p);
      const at = buf.lastIndexOf(Buffer.from('rad 150'));
      buf[at] = 'R'.charCodeAt(0);
      writeFileSync(p, buf);
      return p;
    },
    container: 'xlsx',
    words: [/damaged or incomplete/],
  },
  {
    name: 'a workbook with damaged compressed data',
    make: async () => {
      const p = await plainXlsx('inflate.xlsx');
      const buf = readFileSync(p);
      const at = buf.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
      for (let i = at + 200; i < at + 400; i++) buf[i] = 0xff;
      writeFileSync(p, buf);
      return p;
    },
    container: 'xlsx',
    words: [/damaged or incomplete/],
  },
  {
    name: 'a sheet that is not well-formed XML',
    make: async () => {
      const p = join(dir, 'xml.xlsx');
      await writeXlsx(p, { sheets: [{ name: 'Blad1', rows: [['a'], ['b'], [{ xml: '<c r="A3"><v>1</c>' }]] }] });
      return p;
    },
    container: 'xlsx',
    words: [/damaged or incomplete \(it can be read up to row 2 of the sheet\)/],
  },
  {
    name: 'a shared string that is not there',
    make: async () => {
      const p = join(dir, 'sst.xlsx');
      await writeXlsx(p, { sheets: [{ name: 'Blad1', rows: [['a'], [{ xml: '<c r="A2" t="s"><v>7</v></c>' }]] }] });
      return p;
    },
    container: 'xlsx',
    words: [/damaged/],
  },
  {
    name: 'a zip compression method Insyn does not read (LZMA)',
    make: async () => {
      const p = await plainXlsx('lzma.xlsx', false);
      patchHeaders(p, (buf, h, central) => buf.writeUInt16LE(14, h + (central ? 10 : 8)));
      return p;
    },
    container: 'xlsx',
    words: [/compressed with a method Insyn does not read \(zip method 14/],
  },
  {
    name: 'zip-encrypted entries',
    make: async () => {
      // Deflated entries flagged as encrypted (ZipCrypto): yauzl checks no sizes for those, as it would for stored.
      const p = await plainXlsx('zipcrypto.xlsx', true);
      patchHeaders(p, (buf, h, central) => {
        const at = h + (central ? 8 : 6);
        buf.writeUInt16LE(buf.readUInt16LE(at) | 1, at);
      });
      return p;
    },
    container: 'encrypted',
    words: [/password/],
  },
];

for (const c of cases) {
  test(`unusable: ${c.name}`, async () => {
    const path = await c.make();
    assert.is(await identifyContainer(path), c.container);
    const message = await refusal(path);
    for (const w of c.words) assert.match(message, w);
  });
}

test('unusable: a sheet name that does not exist lists the names there are', async () => {
  const p = join(dir, 'named.xlsx');
  await writeXlsx(p, { sheets: [{ name: 'Blad1', rows: [['a']] }, { name: 'Mars 2016', rows: [['b']] }] });
  const message = await refusal(p, { sheet: 'Blad2' });
  assert.match(message, /no sheet named "Blad2"/);
  assert.match(message, /Its sheets are "Blad1", "Mars 2016"/);
});

test('unusable: a folder, a missing file', async () => {
  const folder = join(dir, 'folder.xlsx');
  mkdirSync(folder);
  assert.match(await refusal(folder), /folder, not a file/);
  assert.match(await refusal(join(dir, 'missing.xlsx')), /cannot be read \(ENOENT\)/);
});

test('identifyContainer: a readable workbook is xlsx, whatever its name', async () => {
  const p = await plainXlsx('saved-as.csv');
  assert.is(await identifyContainer(p), 'xlsx');
  assert.is(await identifyContainer(sheetjs(join(dir, 'sheetjs.xlsx'), 'xlsx')), 'xlsx');
  assert.is(await identifyContainer(sheetjs(join(dir, 'macro.xlsm'), 'xlsm')), 'xlsx');
});

test.run();
