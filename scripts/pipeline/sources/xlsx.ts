/**
 * Source "xlsx": an Excel workbook (Office Open XML, transitional or strict) → the same records the CSV reader gives:
 * every non-empty row of one sheet as text fields, streaming with bounded memory.
 *
 * - Zip: yauzl reads the central directory, so parts are read in any order (the sheet may come before
 *   sharedStrings in the archive); each part is inflated by Node's zlib as a stream and checked against its CRC-32.
 * - XML: saxes, a strict streaming parser; elements and attributes are matched by local name, so prefixed and
 *   strict-OOXML namespaces read alike.
 * - Memory: the sheet is never held; what is held is the shared-strings table (one JS string per distinct text in
 *   the workbook: bounded by the distinct strings, not by rows; Örebro's 68k rows have 3,924), one flag per cell
 *   style, and the current row.
 * - Values: see xlsx-cells.ts (numbers to 15 significant digits, never through their display format; date-styled
 *   numbers as dates in the workbook's date system; text as written; formulas by their cached value).
 *
 * What a user can get wrong (an .xls or .ods, a password, a zip of something else, a damaged file, a sheet name that
 * is not there) is an UnusableFileError that says what to do; it never quotes the file's content.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Entry } from 'yauzl';
import { msg, quoted, safe, safeJoin, type Safe } from '../../privacy/safe.ts';
import { errorCode, UnusableFileError } from '../unusable.ts';
import { CFB_MAGIC, cfbStreamNames } from './cfb.ts';
import { booleanCell, columnOfRef, decodeEscapes, formatNumber, isDateFormat, isoDateCell, rowOfRef, serialToDate } from './xlsx-cells.ts';
import { normaliseName, openZip, ZipError, type ZipArchive } from './zip.ts';

/** What a file is: `null` for neither a spreadsheet nor a zip (a CSV, say). */
export type Container = 'xlsx' | 'xls' | 'ods' | 'encrypted' | 'zip' | null;

export interface WorkbookInfo {
  /** The sheet read. */
  sheet: string;
  /** Every sheet's name, in workbook order (hidden ones too). */
  sheets: string[];
  /** Dates are counted from 1904-01-01 (old Mac Excel) rather than 1900. */
  date1904: boolean;
  /** Non-empty rows handed to onRecord (rows above the header and the header included). */
  rows: number;
  /** Size of the file. */
  bytes: number;
  /** SHA-256 of the file's bytes (hex), as the CSV reader gives it. */
  sha256: string;
}

export interface SheetHandlers {
  /**
   * Every non-empty row of the chosen sheet, in order, including rows above the real header. `fields`: the row's
   * cells up to its last non-empty cell, gaps filled with ''. `rowNumber`: the sheet's row number as Excel shows it
   * (1-based). May throw (an UnusableFileError, say): reading stops and the error is passed on as it is.
   */
  onRecord(fields: string[], rowNumber: number): void;
  /**
   * About once a second. `bytesRead` is the share of the sheet read so far, in bytes of the file (the sheet's
   * inflated XML read / its inflated size × the file's size), so `bytesRead / totalBytes` is the fraction done.
   */
  onProgress?(bytesRead: number, totalBytes: number, rows: number): void;
  /** Awaited between chunks of the sheet (back-pressure). */
  drain?(): Promise<void> | void;
}

const PROGRESS_MS = 1000;
/** Parts other than the sheet and sharedStrings (workbook, relationships, styles) are small; more is damage. */
const SMALL_PART_LIMIT = 64 * 1024 * 1024;
/**
 * The shared-strings table is held in memory (one string per distinct text): past this much XML (about 10 million
 * distinct supplier names) the workbook is refused rather than filling the memory.
 */
const SHARED_STRINGS_LIMIT = 1024 * 1024 * 1024;

const OOXML_MAIN_TYPES = /spreadsheetml\.sheet\.main|spreadsheetml\.template\.main|ms-excel\.sheet\.macroEnabled\.main|ms-excel\.template\.macroEnabled\.main|ms-excel\.addin\.macroEnabled\.main/i;

// ---------------------------------------------------------------------------------------------------------------
// What the file is

interface Inspection {
  container: Container;
  /** The open archive for a readable zip (closed by the caller). */
  zip?: ZipArchive;
  /** Why the zip could not be opened (damaged, truncated). */
  zipError?: ZipError;
  /** A zip that is another kind of document we can name. */
  kind?: 'xlsb' | 'numbers' | 'office' | 'opendocument';
}

/** What the file is, from its first bytes and (for a zip) its directory of entries. Never throws for content. */
export async function identifyContainer(path: string): Promise<Container> {
  const found = await inspect(path);
  found.zip?.close();
  return found.container;
}

async function inspect(path: string): Promise<Inspection> {
  const fh = await open(path, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = (await fh.stat()).size;
    head = Buffer.alloc(Math.min(size, 30 + 1024));
    await fh.read(head, 0, head.length, 0);
    if (head.length >= 8 && head.subarray(0, 8).equals(CFB_MAGIC)) {
      const names = (await cfbStreamNames(fh, size))?.map((n) => n.toLowerCase());
      if (!names) return { container: 'xls' }; // a compound file whose directory cannot be read: most likely an .xls
      if (names.includes('encryptedpackage') || names.includes('encryptioninfo')) return { container: 'encrypted' };
      if (names.includes('workbook') || names.includes('book')) return { container: 'xls' };
      return { container: null }; // another OLE2 document (.doc, .msg)
    }
  } finally {
    await fh.close();
  }
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b || !((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6) || (head[2] === 7 && head[3] === 8))) {
    return { container: null };
  }
  let zip: ZipArchive;
  try {
    zip = await openZip(path);
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    // Cannot read the directory (a file cut off, say): guess from the first entry's name.
    const first = head.length >= 30 && head[2] === 3 ? normaliseName(head.subarray(30, 30 + head.readUInt16LE(26)).toString('latin1')) : '';
    if (e.kind === 'encrypted') return { container: 'encrypted', zipError: e };
    if (first === 'mimetype') return { container: 'ods', zipError: e };
    const ooxml = first === '[content_types].xml' || first.startsWith('xl/') || first.startsWith('_rels/') || first.startsWith('docprops/');
    return { container: ooxml ? 'xlsx' : 'zip', zipError: e };
  }
  try {
    const { entries } = zip;
    const mimetype = entries.get('mimetype');
    if (mimetype && !mimetype.isEncrypted()) {
      const text = (await zip.read(mimetype, 4096)).toString('latin1').trim();
      if (text.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return { container: 'ods', zip };
      if (text.startsWith('application/vnd.oasis.opendocument')) return { container: 'zip', zip, kind: 'opendocument' };
    }
    let isXlsx = entries.has('xl/workbook.xml');
    if (!isXlsx) {
      const types = entries.get('[content_types].xml');
      if (types && !types.isEncrypted() && types.uncompressedSize < SMALL_PART_LIMIT) {
        isXlsx = OOXML_MAIN_TYPES.test((await zip.read(types, SMALL_PART_LIMIT)).toString('utf8'));
      }
    }
    if (isXlsx) {
      if ([...entries.values()].some((e) => e.isEncrypted())) return { container: 'encrypted', zip };
      return { container: 'xlsx', zip };
    }
    if (entries.has('xl/workbook.bin')) return { container: 'zip', zip, kind: 'xlsb' };
    if (entries.has('index/document.iwa')) return { container: 'zip', zip, kind: 'numbers' };
    if (entries.has('[content_types].xml')) return { container: 'zip', zip, kind: 'office' };
    return { container: 'zip', zip };
  } catch (e) {
    zip.close();
    if (e instanceof ZipError) return { container: 'zip', zipError: e };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

const SAVE_AS = msg`Open it in Excel (or LibreOffice) and save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8", then try again.`;

function notReadable(displayName: Safe, found: Inspection, size: number, zipNames: string[]): UnusableFileError {
  switch (found.container) {
    case 'xls':
      return new UnusableFileError(displayName, msg`This is a workbook in the old Excel format (.xls, Excel 97–2003), which Insyn does not read. ${SAVE_AS}`);
    case 'ods':
      return new UnusableFileError(displayName, msg`This is an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice), which Insyn does not read. ${SAVE_AS}`);
    case 'encrypted':
      return new UnusableFileError(
        displayName,
        msg`The workbook is protected with a password (encrypted), so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, then clear the password) and save it, or export the data as CSV, then try again.`,
      );
    case 'zip': {
      if (found.zipError) return damaged(displayName, found.zipError, 'zip archive');
      if (found.kind === 'xlsb') return new UnusableFileError(displayName, msg`This is an Excel binary workbook (.xlsb), which Insyn does not read. ${SAVE_AS}`);
      if (found.kind === 'numbers') {
        return new UnusableFileError(displayName, msg`This is an Apple Numbers document, not an Excel workbook. Export it from Numbers as Excel (.xlsx) or CSV, then try again.`);
      }
      if (found.kind === 'office' || found.kind === 'opendocument') {
        return new UnusableFileError(
          displayName,
          msg`This is an office document (a text document or a presentation), not a spreadsheet. Give the export file from the finance system, as .xlsx or CSV.`,
        );
      }
      // What the archive holds, by count and kind of file only: names inside it are the file's content.
      const files = zipNames.filter((n) => !n.endsWith('/'));
      const kinds = [...new Set(files.map((n) => (/\.([A-Za-z0-9]{1,8})$/.exec(n)?.[1] ?? '').toLowerCase()).filter(Boolean))].sort();
      const what =
        files.length === 0
          ? msg`no files`
          : kinds.length
            ? msg`${files.length} ${files.length === 1 ? msg`file` : msg`files`} (${safeJoin(kinds.map((k) => safe(`.${k}`)), ', ')})`
            : msg`${files.length} ${files.length === 1 ? msg`file` : msg`files`}`;
      return new UnusableFileError(
        displayName,
        msg`This is a zip archive holding ${what}, not an Excel workbook. Unpack it and give Insyn the export file inside (.csv or .xlsx), then try again.`,
      );
    }
    case 'xlsx':
      return damaged(displayName, found.zipError ?? new ZipError('damaged', 'unknown'), 'workbook');
    case null:
    default:
      return new UnusableFileError(
        displayName,
        size === 0
          ? msg`The file is empty. Export it again from the finance system.`
          : msg`This is not an Excel workbook (.xlsx): its first bytes are not those of one. If it is a CSV export, give it a name ending in .csv; otherwise save it from Excel as .xlsx, then try again.`,
      );
  }
}

function damaged(displayName: Safe, e: ZipError, what: 'workbook' | 'zip archive', row?: number): UnusableFileError {
  if (e.kind === 'encrypted') return notReadable(displayName, { container: 'encrypted' }, 1, []);
  const thing = what === 'workbook' ? msg`workbook` : msg`zip archive`;
  if (e.kind === 'unsupported-method') {
    return new UnusableFileError(
      displayName,
      msg`The ${thing} is compressed with a method Insyn does not read (zip method ${Number(e.detail)}, as some archiving tools use). Open it in Excel and save it again as .xlsx (or export CSV), then try again.`,
    );
  }
  const upTo = row ? msg` (it can be read up to row ${row} of the sheet)` : msg``;
  const orSave = what === 'workbook' ? msg`, or open it in Excel and save it again` : msg``;
  return new UnusableFileError(
    displayName,
    msg`The ${thing} is damaged or incomplete${upTo}: it may have been cut off while copying or downloading. Copy or export it again${orSave}, then try again.`,
  );
}

class XmlError extends Error {
  constructor(readonly part: string) {
    super(`not well-formed XML in ${part}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parts

type Attrs = Record<string, string>;

interface XmlHandlers {
  open(name: string, attrs: Attrs): void;
  close?(name: string): void;
  text?(text: string): void;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by local name (`r:id` and `id` alike). */
function attr(attrs: Attrs, name: string): string | undefined {
  const v = attrs[name];
  if (v !== undefined) return v;
  for (const k in attrs) if (localName(k) === name && !k.startsWith('xmlns')) return attrs[k];
  return undefined;
}

/** Streams a part through saxes, calling `afterChunk` (awaited) after each inflated chunk. */
async function parsePart(
  zip: ZipArchive,
  entry: Entry,
  handlers: XmlHandlers,
  afterChunk?: (inflatedBytes: number) => Promise<void> | void,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const part = entry.fileName;
  parser.on('error', () => {
    throw new XmlError(part);
  });
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes as Attrs));
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag: SaxesTagPlain) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  let decoder: StringDecoder | null = null;
  let inflated = 0;
  for await (const chunk of zip.chunks(entry)) {
    inflated += chunk.length;
    if (!decoder) {
      // XML in a zip part is UTF-8 (Excel) or, rarely, UTF-16LE with a byte order mark.
      const utf16 = chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe;
      decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
    }
    const text = decoder.write(chunk);
    if (text) parser.write(text);
    if (afterChunk) await afterChunk(inflated);
  }
  if (decoder) {
    const rest = decoder.end();
    if (rest) parser.write(rest);
  }
  parser.close();
}

/** Where a relationship's target points, as a normalised part name. */
function resolveTarget(sourcePart: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // keep as written
  }
  t = t.replace(/\\/g, '/');
  const base = t.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return normaliseName(base.join('/'));
}

function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return normaliseName(`${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`);
}

interface Relationship {
  id: string;
  /** Last segment of the relationship type (`worksheet`, `sharedStrings`), transitional and strict alike. */
  type: string;
  target: string;
}

async function readRels(zip: ZipArchive, sourcePart: string): Promise<Relationship[]> {
  const entry = zip.entries.get(relsPartOf(sourcePart));
  if (!entry) return [];
  const rels: Relationship[] = [];
  await parsePart(zip, entry, {
    open(name, a) {
      if (name !== 'Relationship') return;
      if ((attr(a, 'TargetMode') ?? '').toLowerCase() === 'external') return;
      const target = attr(a, 'Target');
      const type = attr(a, 'Type') ?? '';
      if (target === undefined) return;
      rels.push({ id: attr(a, 'Id') ?? '', type: type.slice(type.lastIndexOf('/') + 1), target: resolveTarget(sourcePart, target) });
    },
  });
  return rels;
}

interface SheetEntry {
  name: string;
  hidden: boolean;
  relId: string;
}

interface Book {
  date1904: boolean;
  sheets: SheetEntry[];
  /** Part name of each sheet by relationship id, with the relationship's type. */
  rels: Map<string, Relationship>;
  sharedStrings?: Entry;
  styles?: Entry;
}

async function readBook(zip: ZipArchive): Promise<Book> {
  const rootRels = await readRels(zip, '');
  const officeDoc = rootRels.find((r) => r.type === 'officeDocument');
  let workbookPart = officeDoc?.target ?? 'xl/workbook.xml';
  if (!zip.entries.has(workbookPart)) workbookPart = 'xl/workbook.xml';
  const workbookEntry = zip.entries.get(workbookPart);
  if (!workbookEntry) throw new ZipError('damaged', 'no workbook part');
  if (workbookEntry.uncompressedSize > SMALL_PART_LIMIT) throw new ZipError('damaged', 'workbook part too large');
  const book: Book = { date1904: false, sheets: [], rels: new Map() };
  await parsePart(zip, workbookEntry, {
    open(name, a) {
      if (name === 'workbookPr') {
        const v = (attr(a, 'date1904') ?? '').toLowerCase();
        book.date1904 = v === '1' || v === 'true' || v === 'on';
      } else if (name === 'sheet') {
        const state = (attr(a, 'state') ?? 'visible').toLowerCase();
        book.sheets.push({ name: attr(a, 'name') ?? '', hidden: state !== 'visible', relId: attr(a, 'id') ?? '' });
      }
    },
  });
  for (const rel of await readRels(zip, workbookPart)) {
    book.rels.set(rel.id, rel);
    if (rel.type === 'sharedStrings') book.sharedStrings = zip.entries.get(rel.target);
    if (rel.type === 'styles') book.styles = zip.entries.get(rel.target);
  }
  // Writers that leave out the relationships still use the usual names.
  book.sharedStrings ??= zip.entries.get('xl/sharedstrings.xml');
  book.styles ??= zip.entries.get('xl/styles.xml');
  return book;
}

/** One flag per cell style (`s` attribute): whether its number format shows a date. */
async function readDateStyles(zip: ZipArchive, entry: Entry | undefined): Promise<Uint8Array> {
  if (!entry) return new Uint8Array(0);
  if (entry.uncompressedSize > SMALL_PART_LIMIT) throw new ZipError('damaged', 'styles part too large');
  const codes = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, entry, {
    open(name, a) {
      if (name === 'numFmt') {
        const id = Number(attr(a, 'numFmtId'));
        if (Number.isInteger(id)) codes.set(id, attr(a, 'formatCode') ?? '');
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(a, 'numFmtId') ?? '0');
        xfFormats.push(Number.isInteger(id) ? id : 0);
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  const flags = new Uint8Array(xfFormats.length);
  xfFormats.forEach((id, i) => {
    flags[i] = isDateFormat(id, codes.get(id)) ? 1 : 0;
  });
  return flags;
}

/**
 * The shared-strings table: each `<si>` as its text (rich-text runs joined, phonetic runs left out, `_xHHHH_`
 * decoded). Held in memory: one string per distinct text, whatever the number of rows.
 */
async function readSharedStrings(zip: ZipArchive, entry: Entry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let inSi = false;
  let phonetic = 0;
  let inT = false;
  let text = '';
  await parsePart(zip, entry, {
    open(name) {
      if (name === 'si') {
        inSi = true;
        text = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0) inT = true;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(decodeEscapes(text));
        inSi = false;
      }
    },
    text(t) {
      if (inT) text += t;
    },
  });
  return strings;
}

// ---------------------------------------------------------------------------------------------------------------
// The sheet

export async function readWorkbook(path: string, displayName: Safe, handlers: SheetHandlers, opts: { sheet?: string } = {}): Promise<WorkbookInfo> {
  let size: number;
  let mtimeMs: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new UnusableFileError(displayName, msg`This is a folder, not a file. Give the path of an export file.`);
    if (!st.isFile()) throw new UnusableFileError(displayName, msg`This is not a file. Give the path of an export file.`);
    size = st.size;
    mtimeMs = st.mtimeMs;
  } catch (e) {
    if (e instanceof UnusableFileError) throw e;
    throw new UnusableFileError(displayName, msg`The file cannot be read (${errorCode(e)}). Check the path and its permissions.`);
  }
  let found: Inspection;
  try {
    found = await inspect(path);
  } catch (e) {
    throw new UnusableFileError(displayName, msg`The file cannot be read (${errorCode(e)}). Check the path and its permissions.`);
  }
  if (found.container !== 'xlsx' || !found.zip) {
    const names = found.zip?.names ?? [];
    found.zip?.close();
    throw notReadable(displayName, found, size, names);
  }
  const zip = found.zip;
  let reader: SheetReader | null = null;
  try {
    const book = await readBook(zip);
    const names = book.sheets.map((s) => s.name);
    const sheet = chooseSheet(book, zip, displayName, opts.sheet);
    const entry = zip.entries.get(sheet.part);
    if (!entry) throw new ZipError('damaged', 'sheet part missing');
    const dateStyles = await readDateStyles(zip, book.styles);
    if (book.sharedStrings && book.sharedStrings.uncompressedSize > SHARED_STRINGS_LIMIT) {
      throw new UnusableFileError(
        displayName,
        msg`The workbook's table of texts (sharedStrings) is larger than ${SHARED_STRINGS_LIMIT / 1024 ** 3} GB, more than an export of invoice rows holds. Export the data as CSV instead, then try again.`,
      );
    }
    const strings = await readSharedStrings(zip, book.sharedStrings);
    const rows = new SheetReader(strings, dateStyles, book.date1904, handlers.onRecord);
    reader = rows;
    let lastProgress = Date.now();
    const total = entry.uncompressedSize || 1;
    await parsePart(
      zip,
      entry,
      {
        open: (name, a) => rows.open(name, a),
        close: (name) => rows.close(name),
        text: (t) => rows.text(t),
      },
      async (inflated) => {
        if (handlers.onProgress && Date.now() - lastProgress > PROGRESS_MS) {
          lastProgress = Date.now();
          handlers.onProgress(Math.min(size, Math.round((size * inflated) / total)), size, rows.rows);
        }
        if (handlers.drain) await handlers.drain();
      },
    );
    // The parts were read in random order: hash the file in one pass, and refuse it if it changed meanwhile.
    let sha256: string;
    let after: Awaited<ReturnType<typeof stat>>;
    try {
      sha256 = await hashFile(path);
      after = await stat(path);
    } catch (e) {
      throw new UnusableFileError(displayName, msg`The file cannot be read (${errorCode(e)}): it was moved or deleted while it was being read. Try again.`);
    }
    if (after.size !== size || after.mtimeMs !== mtimeMs) {
      throw new UnusableFileError(
        displayName,
        msg`The file changed while it was being read (it was ${size} bytes, now ${after.size}): the finance system may still be writing it. Wait until the export is complete and try again.`,
      );
    }
    return { sheet: sheet.name, sheets: names, date1904: book.date1904, rows: rows.rows, bytes: size, sha256 };
  } catch (e) {
    // The last row read whole, for "damaged after row N".
    const row = reader ? reader.lastRow || undefined : undefined;
    if (e instanceof ZipError) throw damaged(displayName, e, 'workbook', row);
    if (e instanceof XmlError) throw damaged(displayName, new ZipError('damaged', e.message), 'workbook', row);
    throw e;
  } finally {
    zip.close();
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

function chooseSheet(book: Book, zip: ZipArchive, displayName: Safe, wanted: string | undefined): { name: string; part: string } {
  const list = book.sheets.length ? safeJoin(book.sheets.map((s) => quoted(s.name)), ', ') : msg`(none)`;
  const partOf = (s: SheetEntry) => book.rels.get(s.relId);
  if (wanted !== undefined) {
    const s = book.sheets.find((x) => x.name === wanted) ?? book.sheets.find((x) => x.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!s) {
      throw new UnusableFileError(
        displayName,
        msg`The workbook has no sheet named ${quoted(wanted)}. Its sheets are ${list}. Give one of these names, or leave the sheet name out to read the first sheet.`,
      );
    }
    const rel = partOf(s);
    if (!rel || !zip.entries.has(rel.target)) throw new ZipError('damaged', 'sheet part missing');
    if (rel.type !== 'worksheet') {
      throw new UnusableFileError(
        displayName,
        msg`The sheet ${quoted(s.name)} is a chart or a macro sheet, not a sheet of cells. Give the name of the sheet that holds the rows (${list}).`,
      );
    }
    return { name: s.name, part: rel.target };
  }
  const worksheets = book.sheets.filter((s) => partOf(s)?.type === 'worksheet' && zip.entries.has(partOf(s)!.target));
  const s = worksheets.find((x) => !x.hidden) ?? worksheets[0];
  if (!s) {
    if (book.sheets.length === 0) throw new ZipError('damaged', 'no sheets');
    throw new UnusableFileError(displayName, msg`The workbook has no sheet of cells (only charts). Save the sheet that holds the rows in the workbook, then try again.`);
  }
  return { name: s.name, part: partOf(s)!.target };
}

const enum In {
  None,
  Value,
  InlineText,
}

/** The sheet's XML events → rows of text. */
class SheetReader {
  rows = 0;
  /** Number of the row being read. */
  rowNumber = 0;
  /** Number of the last row handed on. */
  lastRow = 0;
  private fields: string[] = [];
  private last = -1; // last non-empty column of the current row
  private col = -1;
  private type = 'n';
  private style = 0;
  private value = '';
  private hasValue = false;
  private inlineText = '';
  private hasInline = false;
  private inInline = false;
  private phonetic = 0;
  private capture = In.None;

  constructor(
    private readonly strings: string[],
    private readonly dateStyles: Uint8Array,
    private readonly date1904: boolean,
    private readonly onRecord: (fields: string[], rowNumber: number) => void,
  ) {}

  open(name: string, a: Attrs): void {
    switch (name) {
      case 'row': {
        const r = a.r;
        const n = r === undefined ? NaN : Number(r);
        this.rowNumber = Number.isInteger(n) && n > 0 ? n : this.rowNumber + 1;
        this.fields = [];
        this.last = -1;
        this.col = -1;
        break;
      }
      case 'c': {
        const r = a.r;
        let col = r === undefined ? -1 : columnOfRef(r);
        if (col === -2) throw new ZipError('damaged', 'column out of range');
        if (col < 0) col = this.col + 1;
        if (col > 16383) throw new ZipError('damaged', 'column out of range');
        this.col = col;
        if (this.rowNumber === 0 && r !== undefined) this.rowNumber = rowOfRef(r) || 1; // a cell outside any <row>
        this.type = a.t ?? 'n';
        const s = a.s;
        this.style = s === undefined ? 0 : Number(s);
        this.value = '';
        this.hasValue = false;
        this.inlineText = '';
        this.hasInline = false;
        this.phonetic = 0;
        break;
      }
      case 'v':
        this.capture = In.Value;
        this.hasValue = true;
        break;
      case 'is':
        this.inInline = true;
        this.hasInline = true;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.inInline && this.phonetic === 0) this.capture = In.InlineText;
        break;
    }
  }

  text(t: string): void {
    if (this.capture === In.Value) this.value += t;
    else if (this.capture === In.InlineText) this.inlineText += t;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = In.None;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c': {
        const text = this.cellText();
        if (text !== '') {
          this.fields[this.col] = text;
          if (this.col > this.last) this.last = this.col;
        }
        break;
      }
      case 'row':
        this.endRow();
        break;
      case 'sheetData':
        // Cells written without any <row> (not valid, but seen): flush them as one row.
        if (this.last >= 0) this.endRow();
        break;
    }
  }

  private endRow(): void {
    if (this.last < 0) return;
    const out = this.fields;
    out.length = this.last + 1;
    for (let i = 0; i <= this.last; i++) if (out[i] === undefined) out[i] = '';
    this.fields = [];
    this.last = -1;
    this.col = -1;
    this.rows++;
    this.lastRow = this.rowNumber;
    this.onRecord(out, this.rowNumber);
  }

  private cellText(): string {
    const v = this.value;
    switch (this.type) {
      case 's': {
        if (!this.hasValue || v.trim() === '') return '';
        const i = Number(v);
        const s = Number.isInteger(i) && i >= 0 ? this.strings[i] : undefined;
        if (s === undefined) throw new ZipError('damaged', 'shared string missing');
        return s;
      }
      case 'inlineStr':
        return decodeEscapes(this.hasInline ? this.inlineText : v);
      case 'str':
        return decodeEscapes(v);
      case 'b':
        return this.hasValue ? booleanCell(v) : '';
      case 'e':
        return v;
      case 'd':
        return this.hasValue ? isoDateCell(v) : '';
      case 'n':
      default: {
        if (!this.hasValue || v === '') return this.hasInline ? decodeEscapes(this.inlineText) : '';
        if (this.dateStyles[this.style] === 1) {
          const date = serialToDate(Number(v), this.date1904);
          if (date !== null) return date;
        }
        return formatNumber(v);
      }
    }
  }
}
