/**
 * A large, realistic export for the benchmark: `writeBenchFile(path, rows)` writes `rows` booking lines of one
 * year in the `vgr` dialect (`;`, CR-only line ends, dot decimals), no bad rows. A million rows are about
 * 160 MB and take a few seconds; memory stays constant.
 */
import { REGION_SJOVAST } from './catalog.ts';
import { writeExport } from './dialects.ts';
import { generateRows } from './generate.ts';

export async function writeBenchFile(path: string, rows: number, seed = 1): Promise<{ bytes: number }> {
  const stats = await writeExport(
    path,
    generateRows({ seed, rows, from: '2025-01-01', to: '2025-12-31', buyer: REGION_SJOVAST }),
    'vgr',
  );
  return { bytes: stats.bytes };
}
