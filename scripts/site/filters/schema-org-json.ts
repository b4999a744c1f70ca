/**
 * `{{ insyn | schemaOrgJson(dataset, lang) | safe }}`: the dataset's schema.org JSON-LD (from the DCAT writer),
 * escaped so that it can sit inside `<script type="application/ld+json">`.
 */
import type { DatasetBuild, Language, SiteModel } from '../../model.ts';
import { safeJsonForScript, schemaOrgDataset } from '../../dcat/schema-org.ts';

export function schemaOrgJson(model: SiteModel, dataset: DatasetBuild, lang: Language): string {
  return safeJsonForScript(schemaOrgDataset(model, dataset, lang));
}
