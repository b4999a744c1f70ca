/**
 * The IRIs of the catalogue's own nodes. All are fragments of pages the site serves, so each one dereferences
 * to a page about it: the catalogue, the contact points and their addresses to the catalogue page `datasets/`, a
 * dataset's series, period datasets, distributions, rights statement and time periods to its landing page
 * `datasets/<id>/`. Publishers use the Swedish data portal's convention.
 */
import { resolvePath, segment } from './iri.ts';

export function catalogIri(base: string): string {
  return base + 'datasets/#catalog';
}

export function contactIri(base: string, publisherId: string): string {
  return base + 'datasets/#contact-' + segment(publisherId);
}

export function addressIri(base: string, publisherId: string): string {
  return base + 'datasets/#address-' + segment(publisherId);
}

export function publisherIri(orgNumber: string): string {
  const digits = orgNumber.replace(/\D/g, '');
  if (digits.length !== 10) throw new Error(`Organisation number must have 10 digits: "${orgNumber}"`);
  return 'http://dataportal.se/organisation/SE' + digits;
}

/** The dataset's landing page: `datasets/<id>/` (sv) or `en/datasets/<id>/` (en). */
export function landingPage(base: string, datasetId: string, lang: 'sv' | 'en' = 'sv'): string {
  return base + (lang === 'en' ? 'en/' : '') + 'datasets/' + segment(datasetId) + '/';
}

export function seriesIri(base: string, datasetId: string): string {
  return landingPage(base, datasetId) + '#series';
}

/** The DCAT dataset of one period (`2025`, or `all` for a cumulative dataset). */
export function datasetIri(base: string, datasetId: string, periodKey: string): string {
  return landingPage(base, datasetId) + '#dataset-' + segment(periodKey);
}

/** The time period of a period's dataset (`periodKey`), or of the whole series (`series`). */
export function temporalIri(base: string, datasetId: string, periodKey: string): string {
  return landingPage(base, datasetId) + '#temporal-' + segment(periodKey);
}

function fileName(path: string): string {
  return path.split('/').filter((s) => s !== '').pop() ?? path;
}

export function distributionIri(base: string, datasetId: string, filePath: string): string {
  return landingPage(base, datasetId) + '#distribution-' + segment(fileName(filePath));
}

/** The rights statement of a dataset's distributions (the same licence and attribution for all of them). */
export function rightsIri(base: string, datasetId: string): string {
  return landingPage(base, datasetId) + '#rights';
}

/** Where a published file is downloaded: `<base><file.path>`. */
export function downloadUrl(base: string, filePath: string): string {
  return resolvePath(base, filePath);
}
