/**
 * The URL contract as filters (`{{ dataset.id | datasetUrl(lang) }}`): thin views over `scripts/site/urls.ts`,
 * which is also what the page definitions' permalinks use, so a link and its page cannot disagree.
 */
import type { Language, SiteModel } from '../../model.ts';
import * as urls from '../urls.ts';

export const homeUrl = (lang: Language): string => urls.homeUrl(lang);
export const catalogueUrl = (lang: Language): string => urls.catalogueUrl(lang);
export const newsUrl = (lang: Language): string => urls.newsUrl(lang);
export const feedUrl = (lang: Language): string => urls.feedUrl(lang);
export const guidesUrl = (lang: Language): string => urls.guidesUrl(lang);
export const searchUrl = (lang: Language): string => urls.searchUrl(lang);
export const datasetUrl = (id: string, lang: Language): string => urls.datasetUrl(id, lang);
export const statisticsUrl = (id: string, lang: Language): string => urls.statisticsUrl(id, lang);
export const reportUrl = (id: string, lang: Language): string => urls.reportUrl(id, lang);
export const publisherUrl = (id: string, lang: Language, model: SiteModel): string => urls.publisherUrl(id, lang, model);
export const suppliersUrl = (lang: Language): string => urls.suppliersUrl(lang);
export const supplierUrl = (slug: string, lang: Language): string => urls.supplierUrl(slug, lang);
export const supplierLetterUrl = (key: string, lang: Language, page?: number): string => urls.supplierLetterUrl(key, lang, page);
export const accountUrl = (datasetId: string, slug: string, lang: Language): string => urls.accountUrl(datasetId, slug, lang);
export const departmentUrl = (datasetId: string, slug: string, lang: Language): string => urls.departmentUrl(datasetId, slug, lang);
export const compareUrl = (lang: Language): string => urls.compareUrl(lang);
export const fileUrl = (path: string): string => urls.fileUrl(path);
