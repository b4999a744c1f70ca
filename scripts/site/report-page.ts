/**
 * The validation report page of a dataset (`datasets/<id>/rapport/`, `en/datasets/<id>/report/`), shaped from what
 * the pipeline wrote (report.json, read by report-data.ts; summary.json as the dataset's summary) so that the
 * layout (templates/layouts/report.njk) only places it. Modelled on CoVE, the Open Contracting and 360Giving data
 * review tool: exact counts, problems grouped by kind, each with what it means, what to do in the finance system,
 * the files it is in and example rows (row, line, column, value: masked by the pipeline).
 *
 * Texts for the codes come from the catalogue (problems.ts); a code it does not know shows its code and the
 * message report.json gives for it.
 */
import type { DatasetBuild, Language } from '../model.ts';
import { problemLevel, problemText, type ProblemLevel } from './problems.ts';
import { fileTotal, groupNotes, groupRows, type CodeGroup, type NoteGroup, type ReportData } from './report-data.ts';

/** Example rows shown per code and file, and per code in all. report.json has the rest. */
export const EXAMPLES_PER_FILE = 3;
export const EXAMPLES_PER_CODE = 10;

export interface ReportFileRow {
  file: string;
  encoding: string;
  delimiter: string | null;
  sheet?: string;
  rows: number;
  valid: number;
  rejected: number;
  redacted: number;
  warnings: number;
  /** The warning count is a lower bound (report.json lists 100 rows per code and file). */
  warningsAtLeast: boolean;
  /** Rejected rows in percent of the rows read, with one decimal (`12,5 %`); '' when none were rejected. */
  rejectedShare: string;
}

export interface ProblemView {
  code: string;
  /** The id of the group's heading, for links from the overview. */
  anchor: string;
  title: string;
  meaning: string;
  action: string;
  /** Whether the catalogue knows the code (else `meaning` is report.json's message). */
  known: boolean;
  /** The language of `meaning` when it is report.json's message (English) on a page in another language. */
  meaningLang?: Language;
  count: number;
  files: { file: string; count: number; atLeast: boolean }[];
  examples: { file: string; row: number; line: number; column: string; value: string }[];
}

export interface NoteView {
  code: string;
  anchor: string;
  title: string;
  meaning: string;
  action: string;
  known: boolean;
  level: ProblemLevel;
  /** The pipeline's own words for each file (English), with the details: which columns, how many rows. */
  items: { file: string; message: string }[];
  /** The language of the messages when it is not the page's. */
  messageLang?: Language;
}

export interface ReportPageModel {
  /** Whether report.json was found (a site built without the pipeline has none). */
  available: boolean;
  status: 'clean' | 'warnings' | 'rejected';
  totals: { files: number; rows: number; valid: number; rejected: number; redacted: number; warnings: number };
  files: ReportFileRow[];
  rejected: ProblemView[];
  warnings: ProblemView[];
  fileNotes: NoteView[];
  datasetNotes: NoteView[];
}

/** The pipeline writes its messages in English. */
const MESSAGE_LANG: Language = 'en';

function percent(part: number, whole: number, lang: Language): string {
  if (part <= 0 || whole <= 0) return '';
  const permille = Math.round((part * 1000) / whole);
  const text = `${Math.floor(permille / 10)}${lang === 'sv' ? ',' : '.'}${permille % 10}`;
  return lang === 'sv' ? `${text}\u00a0%` : `${text}%`;
}

/** `rejected-field_count`: an id for a heading (codes are lower-case letters, digits and `_`; others are cleaned). */
function anchor(kind: string, code: string): string {
  return `${kind}-${code.toLowerCase().replace(/[^a-z0-9_-]+/g, '-') || 'unknown'}`;
}

/** Up to EXAMPLES_PER_FILE rows from each file, at most EXAMPLES_PER_CODE in all, files in order. */
function examples(group: CodeGroup): ProblemView['examples'] {
  const out: ProblemView['examples'] = [];
  for (const f of group.files) {
    for (const r of f.rows.slice(0, EXAMPLES_PER_FILE)) {
      if (out.length >= EXAMPLES_PER_CODE) return out;
      out.push({ file: r.file, row: r.row, line: r.line, column: r.column, value: r.value });
    }
  }
  return out;
}

function problemView(kind: string, group: CodeGroup, lang: Language): ProblemView {
  const text = problemText(group.code, lang);
  return {
    code: group.code,
    anchor: anchor(kind, group.code),
    title: text?.title ?? group.code,
    meaning: text?.meaning ?? group.message,
    action: text?.action ?? '',
    known: text !== null,
    ...(text === null && lang !== MESSAGE_LANG ? { meaningLang: MESSAGE_LANG } : {}),
    count: group.count,
    files: group.files.map((f) => ({ file: f.file, count: f.count, atLeast: f.atLeast })),
    examples: examples(group),
  };
}

function noteView(kind: string, group: NoteGroup, lang: Language): NoteView {
  const text = problemText(group.code, lang);
  return {
    code: group.code,
    anchor: anchor(kind, group.code),
    title: text?.title ?? group.code,
    meaning: text?.meaning ?? '',
    action: text?.action ?? '',
    known: text !== null,
    level: problemLevel(group.code, 'notice'),
    items: group.notes.map((n) => ({ file: n.file ?? '', message: n.message })),
    ...(lang !== MESSAGE_LANG ? { messageLang: MESSAGE_LANG } : {}),
  };
}

/** The report page's model: from report.json when there is one, else from the summary alone. */
export function reportPageModel(report: ReportData | null | undefined, dataset: DatasetBuild, lang: Language): ReportPageModel {
  const s = dataset.summary;
  if (!report) {
    const files = s.sources.map((f) => ({
      file: f.file,
      encoding: f.encoding,
      delimiter: f.delimiter,
      ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
      rows: f.rows,
      valid: f.valid,
      rejected: f.rejected,
      redacted: 0,
      warnings: 0,
      warningsAtLeast: false,
      rejectedShare: percent(f.rejected, f.rows, lang),
    }));
    return {
      available: false,
      status: s.rejected > 0 ? 'rejected' : s.warnings > 0 ? 'warnings' : 'clean',
      totals: { files: files.length, rows: s.rows, valid: s.valid, rejected: s.rejected, redacted: s.redacted, warnings: s.warnings },
      files,
      rejected: [],
      warnings: [],
      fileNotes: [],
      datasetNotes: [],
    };
  }
  const order = report.files.map((f) => f.file);
  const rejected = groupRows(report.errors, report.errorCounts, order);
  const warnings = groupRows(report.warnings, report.warningCounts, order);
  const notes = groupNotes(report.notes);
  const files: ReportFileRow[] = report.files.map((f) => {
    const w = fileTotal(warnings, f.file);
    return {
      file: f.file,
      encoding: f.encoding,
      delimiter: f.delimiter,
      ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
      rows: f.rows,
      valid: f.valid,
      rejected: f.rejected,
      redacted: f.redacted,
      warnings: w.count,
      warningsAtLeast: w.atLeast,
      rejectedShare: percent(f.rejected, f.rows, lang),
    };
  });
  const warningTotal = report.warningCount || warnings.reduce((n, g) => n + g.count, 0);
  return {
    available: true,
    status: report.rejected > 0 ? 'rejected' : warningTotal > 0 ? 'warnings' : 'clean',
    totals: { files: files.length, rows: report.rows, valid: report.valid, rejected: report.rejected, redacted: report.redacted, warnings: warningTotal },
    files,
    rejected: rejected.map((g) => problemView('rejected', g, lang)),
    warnings: warnings.map((g) => problemView('warning', g, lang)),
    fileNotes: notes.files.map((g) => noteView('note', g, lang)),
    datasetNotes: notes.dataset.map((g) => noteView('dataset', g, lang)),
  };
}
