/**
 * Stage "redact": sole traders and personnummer. The only maker of `PublishedRow`, the one kind of row the writers
 * and the aggregator take: a row cannot reach an output without passing here.
 *
 * - A `leverantor_id` that is a personnummer or samordningsnummer in any written form (scripts/privacy/
 *   personnummer.ts, `supplierId` strictness: check digit or not) marks a sole trader: the id is blanked and the
 *   name replaced by a fixed marker.
 * - A supplier name that holds a personnummer (check digit or not) is treated the same way.
 * - Names masked at the source (`[innehåller personuppgifter]`, `*****`, `ANONYMERAD`, …) count as redacted and
 *   get the same marker, so that such rows are never summed into one named supplier.
 * - Any personnummer in any other text column is replaced by a mask. The amount and the date were parsed to a
 *   number and an ISO date before this stage, so they hold none.
 */
import { COL, SPEC_COLUMNS } from './columns.ts';
import { maskPersonnummer, supplierIdKind } from '../privacy/personnummer.ts';

/** What replaces a sole trader's name in the published data. */
export const SOLE_TRADER_NAME = 'Enskild näringsidkare (personuppgift borttagen)';

export type Redaction = 'sole_trader' | 'personnummer_in_name' | 'masked_at_source' | null;

declare const PUBLISHED: unique symbol;

/** A row in spec column order that went through `Redactor.redact`: the only row the writers accept. */
export type PublishedRow = readonly string[] & { readonly [PUBLISHED]: true };

const MASKED_AT_SOURCE = /^(?:\[?\s*inneh[åa]ller personuppgifter\s*\]?|\*{3,}|x{3,}|anonymiserad|anonymerad|skyddad identitet|personuppgift(?:er)?|sekretess)$/i;

/** First letters a masked name can start with (lower-cased): a cheap test before the regular expression. */
const MASK_START = new Set(['[', '*', 'x', 'i', 'a', 's', 'p']);

export function isMaskedName(name: string): boolean {
  return MASK_START.has(name.charAt(0).toLowerCase()) && MASKED_AT_SOURCE.test(name.trim());
}

const SUPPLIER = COL.leverantor;
const SUPPLIER_ID = COL.leverantor_id;
const OTHER = SPEC_COLUMNS.map((_, i) => i).filter((i) => i !== SUPPLIER && i !== SUPPLIER_ID && i !== COL.belopp && i !== COL.datum);

/**
 * Redacts checked rows. One per file: it remembers the last clean value of each column (and the last clean supplier),
 * since exports repeat the same buyer, supplier, account text and department on row after row. (Equality with the
 * previous value is cheaper than any lookup: a fresh string from the parser would have to be hashed.)
 */
export class Redactor {
  private readonly lastClean: string[] = SPEC_COLUMNS.map(() => '');
  private lastId = '\u0000';
  private lastName = '\u0000';

  /** `onMasked(column, original)` is told of each personnummer masked in a column other than the supplier's. */
  constructor(private readonly onMasked?: (column: number, original: string) => void) {}

  /** Redacts the row in place and returns it as a PublishedRow, with why it was redacted as a sole trader. */
  redact(row: string[]): { row: PublishedRow; why: Redaction } {
    let why: Redaction = null;
    const id = row[SUPPLIER_ID];
    const name = row[SUPPLIER];
    if (id !== this.lastId || name !== this.lastName) {
      if (id !== '' && supplierIdKind(id) !== null) why = 'sole_trader';
      else if (maskPersonnummer(name, 'name') !== name) why = 'personnummer_in_name';
      else if (name !== '' && isMaskedName(name)) why = 'masked_at_source';
      else {
        this.lastId = id;
        this.lastName = name;
      }
    }
    if (why !== null) {
      row[SUPPLIER_ID] = '';
      row[SUPPLIER] = SOLE_TRADER_NAME;
    }
    const last = this.lastClean;
    for (const c of OTHER) {
      const v = row[c];
      if (v.length < 10 || v === last[c]) continue;
      const masked = maskPersonnummer(v, 'text');
      if (masked === v) {
        last[c] = v;
        continue;
      }
      row[c] = masked;
      this.onMasked?.(c, v);
    }
    return { row: row as unknown as PublishedRow, why };
  }
}
