/**
 * A large, realistic export for the benchmark: `writeBenchFile(path, rows)` writes `rows` booking lines in the
 * `vgr` dialect (`;`, CR-only line ends, dot decimals), no bad rows. By default shaped like a real large publisher:
 * 25,000 suppliers and rows in no date order, over one year (`from`/`to` give other months). A million rows are
 * about 170 MB and take a few seconds; memory stays constant.
 */
import { REGION_SJOVAST } from './catalog.ts';
import { writeExport } from './dialects.ts';
import { generateRows } from './generate.ts';

export interface BenchFileOptions {
  suppliers?: number;
  dateOrder?: 'sorted' | 'random';
  from?: string;
  to?: string;
  firstVoucher?: number;
  /** Seed of the supplier pool (default: `seed`): files with the same pool seed share their 25,000 suppliers. */
  poolSeed?: number;
}

export async function writeBenchFile(path: string, rows: number, seed = 1, opts: BenchFileOptions = {}): Promise<{ bytes: number }> {
  const stats = await writeExport(
    path,
    generateRows({
      seed,
      poolSeed: opts.poolSeed,
      rows,
      from: opts.from ?? '2025-01-01',
      to: opts.to ?? '2025-12-31',
      buyer: REGION_SJOVAST,
      suppliers: opts.suppliers ?? 25_000,
      soleTraders: 400,
      dateOrder: opts.dateOrder ?? 'random',
      firstVoucher: opts.firstVoucher,
    }),
    'vgr',
  );
  return { bytes: stats.bytes };
}
