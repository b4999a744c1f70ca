/**
 * Test personnummer: invented, with birth numbers 980–999 (the range Skatteverket keeps for test numbers) and a
 * valid check digit. Never a real person's.
 */
import fc from 'fast-check';
import { luhnOk } from '../../scripts/pipeline/identity.ts';

export function withCheckDigit(nine: string): string {
  for (let d = 0; d <= 9; d++) if (luhnOk(nine + d)) return nine + d;
  throw new Error('unreachable');
}

/** `yyyymmdd` + serial (980–999) → the 12-digit personnummer; `coordination` adds 60 to the day. */
export function testPnr(y: number, m: number, d: number, serial: number, coordination = false): string {
  const dd = d + (coordination ? 60 : 0);
  const yymmdd = `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(dd).padStart(2, '0')}`;
  const ten = withCheckDigit(`${yymmdd}${serial}`);
  return `${String(y).slice(0, 2)}${ten}`;
}

export type Form = 'YYMMDDNNNN' | 'YYMMDD-NNNN' | 'YYMMDD+NNNN' | 'YYYYMMDDNNNN' | 'YYYYMMDD-NNNN';
export const FORMS: Form[] = ['YYMMDDNNNN', 'YYMMDD-NNNN', 'YYMMDD+NNNN', 'YYYYMMDDNNNN', 'YYYYMMDD-NNNN'];

export function write(pnr12: string, form: Form): string {
  const ten = pnr12.slice(2);
  switch (form) {
    case 'YYMMDDNNNN':
      return ten;
    case 'YYMMDD-NNNN':
      return `${ten.slice(0, 6)}-${ten.slice(6)}`;
    case 'YYMMDD+NNNN':
      return `${ten.slice(0, 6)}+${ten.slice(6)}`;
    case 'YYYYMMDDNNNN':
      return pnr12;
    case 'YYYYMMDD-NNNN':
      return `${pnr12.slice(0, 8)}-${pnr12.slice(8)}`;
  }
}

/** fast-check arbitrary: a test personnummer as 12 digits, sometimes a samordningsnummer. */
export const arbPnr12 = fc
  .record({
    y: fc.integer({ min: 1920, max: 2010 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    serial: fc.integer({ min: 980, max: 999 }),
    coordination: fc.boolean(),
  })
  .map(({ y, m, d, serial, coordination }) => testPnr(y, m, d, serial, coordination));

/** fast-check arbitrary: a test personnummer in a random written form. */
export const arbPnr = fc.tuple(arbPnr12, fc.constantFrom(...FORMS)).map(([pnr, form]) => write(pnr, form));
