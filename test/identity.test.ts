import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import PersonnummerModule from 'personnummer';
import { checkOrgNumber } from '../scripts/pipeline/identity.ts';
import { maskPersonnummer, supplierIdKind as personnummerKind, PERSONNUMMER_MASK } from '../scripts/privacy/personnummer.ts';
/** The `personnummer` package, the oracle (its CommonJS default export, typed loosely). */
const Personnummer = ((PersonnummerModule as unknown as { default?: unknown }).default ?? PersonnummerModule) as { valid(s: string): boolean };
import { arbPnr, FORMS, testPnr, withCheckDigit, write } from './helpers/pnr.ts';

test('organisation numbers from the spec are organisation numbers, not personnummer', () => {
  for (const n of ['212000-1355', '2120002080', '232100-0131', '556036-0793', '162120001355']) {
    assert.is(checkOrgNumber(n), 'ok', n);
    assert.is(personnummerKind(n), null, n);
  }
  assert.is(checkOrgNumber('556036-0794'), 'checksum');
  assert.is(checkOrgNumber('10004007'), 'not-orgnr');
  assert.is(personnummerKind('0000000000'), null);
  assert.is(personnummerKind('10004007'), null);
});

test('a test personnummer in every written form is found', () => {
  const p = testPnr(1980, 1, 1, 981);
  for (const form of FORMS) assert.is(personnummerKind(write(p, form)), 'personnummer', form);
  const s = testPnr(1975, 6, 12, 990, true);
  for (const form of FORMS) assert.is(personnummerKind(write(s, form)), 'personnummer', `samordningsnummer ${form}`);
  // A mistyped check digit is still personal data.
  const wrong = p.slice(0, 11) + ((+p[11] + 1) % 10);
  assert.is(personnummerKind(wrong), 'personnummer-checksum');
});

test('property: our check agrees with the personnummer package on valid numbers', () => {
  fc.assert(
    fc.property(arbPnr, (text) => {
      assert.ok(Personnummer.valid(text), `oracle rejects ${text}`);
      assert.is(personnummerKind(text), 'personnummer', text);
    }),
    { numRuns: 2000 },
  );
});

test('29 February (also as a samordningsnummer) exists only in years divisible by four', () => {
  const cases: [string, boolean][] = [['190229', false], ['190289', false], ['200229', true], ['200289', true], ['000229', true], ['970229', false]];
  for (const [date, exists] of cases) {
    const text = withCheckDigit(`${date}159`);
    assert.is(personnummerKind(text) === 'personnummer', exists, text);
    assert.is(Personnummer.valid(text), exists, `oracle ${text}`);
  }
});

test('property: on random 10-digit strings, wherever the oracle sees a valid personnummer, so do we', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^\d{10}$/), (text) => {
      if (Personnummer.valid(text)) assert.is(personnummerKind(text), 'personnummer', text);
      // We are broader on purpose (privacy first): the oracle refuses birth number 000, which we still treat as
      // personal data.
      if (personnummerKind(text) === 'personnummer') assert.ok(Personnummer.valid(text) || text.slice(6, 9) === '000', text);
    }),
    { numRuns: 20000 },
  );
});

test('personnummer inside free text are masked, other numbers are kept', () => {
  const p = write(testPnr(1990, 12, 24, 995), 'YYMMDD-NNNN');
  assert.is(maskPersonnummer(`Faktura till ${p} avser`), `Faktura till ${PERSONNUMMER_MASK} avser`);
  assert.is(maskPersonnummer('Org 556036-0793, faktura 12345678901234'), 'Org 556036-0793, faktura 12345678901234');
  fc.assert(
    fc.property(fc.string(), arbPnr, fc.string(), (a, pnr, b) => {
      const masked = maskPersonnummer(`${a} ${pnr} ${b}`);
      assert.not.ok(masked.includes(pnr), masked);
    }),
    { numRuns: 2000 },
  );
});

test.run();
