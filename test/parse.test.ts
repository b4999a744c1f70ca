import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parseAmount, parseDate } from '../scripts/pipeline/parse.ts';
import { oreNumberToText, oreToText, OreSum } from '../scripts/pipeline/money.ts';

const ore = (s: string) => {
  const r = parseAmount(s);
  return r.ok ? r.ore : r.code;
};

test('amounts in the dialects real exports use', () => {
  assert.is(ore('136.98'), 13698);
  assert.is(ore('-14250.00'), -1425000);
  assert.is(ore('3270,50'), 327050);
  assert.is(ore('1 234,50'), 123450);
  assert.is(ore('1\u00a0234\u00a0567,5'), 123456750);
  assert.is(ore('1\u202f234,50'), 123450);
  assert.is(ore('5058332.75'), 505833275);
  assert.is(ore('1.234,50'), 123450);
  assert.is(ore('1,234.50'), 123450);
  assert.is(ore('1.234.567'), 123456700);
  assert.is(ore('\u221212,00'), -1200);
  assert.is(ore('12,00-'), -1200);
  assert.is(ore(' 42 '), 4200);
  assert.is(ore('12.3400'), 1234);
  assert.is(ore('-0.00'), 0);
  assert.is(ore('.5'), 50);
});

test('amounts read by the file\'s decimal mark: 35,000 and 1.500 mean what the file means', () => {
  const by = (s: string, mark: '.' | ',' | null) => {
    const r = parseAmount(s, mark);
    return r.ok ? r.ore : r.code;
  };
  assert.is(by('35,000', '.'), 3500000);
  assert.is(by('35,000', ','), 3500);
  assert.is(by('1.500', ','), 150000);
  assert.is(by('1.500', '.'), 150);
  assert.is(by('12.345', '.'), 'amount_precision');
  assert.is(by('12,345', '.'), 1234500);
  assert.is(by('1.234,50', ','), 123450);
  assert.is(by('1,234.50', ','), 'amount_mark');
  assert.is(by('136.98', ','), 'amount_mark');
  assert.is(by('(1 234,50)', ','), -123450);
  assert.is(by('1 234,50 kr', null), 123450);
  assert.is(by('SEK 99.50', null), 9950);
  assert.is(by('1 500:-', null), 150000);
  for (const [s, mark] of [['136.98', '.'], ['1 234,50', ','], ['1,234,567', '.'], ['1.234.567', ','], ['3,5', ','], ['1.234,50', ',']] as const) {
    assert.is(parseAmount(s).reveals, mark, s);
  }
  assert.is(parseAmount('35,000').reveals, undefined);
  assert.is(parseAmount('1234').reveals, undefined);
});

test('amounts that are not amounts are rejected with a reason', () => {
  assert.is(ore(''), 'amount_missing');
  assert.is(ore('   '), 'amount_missing');
  assert.is(ore('abc'), 'amount_invalid');
  assert.is(ore('12,3,4'), 'amount_invalid');
  assert.is(ore('=1+1'), 'amount_invalid');
  assert.is(ore('1 23,00'), 'amount_invalid');
  assert.is(ore('12.345'), 'amount_ambiguous', 'without a decimal mark known, 12.345 can be read two ways');
  assert.is(ore('12,3,4'), 'amount_invalid');
  assert.is(ore('1e5'), 'amount_invalid');
  assert.is(ore('99999999999999999'), 'amount_too_large');
});

const dialects: ((kr: string, frac: string, neg: boolean) => string)[] = [
  (kr, f, n) => `${n ? '-' : ''}${kr}.${f}`,
  (kr, f, n) => `${n ? '-' : ''}${kr},${f}`,
  (kr, f, n) => `${n ? '-' : ''}${kr.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${f}`,
  (kr, f, n) => `${n ? '-' : ''}${kr.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${f}`,
  (kr, f, n) => `${n ? '\u2212' : ''}${kr.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${f}`,
  (kr, f, n) => `${n ? '-' : ''}${kr.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`,
  (kr, f, n) => `${kr},${f}${n ? '-' : ''}`,
];

test('property: any amount written in any accepted dialect parses back to the same öre', () => {
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 49), max: 2 ** 49 }), fc.integer({ min: 0, max: dialects.length - 1 }), (value, d) => {
      const neg = value < 0;
      const abs = Math.abs(value);
      const kr = String(Math.floor(abs / 100));
      const frac = String(abs % 100).padStart(2, '0');
      const r = parseAmount(dialects[d](kr, frac, neg));
      assert.ok(r.ok, `${dialects[d](kr, frac, neg)} did not parse`);
      assert.is(r.ok && r.ore, value === 0 ? 0 : value);
    }),
    { numRuns: 3000 },
  );
});

test('property: an amount kept as written is exactly the canonical text of its öre', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^-?\d{1,6}\.\d{2}$/), (text) => {
      const r = parseAmount(text);
      assert.ok(r.ok);
      if (r.ok && r.canonical) assert.is(oreNumberToText(r.ore), text);
    }),
    { numRuns: 5000 },
  );
});

test('sums stay exact past 2^53 öre', () => {
  const s = new OreSum();
  let big = 0n;
  for (let i = 0; i < 5000; i++) {
    const v = 2 ** 50 - 1 - i * 7;
    s.add(v);
    big += BigInt(v);
  }
  s.add(-1);
  big -= 1n;
  assert.is(s.value(), big);
  assert.is(oreToText(big), `${big / 100n}.${String(big % 100n).padStart(2, '0')}`);
  assert.is(oreToText(-5), '-0.05');
});

test('dates', () => {
  const d = (s: string) => {
    const r = parseDate(s);
    return r.ok ? r.date + (r.form !== 'iso' ? ` (${r.form})` : '') : r.code;
  };
  assert.is(d('2026-01-07'), '2026-01-07');
  assert.is(d('2024-02-29'), '2024-02-29');
  assert.is(d('2024-02-30'), 'date_invalid');
  assert.is(d('2023-02-29'), 'date_invalid');
  assert.is(d('2024-13-01'), 'date_invalid');
  assert.is(d('2024-00-10'), 'date_invalid');
  assert.is(d(''), 'date_missing');
  assert.is(d('7 jan'), 'date_invalid');
  assert.is(d('2026-01-07 00:00:00'), '2026-01-07');
  assert.is(d('2026-01-07T10:00:00Z'), '2026-01-07');
  assert.is(d('20260107'), '2026-01-07 (compact)');
  assert.is(d('2026/01/07'), '2026-01-07 (slash-ymd)');
  assert.is(d('07.01.2026'), '2026-01-07 (dot-dmy)');
  assert.is(d('7.1.2026'), '2026-01-07 (dot-dmy)');
  assert.is(d('202401'), '2024-01 (month)');
  assert.is(d('2024-01'), '2024-01 (month)');
  assert.is(d('202413'), 'date_invalid');
  assert.is(d('06/03/2017'), 'date_invalid');
  assert.match((parseDate('06/03/2017') as { message: string }).message, /day\/month\/year or month\/day\/year/);
});

test('property: every real date in ISO form parses to itself, every impossible day is rejected', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, day) => {
      const text = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const real = new Date(Date.UTC(y, m - 1, day)).getUTCDate() === day;
      const r = parseDate(text);
      assert.is(r.ok, real, text);
    }),
    { numRuns: 3000 },
  );
});

test.run();
