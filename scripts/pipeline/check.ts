/**
 * Stage "check": one source record → a row in spec column order, or a rejection.
 *
 * A row is rejected only when it cannot be published truthfully: amount missing or not a number, date missing or
 * impossible, both supplier name and id empty, a different number of fields than the header, or a sum row.
 * Every other deviation from the spec is a warning: the row is published and the warning counted.
 */
import type { Publisher } from '../model.ts';
import { COL, SPEC_COLUMNS, type HeaderMapping, type SpecColumn } from './columns.ts';
import { checkOrgNumber, orgNumberDigits, orgNumberOf } from './identity.ts';
import { supplierIdKind } from '../privacy/personnummer.ts';
import { msg, trusted, type Safe } from '../privacy/safe.ts';
import { oreNumberToText } from './money.ts';
import { parseAmount, parseDate } from './parse.ts';
import type { Report } from './report.ts';

export interface FileContext {
  /** The file's name as shown in reports (relative to the dataset folder or as given on the command line). */
  file: Safe;
  mapping: HeaderMapping;
  headerLength: number;
  publisher?: Publisher;
  report: Report;
  /** Values for columns the export does not have (buyer from the publisher, and so on). */
  fill: Partial<Record<SpecColumn, string>>;
  /** Whether `konto_nr` holds "number name" and `konto_text` must be split from it. */
  splitAccount: boolean;
  /** Spec 1.0 layout: no `kopare_id`, and `kopare` holds the buyer's organisation number. */
  buyerNumberInName?: boolean;
  /** `fill` as [column index, value] pairs (hot path). */
  fillList: [number, string][];
  /** Indexes of the required text columns the export has (an empty one is a warning). */
  requiredPresent: number[];
  /** For each spec column (in order), the index of the export's column, or -1 (hot path). */
  sourceList: Int32Array;
}

/** Completes a FileContext with the lists the hot path uses. */
export function fileContext(base: Omit<FileContext, 'fillList' | 'requiredPresent' | 'sourceList'>): FileContext {
  const sourceList = Int32Array.from(SPEC_COLUMNS.map((c) => base.mapping.sourceIndex[c]));
  const fillList = Object.entries(base.fill).map(([col, v]) => [COL[col as SpecColumn], v as string] as [number, string]);
  const requiredPresent = REQUIRED_TEXT.filter((c) => base.mapping.sourceIndex[c] >= 0).map((c) => COL[c]);
  return { ...base, fillList, requiredPresent, sourceList };
}

export interface CheckedRow {
  /** Published values in spec 1.1 column order (amount normalised to `1234.50`, date to ISO). */
  row: string[];
  ore: number;
  date: string;
}

const N = SPEC_COLUMNS.length;
const REQUIRED_TEXT: SpecColumn[] = ['kopare_id', 'kopare', 'verifikationsnummer', 'konto_nr', 'konto_text'];
const SUM_ROW = /^\s*(summa|totalt?|total summa|slutsumma)\b/i;

const MESSAGES: Record<string, string> = {
  field_count:
    'The row has a different number of fields than the header. A separator or a quote inside a value is probably not quoted; fix the export.',
  supplier_missing: 'Both the supplier name (leverantor) and the supplier id (leverantor_id) are empty.',
  sum_row: 'This is a sum row (Summa/Total), not an invoice line; it is left out. Export without sum rows.',
  required_empty: 'A column the spec requires is empty.',
  supplier_id_checksum: 'The supplier id (leverantor_id) looks like an organisation number but its check digit is wrong.',
  buyer_id_mismatch: "The buyer id (kopare_id) is not the dataset publisher's organisation number.",
  amount_personnummer:
    'The amount (belopp) is written like a personnummer: the columns are probably shifted or mixed up. The row is left out; check the export.',
  kommun_id_missing: "The municipality code (kommun_id) is empty; the publisher's code was filled in.",
};

export function message(code: string): Safe {
  return trusted(MESSAGES[code] ?? code);
}

/** Checks one data record. Returns null when the row is rejected (the reason is in the report). */
export function checkRecord(fields: string[], rowNo: number, line: number, ctx: FileContext): CheckedRow | null {
  const { report, file, mapping } = ctx;
  const idx = mapping.sourceIndex;
  if (fields.length !== ctx.headerLength) {
    report.reject(
      file,
      rowNo,
      line,
      trusted(''),
      'field_count',
      msg`${message('field_count')} (header: ${ctx.headerLength} fields, this row: ${fields.length})`,
      fields.slice(0, 3).join(' | '),
    );
    return null;
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
  const rawDate = row[COL.datum];

  if (rawDate === '' && SUM_ROW.test(fields.find((f) => f.trim() !== '') ?? '')) {
    report.reject(file, rowNo, line, trusted('leverantor'), 'sum_row', message('sum_row'), fields.find((f) => f.trim() !== '') ?? '');
    return null;
  }
  if (supplier === '' && supplierId === '') {
    report.reject(file, rowNo, line, trusted('leverantor'), 'supplier_missing', message('supplier_missing'), '');
    return null;
  }
  const amount = parseAmount(rawAmount);
  if (!amount.ok) {
    report.reject(file, rowNo, line, trusted('belopp'), amount.code, amount.message, rawAmount);
    return null;
  }
  if (rawAmount.length >= 10 && supplierIdKind(rawAmount.trim()) !== null) {
    report.reject(file, rowNo, line, trusted('belopp'), 'amount_personnummer', message('amount_personnummer'), rawAmount);
    return null;
  }
  const date = parseDate(rawDate);
  if (!date.ok) {
    report.reject(file, rowNo, line, trusted('datum'), date.code, date.message, rawDate);
    return null;
  }
  if (date.warning) report.warn(file, rowNo, line, trusted('datum'), date.warning.code, date.warning.message, rawDate);
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
  const org = orgNumberOf(supplierId);
  if (org !== null && org !== supplierId) row[COL.leverantor_id] = org;
  const buyerId = row[COL.kopare_id];
  const buyerOrg = orgNumberOf(buyerId);
  if (buyerOrg !== null && buyerOrg !== buyerId) row[COL.kopare_id] = buyerOrg;
  if (supplierId !== '' && supplierId.charCodeAt(2) >= 0x32 && checkOrgNumber(supplierId) === 'checksum') {
    report.warn(file, rowNo, line, trusted('leverantor_id'), 'supplier_id_checksum', message('supplier_id_checksum'), supplierId);
  }
  const pub = ctx.publisher;
  if (pub) {
    const buyer = row[COL.kopare_id];
    if (buyer !== '' && orgNumberDigits(buyer) !== pub.orgNumber.replace('-', '')) {
      report.warn(file, rowNo, line, trusted('kopare_id'), 'buyer_id_mismatch', message('buyer_id_mismatch'), buyer);
    }
    if (pub.type === 'municipality' && row[COL.kommun_id] === '' && pub.municipalityCode) {
      row[COL.kommun_id] = pub.municipalityCode;
      if (idx.kommun_id >= 0) report.warn(file, rowNo, line, trusted('kommun_id'), 'kommun_id_missing', message('kommun_id_missing'), '');
    }
  }
  return { row, ore: amount.ore, date: date.date };
}
