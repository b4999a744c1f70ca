/**
 * The sample site's publishers (the invented Exempelby and Sjövik in `data/site.json`), so that a copy of the
 * repository is not published under them: `npm run init` replaces them, and a build on GitHub Actions that still
 * has them fails, pointing at that step (locally it only warns). `INSYN_ALLOW_SAMPLE=true` lets the sample site
 * itself be published (the project's own demonstration; a repository variable, which a copy does not inherit).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SAMPLE_PUBLISHERS = [
  { id: 'exempelby', name: 'Exempelby kommun', orgNumber: '2120009903' },
  { id: 'sjovik', name: 'Sjöviks kommun', orgNumber: '2120009911' },
] as const;

/** The dataset folders of the sample (data/datasets/<id>/), by the publisher they belong to. */
export const SAMPLE_DATASETS = ['exempelby-leverantorsreskontra', 'sjovik-leverantorsreskontra'] as const;

export interface SamplePublisher {
  id: string;
  name: string;
  orgNumber: string;
}

/** Whether a publisher entry of site.json is one of the sample's (by id or by organisation number). */
export function isSamplePublisher(p: { id?: unknown; orgNumber?: unknown }): boolean {
  const org = typeof p.orgNumber === 'string' ? p.orgNumber.replace(/\D/g, '') : '';
  return SAMPLE_PUBLISHERS.some((s) => s.id === p.id || s.orgNumber === org);
}

/**
 * The sample publishers that `<dataDir>/site.json` still holds ([] when none, or when the file cannot be read or
 * parsed: the build then says what is wrong with it).
 */
export async function samplePublishersIn(dataDir: string): Promise<SamplePublisher[]> {
  let settings: unknown;
  try {
    settings = JSON.parse((await readFile(join(dataDir, 'site.json'), 'utf8')).replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  const publishers = (settings as { publishers?: unknown }).publishers;
  if (!Array.isArray(publishers)) return [];
  return publishers
    .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null && isSamplePublisher(p))
    .map((p) => {
      const known = SAMPLE_PUBLISHERS.find((s) => s.id === p.id) ?? SAMPLE_PUBLISHERS.find((s) => s.orgNumber === String(p.orgNumber ?? '').replace(/\D/g, ''));
      return { id: known?.id ?? '', name: known?.name ?? '', orgNumber: known?.orgNumber ?? '' };
    });
}

export function sampleAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.INSYN_ALLOW_SAMPLE === 'true';
}
