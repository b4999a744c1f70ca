/**
 * The personnummer detector (scripts/privacy/personnummer.ts), generatively: a test personnummer written in any
 * form — every separator, grouping and digit set real files produce, and combinations — inside any text is masked
 * (compared on the normalised view), and an organisation number in any form never is.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import PersonnummerModule from 'personnummer';
import { findPersonnummer, maskPersonnummer, normalisedView, supplierIdKind, PERSONNUMMER_MASK } from '../scripts/privacy/personnummer.ts';
import { safe } from '../scripts/privacy/safe.ts';
import { arbPnr12, withCheckDigit } from './helpers/pnr.ts';
import { arbOrgNumber, arbWritten, digitsOf, is12, SEPARATORS, writeIn } from './helpers/forms.ts';

const Personnummer = ((PersonnummerModule as unknown as { default?: unknown }).default ?? PersonnummerModule) as { valid(s: string): boolean };

/** Text around a value: anything but digits in any script, ending and starting with something that is not a digit. */
const arbContext = fc.string({ maxLength: 12, unit: 'grapheme' }).map((s) => s.replace(/[\p{Nd}\p{No}\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218f\u2460-\u24ff\u2776-\u2793\u3220-\u325f\u3280-\u32bf\uff10-\uff19]/gu, 'x'));

test('property: a personnummer in any written form inside any text is masked (no digit of it survives)', () => {
  fc.assert(
    fc.property(arbPnr12, arbWritten, arbContext, arbContext, (pnr12, how, before, after) => {
      const written = writeIn(pnr12, how);
      const text = `${before} ${written} ${after}`;
      const masked = maskPersonnummer(text, 'text');
      assert.ok(masked.includes(PERSONNUMMER_MASK), `not found: ${JSON.stringify(text)}`);
      // The only digits in the text were the personnummer's: none may be left on the normalised view.
      assert.not.ok(digitsOf(masked).includes(pnr12.slice(2, 8)), `left: ${JSON.stringify(masked)}`);
    }),
    { numRuns: 4000 },
  );
});

test('property: as a leverantor_id, every form is personal data, also with a wrong check digit or glued digits', () => {
  fc.assert(
    fc.property(arbPnr12, arbWritten, fc.boolean(), fc.constantFrom('', '00', '12', '99'), (pnr12, how, wrongCheck, glue) => {
      const p = wrongCheck ? pnr12.slice(0, 11) + ((+pnr12[11] + 3) % 10) : pnr12;
      let value = writeIn(p, how);
      // Glued digits: `00` + the 12-digit form, or two stray digits before the 10-digit form.
      if (glue === '00') value = `00${p}`;
      else if (glue !== '') value = `${glue}${p.slice(2)}`;
      assert.ok(supplierIdKind(value) !== null, JSON.stringify(value));
      assert.ok(findPersonnummer(`Konsult ${writeIn(p, how)} AB`, 'name').length > 0, 'in a supplier name, check digit or not');
    }),
    { numRuns: 3000 },
  );
});

test('property: an organisation number in any form is never taken for a personnummer', () => {
  fc.assert(
    fc.property(arbOrgNumber, arbWritten, arbContext, fc.boolean(), (org, how, context, sixteen) => {
      const value = writeIn(sixteen ? `16${org}` : `00${org}`, sixteen || !is12(how.shape) ? how : { ...how, shape: '10' });
      assert.is(supplierIdKind(value), null, JSON.stringify(value));
      const text = `${context} ${value} ${context}`;
      assert.is(maskPersonnummer(text, 'name'), text);
      assert.is(maskPersonnummer(text, 'text'), text);
    }),
    { numRuns: 3000 },
  );
});

test('property: the personnummer package (the oracle) agrees on the plain written forms', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^\d{6}[-+]?\d{4}$/), (text) => {
      if (Personnummer.valid(text)) {
        assert.is(supplierIdKind(text), 'personnummer', text);
        assert.ok(maskPersonnummer(`a ${text} b`) !== `a ${text} b`, text);
      }
    }),
    { numRuns: 20000 },
  );
});

test('numbers that are not personnummer stay: thousands, money, date ranges, vouchers of this decade, org numbers', () => {
  const ten = withCheckDigit('850517987');
  const kept = [
    '8 505 179 872,00 kr',
    '8505179872.00',
    '1985051798.72',
    '2024-01-05 - 2024-01-31',
    '202601071234',
    'Org 556036-0793, faktura 12345678901234',
    '212000-1355',
    '16 556036-0793',
    'SE556036079301',
    '10004007',
    '0000000000',
  ];
  for (const t of kept) assert.is(maskPersonnummer(t, 'name'), t, t);
  assert.is(maskPersonnummer(`Anna (SE${ten}01)`), `Anna (${PERSONNUMMER_MASK})`);
  assert.is(supplierIdKind(`SE${ten}01`), 'personnummer');
  assert.is(supplierIdKind('5560360793'), null);
});

test('the normalised view: NFKC, any decimal digit as ASCII, dash, space and format characters as separators', () => {
  assert.is(normalisedView('８５–٠٥\u200b١٧ ab').text, '85 05 17 xx');
  for (const s of SEPARATORS) assert.is(normalisedView(`1${s}2`).text.replace(/ +/g, ' '), '1 2', JSON.stringify(s));
});

test('safe(): masked, control and bidi characters escaped, long values cut after masking', () => {
  const ten = withCheckDigit('850517987');
  assert.is(safe(`a\u001b[31m\r\n\u202e${ten.slice(0, 6)}–${ten.slice(6)}`), `a\\u001b[31m\\u000d\\u000a\\u202e${PERSONNUMMER_MASK}`);
  const long = safe(`${'x'.repeat(195)}${ten}${'y'.repeat(3_000_000)}`);
  assert.ok(long.length < 300, 'cut');
  assert.not.ok(long.includes(ten.slice(0, 5)), 'no half personnummer left at the cut');
});

test.run();
