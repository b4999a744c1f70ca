/**
 * A workbook shaped like Örebro's published month (`orebro-2016-03.xlsx`) for the benchmark: sheet `Blad2`, header
 * `RN1/FÖRVALTNING, LEVERANTÖR, ORGANISATIO, FAKT NR, KONTO, UTFALL`, about 3,000 suppliers (names with trailing
 * spaces, org numbers as text `556626-7893`, a few `NULL`/`SAKNAS` and personnummer), invoice numbers as number cells,
 * `"64400 Livsmedel"` accounts, amounts as number cells in `#,##0.00`; shared strings before the sheet, as Excel
 * writes them. Same seed → same file. Written with the tests' streaming writer (test/helpers/xlsx.ts).
 */
import { ACCOUNTS, DEPARTMENTS } from '../sample/catalog.ts';
import { dashed, randomOrgNumber, testPersonnummer } from '../sample/ids.ts';
import { Random } from '../sample/random.ts';
import { writeXlsx, type Cell } from '../../test/helpers/xlsx.ts';

const AMOUNT_STYLE = 2; // #,##0.00 in the writer's default styles

export async function writeBenchWorkbook(path: string, rows: number, seed = 1): Promise<void> {
  const setup = new Random(seed);
  const departments = Object.entries(DEPARTMENTS).map(([key, d]) => `${key} ${d.name}`);
  const accounts = ACCOUNTS.map((a) => `${a.nr}0 ${a.text}`.slice(0, 36));
  const suppliers: { name: string; id: string }[] = [];
  for (let i = 0; i < 3000; i++) {
    const r = setup.next();
    const id =
      r < 0.004 ? 'NULL' : r < 0.005 ? 'SAKNAS' : r < 0.04 ? dashed(testPersonnummer(setup, `19${setup.int(40, 99)}-0${setup.int(1, 9)}-1${setup.int(0, 9)}`, 'YYMMDDNNNN').tenDigits) : dashed(randomOrgNumber(setup, '55'));
    const name = `LEVERANTÖR ${i} ${setup.pick(['AB', 'HB', 'AKTIEBOLAG', 'KB', 'EK FÖR'])}${setup.chance(0.4) ? ' '.repeat(setup.int(1, 12)) : ''}`;
    suppliers.push({ name, id });
  }
  suppliers[7] = { name: 'ICA; Nära Berga ', id: '556626-7893' }; // a ';' inside a name, as in the real file
  const header: Cell[] = ['RN1/FÖRVALTNING', 'LEVERANTÖR', 'ORGANISATIO', 'FAKT NR', 'KONTO', 'UTFALL'];
  function* generate(): Generator<Cell[]> {
    const rng = new Random(seed + 1);
    yield header;
    let invoice = 16_541_005;
    for (let i = 0; i < rows; i++) {
      const s = suppliers[Math.floor(rng.next() ** 2 * suppliers.length)];
      if (rng.chance(0.6)) invoice++;
      const ore = Math.round(rng.lognormal(150_000, 1.3)) * (rng.chance(0.02) ? -1 : 1);
      yield [rng.pick(departments), s.name, s.id, invoice, rng.pick(accounts), { n: ore / 100, s: AMOUNT_STYLE }];
    }
  }
  await writeXlsx(path, { sheets: [{ name: 'Blad2', rows: generate }] });
}
