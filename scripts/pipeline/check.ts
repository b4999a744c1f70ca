/**
 * Stage "check": one source record → a row in spec column order, or a rejection.
 *
 * A row is rejected only when it cannot be published truthfully: amount missing, not a number, or not readable by
 * the file's decimal mark; date missing, impossible, or in a form the file does not use; both supplier name and id
 * empty; a different number of fields than the header; or a sum row. Every other deviation from the spec is a
 * warning (the row is published and the warning counted) or, when it is the same on every row of a file (a date
 * form, a filled-in value, supplier ids that are not organisation numbers), one note for the file with its count.
 */
import type { Publisher } from '../model.ts';
import { COL, SPEC_COLUMNS, type HeaderMapping, type SpecColumn } from './columns.ts';
import { checkOrgNumber, orgNumberDigits, orgNumberOf } from './identity.ts';
import { containsPersonnummer, supplierIdKind } from '../privacy/personnummer.ts';
import { msg, quoted, safeJoin, trusted, type Safe } from '../privacy/safe.ts';
import { oreNumberToText } from './money.ts';
import { DATE_FORM_NAMES, parseAmount, parseDate, type DateForm, type DecimalMark } from './parse.ts';
import type { Report } from './report.ts';

/** Kinds of supplier id that are not a Swedish organisation number (published as written, counted per file). */
export type SupplierIdKind = 'placeholder' | 'foreign_vat' | 'several' | 'internal';

/** What a file does on every row: counted, then reported once for the file (`fileNotes`). */
export interface FileTally {
  dateForms: Map<Exclude<DateForm, 'iso'>, number>;
  supplierIds: Map<SupplierIdKind | 'empty', { count: number; examples: string[] }>;
  spec10Buyer: number;
  kommunFilled: number;
  /** Rows whose date came from the file name or dataset.json (no date column). */
  periodFilled: number;
}

export interface FileContext {
  /** The file's name as shown in reports (relative to the dataset folder or as given on the command line). */
  file: Safe;
  mapping: HeaderMapping;
  headerLength: number;
  /** The file's separator (null for a workbook). */
  delimiter: string | null;
  /** A workbook: rows end at their last filled cell, so shorter rows are padded, never a field-count error. */
  workbook: boolean;
  publisher?: Publisher;
  report: Report;
  /** Values for columns the export does not have (buyer from the publisher, the month from the file name, …). */
  fill: Partial<Record<SpecColumn, string>>;
  /** Whether `konto_nr` holds "number name" and `konto_text` must be split from it. */
  splitAccount: boolean;
  /** Spec 1.0 layout: no `kopare_id`, and `kopare` may hold the buyer's organisation number. */
  buyerNumberInName?: boolean;
  /** The file's decimal mark, once a value has shown it (or from dataset.json); with the line that showed it. */
  mark: DecimalMark | null;
  markSeen: { line: number; value: string } | null;
  /** The first date form other than ISO that the file uses: the form of all its non-ISO dates. */
  dateForm: Exclude<DateForm, 'iso'> | null;
  tally: FileTally;
  /** orgNumberOf, remembered for the ids a file repeats (hot path). */
  orgNumbers: OrgNumberMemo;
  /** `fill` as [column index, value] pairs (hot path). */
  fillList: [number, string][];
  /** Indexes of the required text columns the export has (an empty one is a warning). */
  requiredPresent: number[];
  /** For each spec column (in order), the index of the export's column, or -1 (hot path). */
  sourceList: Int32Array;
}

type ContextBase = Omit<FileContext, 'fillList' | 'requiredPresent' | 'sourceList' | 'tally' | 'dateForm' | 'markSeen' | 'orgNumbers'>;

/** orgNumberOf, remembering the last two values asked (a file repeats its buyer on every row, and often a supplier). */
export class OrgNumberMemo {
  private a = '\u0000';
  private ra: string | null = null;
  private b = '\u0000';
  private rb: string | null = null;
  of(value: string): string | null {
    if (value === this.a) return this.ra;
    if (value === this.b) return this.rb;
    const r = orgNumberOf(value);
    this.b = this.a;
    this.rb = this.ra;
    this.a = value;
    this.ra = r;
    return r;
  }
}

/** Completes a FileContext with the lists the hot path uses. */
export function fileContext(base: ContextBase): FileContext {
  const sourceList = Int32Array.from(SPEC_COLUMNS.map((c) => base.mapping.sourceIndex[c]));
  const fillList = Object.entries(base.fill).map(([col, v]) => [COL[col as SpecColumn], v as string] as [number, string]);
  const requiredPresent = REQUIRED_TEXT.filter((c) => base.mapping.sourceIndex[c] >= 0).map((c) => COL[c]);
  const tally: FileTally = { dateForms: new Map(), supplierIds: new Map(), spec10Buyer: 0, kommunFilled: 0, periodFilled: 0 };
  return { ...base, fillList, requiredPresent, sourceList, tally, dateForm: null, markSeen: null, orgNumbers: new OrgNumberMemo() };
}

export interface CheckedRow {
  /** Published values in spec 1.1 column order (amount normalised to `1234.50`, date to ISO). */
  row: string[];
  ore: number;
  date: string;
}

const N = SPEC_COLUMNS.length;
const REQUIRED_TEXT: SpecColumn[] = ['kopare_id', 'kopare', 'verifikationsnummer', 'konto_nr', 'konto_text'];
const SUM_ROW = /^\s*(summa|totalt?|total summa|slutsumma|sum|total)\b/i;

const MESSAGES: Record<string, string> = {
  supplier_missing: 'Both the supplier name (leverantor) and the supplier id (leverantor_id) are empty.',
  sum_row: 'This is a sum row (Summa/Total, or only an amount), not an invoice line; it is left out. Export without sum rows.',
  required_empty: 'A column the spec requires is empty.',
  supplier_id_checksum: 'The supplier id (leverantor_id) looks like an organisation number but its check digit is wrong.',
  buyer_id_mismatch: "The buyer id (kopare_id) is not the dataset publisher's organisation number.",
  amount_personnummer:
    'The amount (belopp) is written like a personnummer: the columns are probably shifted or mixed up. The row is left out; check the export.',
};

export function message(code: string): Safe {
  return trusted(MESSAGES[code] ?? code);
}

/** Why a row has another number of fields than the header, in words a finance clerk can act on. */
function fieldCountMessage(fields: string[], ctx: FileContext): Safe {
  const counts = msg`(header: ${ctx.headerLength} fields, this row: ${fields.length})`;
  if (fields.length < ctx.headerLength) {
    return msg`The row has fewer fields than the header ${counts}: a value is missing at the end, or the row was cut off. Export the row whole.`;
  }
  // `1234,50` unquoted in a comma-separated file: the amount falls apart into two fields.
  if (ctx.delimiter === ',') {
    for (let i = 0; i + 1 < fields.length; i++) {
      if (/^-?\d+$/.test(fields[i].trim()) && /^\d{1,2}-?$/.test(fields[i + 1].trim())) {
        return msg`The row has more fields than the header ${counts}. This comma-separated file seems to have decimal commas in unquoted amounts (like ${quoted(`${fields[i].trim()},${fields[i + 1].trim()}`, 30)}): export with ; as the separator, or with the amounts in quotes.`;
      }
    }
  }
  return msg`The row has more fields than the header ${counts}: a separator (or a quote) inside a value is probably not quoted. Fix the export.`;
}

const PLACEHOLDER = /^(?:null|saknas|saknad|okänd|okand|unknown|n\/?a|ej angivet|ingen|-+|\.+|0+|x+|\?+)$/i;
const FOREIGN_VAT = /^(?!SE)[A-Z]{2}[\s-]?[0-9][0-9A-Z\s-]{5,16}$/i;
const SEVERAL = /\d{4}.*(?:[/;,&+]|\boch\b).*\d{4}/i;

/** What kind of non-organisation-number a supplier id is (it is not a personnummer; that was checked first). */
export function supplierIdKindOf(id: string): SupplierIdKind | null {
  if (orgNumberOf(id) !== null) return null;
  const v = id.trim();
  if (PLACEHOLDER.test(v)) return 'placeholder';
  if (SEVERAL.test(v)) return 'several';
  if (FOREIGN_VAT.test(v)) return 'foreign_vat';
  return 'internal';
}

function countId(ctx: FileContext, kind: SupplierIdKind | 'empty', id: string): void {
  let t = ctx.tally.supplierIds.get(kind);
  if (!t) ctx.tally.supplierIds.set(kind, (t = { count: 0, examples: [] }));
  t.count++;
  if (t.examples.length < 5 && id !== '' && !t.examples.includes(id)) t.examples.push(id);
}

/** Checks one data record. Returns null when the row is rejected (the reason is in the report). */
export function checkRecord(fields: string[], rowNo: number, line: number, ctx: FileContext): CheckedRow | null {
  const { report, file, mapping } = ctx;
  const idx = mapping.sourceIndex;
  if (fields.length !== ctx.headerLength) {
    if (ctx.workbook && fields.length < ctx.headerLength) {
      fields = fields.concat(Array.from({ length: ctx.headerLength - fields.length }, () => ''));
    } else {
      report.reject(file, rowNo, line, trusted(''), 'field_count', fieldCountMessage(fields, ctx), fields.slice(0, 3).join(' | '));
      return null;
    }
  }
  const row = new Array<string>(N);
  const source = ctx.sourceList;
  for (let c = 0; c < N; c++) {
    const i = source[c];
    if (i < 0) {
      row[c] = '';
      continue;
    }
    const v = fields[i];
    const last = v.length - 1;
    row[c] = last >= 0 && (v.charCodeAt(0) <= 0x20 || v.charCodeAt(last) <= 0x20 || v.charCodeAt(0) === 0xa0 || v.charCodeAt(last) === 0xa0) ? v.trim() : v;
  }

  const supplier = row[COL.leverantor];
  const supplierId = row[COL.leverantor_id];
  const rawAmount = row[COL.belopp];
  let rawDate = row[COL.datum];

  if (rawDate === '') {
    // `Summa …` first, or a row of nothing but an amount (`,,,,,,,,,"726,583.94"`): a sum row, not an invoice line.
    const firstText = fields.find((f) => f.trim() !== '') ?? '';
    const onlyAmount = supplier === '' && supplierId === '' && rawAmount !== '' && fields.every((f, i) => i === idx.belopp || f.trim() === '');
    if (SUM_ROW.test(firstText) || onlyAmount) {
      report.reject(file, rowNo, line, trusted('leverantor'), 'sum_row', message('sum_row'), firstText);
      return null;
    }
  }
  if (supplier === '' && supplierId === '') {
    report.reject(file, rowNo, line, trusted('leverantor'), 'supplier_missing', message('supplier_missing'), '');
    return null;
  }
  const amount = parseAmount(rawAmount, ctx.mark);
  if (ctx.mark === null && amount.reveals) {
    ctx.mark = amount.reveals;
    ctx.markSeen = { line, value: rawAmount };
  }
  if (!amount.ok) {
    const why = amount.code === 'amount_mark' && ctx.markSeen ? msg`${amount.message} (The first amount that showed the file's mark is on line ${ctx.markSeen.line}: ${quoted(ctx.markSeen.value, 30)}.)` : amount.message;
    report.reject(file, rowNo, line, trusted('belopp'), amount.code, why, rawAmount);
    return null;
  }
  // `850517.9872`, `8505179872`: a personnummer in the amount column (the columns are shifted); `85010100.00` is money.
  if (rawAmount.length >= 10 && containsPersonnummer(rawAmount, 'name')) {
    report.reject(file, rowNo, line, trusted('belopp'), 'amount_personnummer', message('amount_personnummer'), rawAmount);
    return null;
  }
  if (idx.datum < 0 && ctx.fill.datum !== undefined) {
    rawDate = ctx.fill.datum;
    ctx.tally.periodFilled++;
  }
  const date = parseDate(rawDate);
  if (!date.ok) {
    report.reject(file, rowNo, line, trusted('datum'), date.code, date.message, rawDate);
    return null;
  }
  if (date.form !== 'iso' && idx.datum >= 0) {
    if (ctx.dateForm === null) ctx.dateForm = date.form;
    else if (date.form !== ctx.dateForm) {
      report.reject(
        file,
        rowNo,
        line,
        trusted('datum'),
        'date_invalid',
        msg`This date is written ${trusted(DATE_FORM_NAMES[date.form])}, while the file's other dates are written ${trusted(DATE_FORM_NAMES[ctx.dateForm])}: a file keeps to one form. Export dates as YYYY-MM-DD.`,
        rawDate,
      );
      return null;
    }
    ctx.tally.dateForms.set(date.form, (ctx.tally.dateForms.get(date.form) ?? 0) + 1);
  }
  if (!amount.canonical) row[COL.belopp] = oreNumberToText(amount.ore);
  row[COL.datum] = date.date;

  if (ctx.splitAccount) {
    const m = /^(\d+)\s+(.+)$/.exec(row[COL.konto_nr]);
    if (m) {
      row[COL.konto_nr] = m[1];
      row[COL.konto_text] = m[2];
    }
  }
  if (ctx.buyerNumberInName) {
    const digits = orgNumberDigits(row[COL.kopare]);
    if (digits !== null && checkOrgNumber(digits) === 'ok') {
      row[COL.kopare_id] = digits;
      row[COL.kopare] = ctx.publisher?.name ?? '';
      ctx.tally.spec10Buyer++;
    }
  }
  for (const [c, value] of ctx.fillList) if (row[c] === '') row[c] = value;

  // Warnings: published, counted.
  for (const c of ctx.requiredPresent) {
    if (row[c] === '') report.warn(file, rowNo, line, trusted(SPEC_COLUMNS[c]), 'required_empty', msg`${message('required_empty')} (${trusted(SPEC_COLUMNS[c])})`, '');
  }
  if (supplier === '') report.warn(file, rowNo, line, trusted('leverantor'), 'required_empty', msg`${message('required_empty')} (leverantor)`, '');
  // `556036-0793`, `556036–0793`, `16 556036-0793` → `5560360793`, as the spec writes organisation numbers (only
  // when it is one): the same organisation is then one supplier however an export wrote its number.
  const org = ctx.orgNumbers.of(supplierId);
  if (org !== null) {
    if (org !== supplierId) row[COL.leverantor_id] = org;
  } else if (supplierId === '') {
    countId(ctx, 'empty', '');
  } else if (supplierIdKind(supplierId) === null) {
    if (supplierId.charCodeAt(2) >= 0x32 && checkOrgNumber(supplierId) === 'checksum') {
      report.warn(file, rowNo, line, trusted('leverantor_id'), 'supplier_id_checksum', message('supplier_id_checksum'), supplierId);
    } else {
      const kind = supplierIdKindOf(supplierId);
      if (kind) countId(ctx, kind, supplierId);
    }
  }
  const buyerId = row[COL.kopare_id];
  const buyerOrg = ctx.orgNumbers.of(buyerId);
  if (buyerOrg !== null && buyerOrg !== buyerId) row[COL.kopare_id] = buyerOrg;
  const pub = ctx.publisher;
  if (pub) {
    const buyer = row[COL.kopare_id];
    if (buyer !== '' && (buyerOrg ?? orgNumberDigits(buyer)) !== pub.orgNumber.replace('-', '')) {
      report.warn(file, rowNo, line, trusted('kopare_id'), 'buyer_id_mismatch', message('buyer_id_mismatch'), buyer);
    }
    if (pub.type === 'municipality' && row[COL.kommun_id] === '' && pub.municipalityCode) {
      row[COL.kommun_id] = pub.municipalityCode;
      if (idx.kommun_id >= 0) ctx.tally.kommunFilled++;
    }
  }
  return { row, ore: amount.ore, date: date.date };
}

const ID_KINDS: Record<SupplierIdKind | 'empty', string> = {
  placeholder: 'a placeholder (NULL, SAKNAS, -, 0)',
  foreign_vat: 'a foreign VAT number',
  several: 'several ids in one cell',
  internal: 'an internal supplier number',
  empty: 'no id',
};

/** The notes for what a file did on many rows (one note each, with the count), once the file is read. */
export function fileNotes(ctx: FileContext): void {
  const { report, file, tally } = ctx;
  for (const [form, count] of tally.dateForms) {
    if (form === 'month') {
      report.note(file, 'date_month_only', msg`${count} date(s) give only the month (${trusted(DATE_FORM_NAMES.month)}); they are published as YYYY-MM, never with an invented day. The spec asks for the booking day.`);
    } else {
      report.note(file, 'date_format', msg`${count} date(s) are written ${trusted(DATE_FORM_NAMES[form])}; they were read as YYYY-MM-DD, the form the spec asks for.`);
    }
  }
  if (tally.periodFilled > 0) {
    report.note(file, 'date_from_period', msg`The export has no date column: its ${tally.periodFilled} row(s) are published with the month ${quoted(ctx.fill.datum ?? '')} as datum (from the file name or dataset.json), never with an invented day.`);
  }
  if (tally.supplierIds.size > 0) {
    const parts = [...tally.supplierIds.entries()]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([kind, t]) => msg`${t.count} with ${trusted(ID_KINDS[kind])}${t.examples.length ? msg` (${safeJoin(t.examples.map((e) => quoted(e, 30)), ', ')})` : msg``}`);
    const total = [...tally.supplierIds.values()].reduce((n, t) => n + t.count, 0);
    report.note(
      file,
      'supplier_id_not_orgnr',
      msg`${total} row(s) have a supplier id that is not a Swedish organisation number: ${safeJoin(parts, '; ')}. They are published as written, and such suppliers are told apart by their name, never merged by the id.`,
    );
  }
  if (tally.spec10Buyer > 0) {
    report.note(file, 'spec_1_0_buyer', msg`The export has kopare but no kopare_id (the spec 1.0 layout), and kopare holds an organisation number on ${tally.spec10Buyer} row(s): it is published as kopare_id, with the buyer's name from the settings.`);
  }
  if (tally.kommunFilled > 0 && ctx.publisher?.municipalityCode) {
    report.note(file, 'kommun_id_filled', msg`kommun_id is empty on ${tally.kommunFilled} row(s); the publisher's municipality code ${quoted(ctx.publisher.municipalityCode)} from site.json was filled in.`);
  }
}
