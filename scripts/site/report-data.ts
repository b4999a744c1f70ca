/**
 * What the pipeline wrote in `datasets/<id>/report.json`, read back and grouped: problems by code, then by file,
 * with exact counts where report.json allows them, and the example rows it lists. The report page
 * (report-page.ts) and the GitHub job summary and annotations (scripts/cli/github.ts) are both made from this, so
 * the page and CI say the same thing.
 *
 * report.json lists at most DEFAULT_LIST_LIMIT rows per code and file and gives the exact count per code. A file's
 * count for a code is therefore exact when it lists fewer rows than the limit, and also when it is the only file at
 * the limit (the code's count minus the other files' rows); otherwise it is "at least" the limit.
 *
 * Every text in report.json went through the pipeline's masking (scripts/privacy/safe.ts) before it was written.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_LIST_LIMIT } from '../pipeline/report.ts';

export interface ReportFileEntry {
  file: string;
  encoding: string;
  delimiter: string | null;
  sheet?: string;
  rows: number;
  valid: number;
  rejected: number;
  redacted: number;
}

export interface ReportRow {
  file: string;
  row: number;
  line: number;
  column: string;
  code: string;
  message: string;
  value: string;
}

export interface ReportCount {
  code: string;
  count: number;
  unlisted: number;
  message: string;
  /** The exact count in each file (reports since per-file counts were added). */
  byFile?: Record<string, number>;
}

export interface ReportNote {
  /** The file the note is about; none (or empty) for a note about the dataset as a whole. */
  file?: string;
  code: string;
  message: string;
}

/** `datasets/<id>/report.json`, as far as the site reads it. */
export interface ReportData {
  dataset: string;
  rows: number;
  valid: number;
  rejected: number;
  redacted: number;
  warningCount: number;
  files: ReportFileEntry[];
  errors: ReportRow[];
  errorCounts: ReportCount[];
  warnings: ReportRow[];
  warningCounts: ReportCount[];
  /** Notes about one file, and notes about the dataset as a whole (no file). */
  notes: ReportNote[];
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : []);

/**
 * report.json parsed into the shape above. Missing parts are empty (an older report, or one without problems);
 * dataset-level notes may come in `notes` without a file or in a `datasetNotes` list.
 */
export function parseReport(json: unknown): ReportData {
  const r = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const rows = (v: unknown): ReportRow[] =>
    list(v).map((p) => ({ file: str(p.file), row: num(p.row), line: num(p.line), column: str(p.column), code: str(p.code), message: str(p.message), value: str(p.value) }));
  const counts = (v: unknown): ReportCount[] =>
    list(v).map((c) => {
      const byFile = typeof c.byFile === 'object' && c.byFile !== null ? Object.fromEntries(Object.entries(c.byFile as Record<string, unknown>).map(([f, n]) => [f, num(n)])) : undefined;
      return { code: str(c.code), count: num(c.count), unlisted: num(c.unlisted), message: str(c.message), ...(byFile ? { byFile } : {}) };
    });
  const note = (n: Record<string, unknown>): ReportNote => (str(n.file) ? { file: str(n.file), code: str(n.code), message: str(n.message) } : { code: str(n.code), message: str(n.message) });
  return {
    dataset: str(r.dataset),
    rows: num(r.rows),
    valid: num(r.valid),
    rejected: num(r.rejected),
    redacted: num(r.redacted),
    warningCount: num(r.warningCount),
    files: list(r.files).map((f) => ({
      file: str(f.file),
      encoding: str(f.encoding),
      delimiter: typeof f.delimiter === 'string' ? f.delimiter : null,
      ...(typeof f.sheet === 'string' ? { sheet: f.sheet } : {}),
      rows: num(f.rows),
      valid: num(f.valid),
      rejected: num(f.rejected),
      redacted: num(f.redacted),
    })),
    errors: rows(r.errors),
    errorCounts: counts(r.errorCounts),
    warnings: rows(r.warnings),
    warningCounts: counts(r.warningCounts),
    notes: [...list(r.notes), ...list(r.datasetNotes)].map(note),
  };
}

/** Reads and parses a report.json; null when there is none (a site built without the pipeline). */
export async function readReport(path: string): Promise<ReportData | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return parseReport(JSON.parse(text));
}

/** One file's rows of one code. */
export interface FileCount {
  file: string;
  /** Exact, or the least it can be when `atLeast`. */
  count: number;
  atLeast: boolean;
  /** The rows report.json lists for this file and code, in file order. */
  rows: ReportRow[];
}

/** All rows of one code: the exact count, the message report.json gives, and the files. */
export interface CodeGroup {
  code: string;
  count: number;
  /** The message of the code's first row (the pipeline's words, in English). */
  message: string;
  files: FileCount[];
}

/**
 * Rows grouped by code (the order of `counts`: most rows first), each code by file (in the order of `fileOrder`,
 * then by name). `limit` is the most rows report.json lists per code and file.
 */
export function groupRows(rows: ReportRow[], counts: ReportCount[], fileOrder: string[] = [], limit = DEFAULT_LIST_LIMIT): CodeGroup[] {
  const byCode = new Map<string, Map<string, ReportRow[]>>();
  for (const r of rows) {
    let files = byCode.get(r.code);
    if (!files) byCode.set(r.code, (files = new Map()));
    let fileRows = files.get(r.file);
    if (!fileRows) files.set(r.file, (fileRows = []));
    fileRows.push(r);
  }
  const rank = new Map(fileOrder.map((f, i) => [f, i]));
  const order = (a: string, b: string) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
  // Codes with listed rows that `counts` lacks (a hand-edited report) are kept, counted by their rows.
  const known = new Set(counts.map((c) => c.code));
  const extra = [...byCode.keys()].filter((code) => !known.has(code)).map((code): ReportCount => ({ code, count: 0, unlisted: 0, message: '' }));
  const codes = [...counts, ...extra];
  return codes.map((c) => {
    const files = byCode.get(c.code) ?? new Map<string, ReportRow[]>();
    const names = [...files.keys()].sort(order);
    const listed = names.reduce((n, f) => n + (files.get(f)?.length ?? 0), 0);
    const total = Math.max(c.count, listed);
    const capped = names.filter((f) => (files.get(f)?.length ?? 0) >= limit);
    const fileCounts: FileCount[] = names.map((file) => {
      const fileRows = files.get(file) ?? [];
      // report.json gives each file's exact count (since per-file counts were added); older ones only per code.
      const exact = c.byFile?.[file];
      if (exact !== undefined) return { file, count: exact, atLeast: false, rows: fileRows };
      if (fileRows.length < limit) return { file, count: fileRows.length, atLeast: false, rows: fileRows };
      if (capped.length === 1) return { file, count: total - (listed - fileRows.length), atLeast: false, rows: fileRows };
      return { file, count: fileRows.length, atLeast: true, rows: fileRows };
    });
    return { code: c.code, count: total, message: c.message || (files.get(names[0])?.[0]?.message ?? ''), files: fileCounts };
  });
}

/** A file's count over all codes of `groups` (exact unless one of its codes is only known as "at least"). */
export function fileTotal(groups: CodeGroup[], file: string): { count: number; atLeast: boolean } {
  let count = 0;
  let atLeast = false;
  for (const g of groups) {
    for (const f of g.files) {
      if (f.file !== file) continue;
      count += f.count;
      atLeast ||= f.atLeast;
    }
  }
  return { count, atLeast };
}

/** Notes grouped by code, in the order their codes first appear; file notes and dataset notes apart. */
export interface NoteGroup {
  code: string;
  notes: ReportNote[];
}

export function groupNotes(notes: ReportNote[]): { files: NoteGroup[]; dataset: NoteGroup[] } {
  const group = (items: ReportNote[]): NoteGroup[] => {
    const out = new Map<string, ReportNote[]>();
    for (const n of items) {
      let g = out.get(n.code);
      if (!g) out.set(n.code, (g = []));
      g.push(n);
    }
    return [...out].map(([code, ns]) => ({ code, notes: ns }));
  };
  return { files: group(notes.filter((n) => n.file)), dataset: group(notes.filter((n) => !n.file)) };
}
