/**
 * `{% if insyn | hasComparison %}`: whether the site has a page comparing its publishers (`/jamfor/`): a site of
 * several publishers with the cross-dataset index. The page definition (scripts/site/pages.ts) and every link to
 * the page ask this one question, so a link to it never breaks.
 */
import type { SiteModel } from '../../model.ts';
import { hasPublisherPages } from '../urls.ts';

export function hasComparison(model: SiteModel): boolean {
  return hasPublisherPages(model) && (model.index?.publishers.length ?? 0) > 1;
}
