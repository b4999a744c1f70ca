/** Writes small export files byte for byte in the dialects real finance systems use. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '–': 0x96, '—': 0x97, '’': 0x92, '”': 0x94 };

export function encode1252(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  let i = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[i++] = code;
    else if (CP1252_EXTRA[ch] !== undefined) out[i++] = CP1252_EXTRA[ch];
    else throw new Error(`not in Windows-1252: ${ch}`);
  }
  return out.subarray(0, i);
}

export type Enc = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'cp1252';

export function encodeText(text: string, enc: Enc): Buffer {
  switch (enc) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'cp1252':
      return encode1252(text);
  }
}

/** Joins rows (arrays of already-quoted cells) with a separator and a line end, and writes the file. */
export function writeExport(dir: string, name: string, rows: string[][], o: { sep: string; eol: string; enc: Enc; trailingEol?: boolean }): string {
  const text = rows.map((r) => r.join(o.sep)).join(o.eol) + (o.trailingEol === false ? '' : o.eol);
  const path = join(dir, name);
  writeFileSync(path, encodeText(text, o.enc));
  return path;
}
