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

export function isMaskedName(name: string): boolean {
  return MASKED_AT_SOURCE.test(name);
}

const SUPPLIER = COL.leverantor;
const SUPPLIER_ID = COL.leverantor_id;
const OTHER = SPEC_COLUMNS.map((_, i) => i).filter((i) => i !== SUPPLIER && i !== SUPPLIER_ID && i !== COL.belopp && i !== COL.datum);

/** Redacts a checked row in place. Returns why it was redacted as a sole trader, or null. */
export function redactRow(row: string[], onMasked?: (column: number) => void): Redaction {
  let why: Redaction = null;
  const id = row[SUPPLIER_ID];
  const name = row[SUPPLIER];
  if (id !== '' && personnummerKind(id) !== null) why = 'sole_trader';
  else if (maskPersonnummer(name) !== name) why = 'personnummer_in_name';
  else if (name !== '' && isMaskedName(name)) why = 'masked_at_source';
  else if (id !== '') {
    const masked = maskPersonnummer(id);
    if (masked !== id) why = 'sole_trader';
  }
  if (why !== null) {
    row[SUPPLIER_ID] = '';
    row[SUPPLIER] = SOLE_TRADER_NAME;
  }
  for (const c of OTHER) {
    const v = row[c];
    if (v.length >= 10) {
      const masked = maskPersonnummer(v);
      if (masked !== v) {
        row[c] = masked;
        onMasked?.(c);
      }
    }
  }
  return why;
}
