/**
 * Organisation numbers (spec notes, "Organisation numbers and personnummer"): 10 digits (`NNNNNN-NNNN` or without
 * the dash; 12-digit `16` + the 10 digits); Luhn check digit; a third digit of 2 or more for legal entities.
 * Personnummer are found by scripts/privacy/personnummer.ts on the normalised view of any text.
 */
import { luhnOk, normalisedView } from '../privacy/personnummer.ts';

export { luhnOk };
/**
 * The 10-digit core of a value written as an identity number, or null. Accepts `NNNNNNNNNN`, `NNNNNN-NNNN`,
 * `NNNNNN+NNNN`, `NNNNNNNNNNNN`, `NNNNNNNN-NNNN` (and a space instead of the dash), with surrounding spaces.
 */
export function identityCore(value: string): { core: string; century: string | null } | null {
  const n0 = value.length;
  if (n0 === 10 && allDigits(value)) return { core: value, century: null };
  if (n0 < 10) return null;
  const s = value.trim();
  const n = s.length;
  if (n < 10 || n > 13) return null;
  const m = /^(\d{2})?(\d{6})[-+ ]?(\d{4})$/.exec(s);
  if (!m) return null;
  return { core: m[2] + m[3], century: m[1] ?? null };
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

export type OrgNumberCheck = 'ok' | 'checksum' | 'not-orgnr';

/** Checks a supplier or buyer id as an organisation number. */
export function checkOrgNumber(value: string): OrgNumberCheck {
  if (value.length === 10 && allDigits(value)) return value.charCodeAt(2) < 0x32 ? 'not-orgnr' : luhnOk(value) ? 'ok' : 'checksum';
  const id = identityCore(value);
  if (!id) return 'not-orgnr';
  if (id.century !== null && id.century !== '16') return 'not-orgnr';
  if (id.core.charCodeAt(2) < 0x32) return 'not-orgnr';
  return luhnOk(id.core) ? 'ok' : 'checksum';
}

/** `212000-1355` / `2120001355` / `162120001355` → `2120001355`, or null. */
export function orgNumberDigits(value: string): string | null {
  const id = identityCore(value);
  return id && (id.century === null || id.century === '16') ? id.core : null;
}


/**
 * The organisation number a value is written as, in any form (`556036–0793`, `16 556036-0793`, fullwidth digits,
 * a no-break space): its 10 ASCII digits when they are a valid organisation number (third digit 2 or more, Luhn),
 * else null. What identifies a supplier across rows, files and publishers.
 */
export function orgNumberOf(value: string): string | null {
  if (value.length === 10 && allDigits(value)) return value.charCodeAt(2) >= 0x32 && luhnOk(value) ? value : null;
  if (value.length < 10 || value.length > 40) return null;
  const view = /[^\x00-\x7f]/.test(value) ? normalisedView(value).text : value.replace(/[-\s.+_/]/g, ' ');
  let digits = '';
  for (const c of view) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c !== ' ') return null;
  }
  if (digits.length === 12 && digits.startsWith('16')) digits = digits.slice(2);
  if (digits.length !== 10 || digits.charCodeAt(2) < 0x32 || !luhnOk(digits)) return null;
  return digits;
}
