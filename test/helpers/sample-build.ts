/**
 * Builds the repository's sample data (`data/`) with the real build into a fresh temporary folder, once per base
 * URL per test process. Tests of the catalogue and the site read what this wrote.
 */
import { join } from 'node:path';
import { build } from '../../scripts/build/build.ts';
import type { SiteModel } from '../../scripts/model.ts';
import { ROOT, tempDir } from './paths.ts';

const builds = new Map<string, Promise<{ outDir: string; model: SiteModel }>>();

export function buildSample(opts: { baseUrl?: string } = {}): Promise<{ outDir: string; model: SiteModel }> {
  const key = opts.baseUrl ?? '';
  let p = builds.get(key);
  if (!p) {
    const outDir = join(tempDir('insyn-sample-'), 'site');
    p = build({ dataDir: join(ROOT, 'data'), outputDir: outDir, baseUrl: opts.baseUrl, cacheDir: null }).then((r) => ({ outDir, model: r.model }));
    builds.set(key, p);
  }
  return p;
}
