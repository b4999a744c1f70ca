/**
 * `{{ reports[dataset.id] | reportPage(dataset, lang) }}`: the validation report page's model (counts, problems
 * grouped by code with what they mean and what to do, example rows), shaped in scripts/site/report-page.ts.
 */
import type { DatasetBuild, Language } from '../../model.ts';
import type { ReportData } from '../report-data.ts';
import { reportPageModel, type ReportPageModel } from '../report-page.ts';

export function reportPage(report: ReportData | null | undefined, dataset: DatasetBuild, lang: Language): ReportPageModel {
  return reportPageModel(report, dataset, lang);
}
