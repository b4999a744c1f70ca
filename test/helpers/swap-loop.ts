/**
 * Builds through the real atomic output (scripts/build/atomic.ts) in a loop, as fast as it can, so that a test
 * can SIGKILL it at any point of a swap: `node --import tsx swap-loop.ts OUT [COUNT] [PAUSE_MS]`. Each build
 * writes FILES files stamped with the build's number and ending in an END line, then swaps them in. With COUNT,
 * it stops after that many builds and prints their number.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stage } from '../../scripts/build/atomic.ts';

export const SWAP_FILES = Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? `d${i}/f${i}.txt` : `f${i}.txt`));

const [out, countArg, pauseArg] = process.argv.slice(2);
if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href && out) {
  const count = countArg ? Number(countArg) : Infinity;
  const pause = pauseArg ? Number(pauseArg) : 0;
  for (let n = 1; n <= count; n++) {
    const s = await stage(out);
    for (const rel of SWAP_FILES) {
      const p = join(s.dir, rel);
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, `build ${process.pid}.${n}\n${'x'.repeat(2000)}\nEND\n`);
    }
    if (pause) await new Promise((r) => setTimeout(r, pause));
    await s.commit();
  }
  if (Number.isFinite(count)) process.stdout.write(`${count}\n`);
}
