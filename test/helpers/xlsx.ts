/**
 * A small xlsx writer for tests and the benchmark (never for published output): writes the parts Excel writes
 * ([Content_Types].xml, relationships, workbook, styles, sharedStrings, sheets) with yazl, streaming the sheets, so a
 * million-row workbook is written without being held. Options reproduce what real writers do differently: part order
 * in the zip, strict OOXML, prefixed elements, rows and cells without references, inline strings, rich text,
 * the 1904 date system, custom number formats, raw cell XML for anything else.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';

/** A cell as the test means it. */
export type Cell =
  | string // text: a shared string (or inline, with `strings: 'inline'`)
  | number // a number cell, style 0 (General)
  | boolean
  | null // no cell at all
  | undefined
  | { n: number | string; s?: number } // a number, `<v>` written as given when a string (`'3270.4999999999995'`)
  | { inline: string } // an inline string (`t="inlineStr"`)
  | { str: string; f?: string } // a formula with its cached text result (`t="str"`)
  | { f: string; n: number | string; s?: number } // a formula with its cached number
  | { error: string } // `t="e"`
  | { iso: string } // `t="d"`, an ISO 8601 date
  | { rich: { text: string; bold?: boolean }[]; phonetic?: string } // a shared string in runs, with a phonetic run
  | { xml: string }; // the <c> element as written, verbatim

export interface Row {
  /** The row number; `null` leaves the `r` attribute out (rows are then counted). Default: previous + 1. */
  r?: number | null;
  cells: Cell[];
  /** Write the cells' `r` attributes (default true, or the workbook's `cellRefs`). */
  cellRefs?: boolean;
}

export interface Sheet {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** A chartsheet (no cells) instead of a worksheet. */
  chart?: boolean;
  /** Rows, or a function giving them (called twice when shared strings are written before the sheet). */
  rows: Iterable<Cell[] | Row> | (() => Iterable<Cell[] | Row>);
  /** Part name inside xl/worksheets (default sheetN.xml). */
  part?: string;
}

export interface Workbook {
  sheets: Sheet[];
  date1904?: boolean;
  /** numFmtId of each cell style (index = the `s` attribute). Default STYLES below. */
  cellXfs?: number[];
  /** Custom number formats (ids from 164). */
  numFmts?: { id: number; code: string }[];
  /** Text cells as shared strings (Excel) or inline strings (some exporters). */
  strings?: 'shared' | 'inline';
  /** Where sharedStrings.xml goes in the zip: before the sheets (Excel) or after them (streaming writers). */
  sharedStringsLast?: boolean;
  /** Strict OOXML (ISO/IEC 29500 strict namespaces) instead of transitional. */
  strict?: boolean;
  /** A namespace prefix on every SpreadsheetML element (`x:row`). */
  prefix?: string;
  /** Write cells' `r` attributes (default true). */
  cellRefs?: boolean;
  /** Write rows' `r` attributes (default true). */
  rowRefs?: boolean;
  /** Deflate the parts (default true). */
  compress?: boolean;
  /** Leave out xl/_rels/workbook.xml.rels' sharedStrings and styles relationships (some writers do). */
  omitPartRels?: boolean;
}

/** Default cell styles: index → meaning. */
export const STYLE = { general: 0, date: 1, amount: 2, datetime: 3, isoDate: 4, time: 5, text: 6 } as const;
export const DEFAULT_XFS = [0, 14, 4, 22, 164, 21, 49];
export const DEFAULT_NUMFMTS = [{ id: 164, code: 'yyyy\\-mm\\-dd;@' }];

const NS = {
  transitional: {
    main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
    r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
    rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  },
  strict: {
    main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
    r: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
    rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  },
};
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Text for XML element content: specials escaped, characters XML cannot hold (and `\r`, and `_xHHHH_`) as `_xHHHH_`. */
export function xmlText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '_' && /^_x[0-9A-Fa-f]{4}_/.test(text.slice(i, i + 7))) out += '_x005F_';
    else if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0xfffe || c === 0xffff) out += hexEscape(c);
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += ch + text[i + 1];
        i++;
      } else out += hexEscape(c);
    } else if (c >= 0xdc00 && c <= 0xdfff) out += hexEscape(c);
    else out += ch;
  }
  return out;
}

function hexEscape(c: number): string {
  return `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
}

export function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function tElement(p: string, text: string): string {
  const preserve = /^[\s]|[\s]$/.test(text) || /\n/.test(text) ? ' xml:space="preserve"' : '';
  return `<${p}t${preserve}>${xmlText(text)}</${p}t>`;
}

export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  add(key: string, xml: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(xml);
      this.index.set(key, i);
    }
    return i;
  }
}

function sharedKeyAndXml(cell: Cell, p: string): [string, string] | null {
  if (typeof cell === 'string') return [`s:${cell}`, tElement(p, cell)];
  if (cell && typeof cell === 'object' && 'rich' in cell) {
    const runs = cell.rich.map((r) => `<${p}r>${r.bold ? `<${p}rPr><${p}b/></${p}rPr>` : ''}${tElement(p, r.text)}</${p}r>`).join('');
    const ph = cell.phonetic !== undefined ? `<${p}rPh sb="0" eb="1">${tElement(p, cell.phonetic)}</${p}rPh>` : '';
    return [`r:${JSON.stringify(cell)}`, runs + ph];
  }
  return null;
}

function* iterate(rows: Sheet['rows']): Iterable<Cell[] | Row> {
  yield* typeof rows === 'function' ? rows() : rows;
}

function cellXml(cell: Cell, ref: string, p: string, wb: Workbook, strings: Strings | null): string {
  if (cell === null || cell === undefined) return '';
  const r = ref ? ` r="${ref}"` : '';
  if (typeof cell === 'string' || (typeof cell === 'object' && 'rich' in cell)) {
    if (wb.strings === 'inline' && typeof cell === 'string') return `<${p}c${r} t="inlineStr"><${p}is>${tElement(p, cell)}</${p}is></${p}c>`;
    const [key, xml] = sharedKeyAndXml(cell, p)!;
    const i = strings ? strings.add(key, xml) : 0;
    return `<${p}c${r} t="s"><${p}v>${i}</${p}v></${p}c>`;
  }
  if (typeof cell === 'number') return `<${p}c${r}><${p}v>${String(cell)}</${p}v></${p}c>`;
  if (typeof cell === 'boolean') return `<${p}c${r} t="b"><${p}v>${cell ? 1 : 0}</${p}v></${p}c>`;
  if ('xml' in cell) return cell.xml;
  if ('inline' in cell) return `<${p}c${r} t="inlineStr"><${p}is>${tElement(p, cell.inline)}</${p}is></${p}c>`;
  if ('str' in cell) return `<${p}c${r} t="str"><${p}f>${xmlText(cell.f ?? 'A1')}</${p}f><${p}v>${xmlText(cell.str)}</${p}v></${p}c>`;
  if ('error' in cell) return `<${p}c${r} t="e"><${p}v>${xmlText(cell.error)}</${p}v></${p}c>`;
  if ('iso' in cell) return `<${p}c${r} t="d"><${p}v>${xmlText(cell.iso)}</${p}v></${p}c>`;
  const s = cell.s ? ` s="${cell.s}"` : '';
  const f = 'f' in cell ? `<${p}f>${xmlText(cell.f)}</${p}f>` : '';
  return `<${p}c${r}${s}>${f}<${p}v>${String(cell.n)}</${p}v></${p}c>`;
}

/** The sheet's XML in chunks of about 64 KB. */
function* sheetXml(sheet: Sheet, wb: Workbook, strings: Strings | null, ns: (typeof NS)['strict']): Generator<Buffer> {
  const p = wb.prefix ? `${wb.prefix}:` : '';
  const xmlns = wb.prefix ? `xmlns:${wb.prefix}="${ns.main}"` : `xmlns="${ns.main}"`;
  let buf = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${xmlns} xmlns:r="${ns.r}"><${p}sheetData>`;
  let rowNumber = 0;
  for (const item of iterate(sheet.rows)) {
    const row: Row = Array.isArray(item) ? { cells: item } : item;
    rowNumber = row.r === undefined || row.r === null ? rowNumber + 1 : row.r;
    const rowRef = row.r === null || wb.rowRefs === false ? '' : ` r="${rowNumber}"`;
    const refs = row.cellRefs ?? wb.cellRefs ?? true;
    let cells = '';
    row.cells.forEach((cell, i) => {
      cells += cellXml(cell, refs ? `${columnName(i)}${rowNumber}` : '', p, wb, strings);
    });
    buf += `<${p}row${rowRef}>${cells}</${p}row>`;
    if (buf.length > 65536) {
      yield Buffer.from(buf, 'utf8');
      buf = '';
    }
  }
  buf += `</${p}sheetData></${p}worksheet>`;
  yield Buffer.from(buf, 'utf8');
}

/** Writes the workbook to `path`. */
export async function writeXlsx(path: string, wb: Workbook): Promise<void> {
  const ns = wb.strict ? NS.strict : NS.transitional;
  const p = wb.prefix ? `${wb.prefix}:` : '';
  const xmlns = wb.prefix ? `xmlns:${wb.prefix}="${ns.main}"` : `xmlns="${ns.main}"`;
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const zip = new yazl.ZipFile();
  const opts = { compress: wb.compress ?? true, mtime: new Date(Date.UTC(2016, 3, 1)) };
  const sheetParts = wb.sheets.map((s, i) => `${s.chart ? 'chartsheets' : 'worksheets'}/${s.part ?? `sheet${i + 1}.xml`}`);

  const types =
    `${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheetParts
      .map((part, i) =>
        `<Override PartName="/xl/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${wb.sheets[i].chart ? 'chartsheet' : 'worksheet'}+xml"/>`,
      )
      .join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
  zip.addBuffer(Buffer.from(types), '[Content_Types].xml', opts);
  zip.addBuffer(
    Buffer.from(`${decl}<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${ns.rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    '_rels/.rels',
    opts,
  );
  const rels =
    `${decl}<Relationships xmlns="${PKG_RELS}">` +
    sheetParts.map((part, i) => `<Relationship Id="rId${i + 1}" Type="${ns.rel}/${wb.sheets[i].chart ? 'chartsheet' : 'worksheet'}" Target="${part}"/>`).join('') +
    (wb.omitPartRels
      ? ''
      : `<Relationship Id="rIdS" Type="${ns.rel}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${ns.rel}/sharedStrings" Target="/xl/sharedStrings.xml"/>`) +
    '</Relationships>';
  zip.addBuffer(Buffer.from(rels), 'xl/_rels/workbook.xml.rels', opts);
  const workbook =
    `${decl}<${p}workbook ${xmlns} xmlns:r="${ns.r}"${wb.strict ? ' conformance="strict"' : ''}>` +
    `<${p}workbookPr${wb.date1904 ? ' date1904="1"' : ''}/><${p}sheets>` +
    wb.sheets
      .map((s, i) => `<${p}sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}"${s.state && s.state !== 'visible' ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('') +
    `</${p}sheets></${p}workbook>`;
  zip.addBuffer(Buffer.from(workbook), 'xl/workbook.xml', opts);
  const xfs = wb.cellXfs ?? DEFAULT_XFS;
  const fmts = wb.numFmts ?? DEFAULT_NUMFMTS;
  const styles =
    `${decl}<${p}styleSheet ${xmlns}>` +
    (fmts.length ? `<${p}numFmts count="${fmts.length}">${fmts.map((f) => `<${p}numFmt numFmtId="${f.id}" formatCode="${xmlAttr(f.code)}"/>`).join('')}</${p}numFmts>` : '') +
    `<${p}fonts count="1"><${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font></${p}fonts>` +
    `<${p}fills count="1"><${p}fill><${p}patternFill patternType="none"/></${p}fill></${p}fills>` +
    `<${p}borders count="1"><${p}border/></${p}borders>` +
    `<${p}cellStyleXfs count="1"><${p}xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs>` +
    `<${p}cellXfs count="${xfs.length}">${xfs.map((id) => `<${p}xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('')}</${p}cellXfs>` +
    `</${p}styleSheet>`;
  zip.addBuffer(Buffer.from(styles), 'xl/styles.xml', opts);

  const strings = new Strings();
  const sstXml = () =>
    Buffer.from(
      `${decl}<${p}sst ${xmlns} count="${strings.list.length}" uniqueCount="${strings.list.length}">${strings.list.map((x) => `<${p}si>${x}</${p}si>`).join('')}</${p}sst>`,
    );
  const addSheets = () => {
    wb.sheets.forEach((sheet, i) => {
      const part = `xl/${sheetParts[i]}`;
      if (sheet.chart) {
        zip.addBuffer(Buffer.from(`${decl}<${p}chartsheet ${xmlns}><${p}sheetViews/></${p}chartsheet>`), part, opts);
      } else {
        zip.addReadStreamLazy(part, opts, (cb) => cb(null, Readable.from(sheetXml(sheet, wb, strings, ns), { objectMode: false })));
      }
    });
  };
  if (wb.sharedStringsLast) {
    addSheets();
    zip.addReadStreamLazy('xl/sharedStrings.xml', opts, (cb) => cb(null, Readable.from([sstXml()], { objectMode: false })));
  } else {
    // A first pass over the rows collects the strings, as Excel writes sharedStrings before the sheets.
    for (const sheet of wb.sheets) if (!sheet.chart) for (const _ of sheetXml(sheet, wb, strings, ns));
    zip.addBuffer(sstXml(), 'xl/sharedStrings.xml', opts);
    addSheets();
  }
  zip.addBuffer(Buffer.from(`${decl}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>insyn-test</Application></Properties>`), 'docProps/app.xml', opts);
  zip.end();
  const out = createWriteStream(path);
  (zip.outputStream as NodeJS.ReadableStream).pipe(out);
  await finished(out);
}
