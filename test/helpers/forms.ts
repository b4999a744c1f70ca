/**
 * Written forms of identity numbers for property tests: every grouping real files use, every separator Excel, Word
 * and finance systems put between digits (each break its own, so combinations occur), and every digit set a
 * conversion can leave (fullwidth, Arabic-Indic, Devanagari, …, mixed within one number).
 */
import fc from 'fast-check';
import { luhnOk } from '../../scripts/pipeline/identity.ts';
import { normalisedView } from '../../scripts/privacy/personnummer.ts';

/** Groupings, by the lengths of their digit groups. 12-digit ones start with the century. */
export const SHAPES = ['10', '6-4', '2-2-2-4', '6-2-2', '2-2-2-2-2', '12', '8-4', '4-2-2-4', '8-2-2'] as const;
export type Shape = (typeof SHAPES)[number];
export const is12 = (shape: Shape): boolean => shape === '12' || shape === '8-4' || shape === '4-2-2-4' || shape === '8-2-2';

/** Between two digit groups: hyphen, en and em dash, minus, non-breaking and soft hyphen, spaces, dots, … */
export const SEPARATORS = ['-', '\u2013', '\u2014', '\u2212', '\u2011', '\u00ad', ' ', '\u00a0', '  ', ' - ', '.', '/', '_', '\u200b', '\n', '\r\n', '+', '\u2009', '\u202f', '\ufeff', '\u2060', '\u3000', '\uff0d'];

/** Zeros of decimal digit sets: ASCII, fullwidth, Arabic-Indic, extended Arabic-Indic, Devanagari, Bengali, Thai, mathematical bold. */
export const DIGIT_ZEROS = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1d7ce];

export interface Written {
  shape: Shape;
  /** One separator per break (cycled). */
  separators: string[];
  /** One digit set per digit (cycled): a single entry for one set, several for a mixed number. */
  digits: number[];
}

export const arbWritten: fc.Arbitrary<Written> = fc.record({
  shape: fc.constantFrom(...SHAPES),
  separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 4 }),
  digits: fc.oneof(
    { weight: 3, arbitrary: fc.constant<number[]>([0x30]) },
    { weight: 2, arbitrary: fc.constantFrom(...DIGIT_ZEROS).map((z) => [z]) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...DIGIT_ZEROS), { minLength: 2, maxLength: 4 }) },
  ),
});

/** Writes a 12-digit number (century + 10 digits) in a form; 10-digit shapes drop the century. */
export function writeIn(twelve: string, how: Written): string {
  const digits = is12(how.shape) ? twelve : twelve.slice(2);
  const lengths = how.shape.split('-').map(Number);
  let out = '';
  let at = 0;
  lengths.forEach((len, g) => {
    if (g > 0) out += how.separators[(g - 1) % how.separators.length];
    for (let i = 0; i < len; i++, at++) out += String.fromCodePoint(how.digits[at % how.digits.length] + +digits[at]);
  });
  return out;
}

/** The digits of a text on the normalised view (any script), as ASCII. */
export function digitsOf(text: string): string {
  return normalisedView(text).text.replace(/[^0-9]/g, '');
}

/** A valid organisation number: first digit 2, 5, 7, 8 or 9, third digit 2 or more, Luhn check digit. */
export const arbOrgNumber: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('2', '5', '7', '8', '9'), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 2, max: 9 }), fc.stringMatching(/^\d{6}$/))
  .map(([a, b, c, rest]) => {
    const nine = `${a}${b}${c}${rest}`;
    for (let d = 0; d <= 9; d++) if (luhnOk(nine + d)) return nine + d;
    throw new Error('unreachable');
  });
