/**
 * Stage "redact": sole traders and personnummer.
 *
 * - A `leverantor_id` that is a personnummer or samordningsnummer in any written form (or one with a wrong check
 *   digit: still personal data) marks a sole trader: the id is blanked and the name replaced by a fixed marker.
 * - A supplier name that holds a personnummer is treated the same way.
 * - Names masked at the source (`[innehåller personuppgifter]`, `*****`, `ANONYMERAD`, …) count as redacted and
 *   get the same marker, so that such rows are never summed into one named supplier.
 * - Any personnummer in any other column is replaced by a mask.
 */
import { COL, SPEC_COLUMNS } from './columns.ts';
import { maskPersonnummer, personnummerKind } from './identity.ts';

/** What replaces a sole trader's name in the published data. */
export const SOLE_TRADER_NAME = 'Enskild näringsidkare (personuppgift borttagen)';

export type Redaction = 'sole_trader' | 'personnummer_in_name' | 'masked_at_source' | null;

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
 * Redacts checked rows in place. One per file: it remembers the last clean value of each column, since exports
 * repeat the same buyer, account text and department on row after row.
 */
export class Redactor {
  private readonly lastClean: string[] = SPEC_COLUMNS.map(() => '');

  constructor(private readonly onMasked?: (column: number) => void) {}

  /** Returns why the row was redacted as a sole trader, or null. */
  redact(row: string[]): Redaction {
    let why: Redaction = null;
    const id = row[SUPPLIER_ID];
    const name = row[SUPPLIER];
    if (id !== '' && personnummerKind(id) !== null) why = 'sole_trader';
    else if (maskPersonnummer(name) !== name) why = 'personnummer_in_name';
    else if (name !== '' && isMaskedName(name)) why = 'masked_at_source';
    else if (id.length > 10 && maskPersonnummer(id) !== id) why = 'sole_trader'; // e.g. "Anna Ek 800101-…"
    if (why !== null) {
      row[SUPPLIER_ID] = '';
      row[SUPPLIER] = SOLE_TRADER_NAME;
    }
    const last = this.lastClean;
    for (const c of OTHER) {
      const v = row[c];
      if (v.length < 10 || v === last[c]) continue;
      const masked = maskPersonnummer(v);
      if (masked === v) {
        last[c] = v;
        continue;
      }
      row[c] = masked;
      this.onMasked?.(c);
    }
    return why;
  }
}
