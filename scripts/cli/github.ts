/**
 * What `npm run build` tells GitHub Actions, so that the red or green mark says why: a job summary in Swedish
 * (appended to `$GITHUB_STEP_SUMMARY`) with the per-file table and the problems grouped by code, the same as the
 * report page, and workflow annotations (`::error file=…,line=…::…`) on the export files: unusable files and a
 * failed build as errors, rejected rows as warnings, row warnings and notes as notices, grouped per code and file
 * (at most MAX_FILES_PER_CODE files a code, MAX_PER_LEVEL annotations a level: GitHub shows no more than 10 of each
 * kind per step), each with the count.
 *
 * Nothing of this is printed outside GitHub Actions: annotations only when GITHUB_ACTIONS is `true`, the summary
 * only when GITHUB_STEP_SUMMARY is set. Paths are relative to the repository root (GITHUB_WORKSPACE), so that
 * GitHub links them. Every text is Safe (scripts/privacy/safe.ts): report.json's texts are masked again on the way
 * in, the catalogue's texts are the code's own.
 */
import { appendFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { DatasetBuild, SiteModel } from '../model.ts';
import { msg, safe, safeJoin, trusted, type Safe } from '../privacy/safe.ts';
import { problemLevel, problemText } from '../site/problems.ts';
import { groupNotes, groupRows, readReport, type CodeGroup, type ReportData } from '../site/report-data.ts';
import { reportUrl } from '../site/urls.ts';

/** GitHub shows at most 10 annotations of each level per step. */
export const MAX_PER_LEVEL = 10;
/** Files annotated per code; the last one says how many more files have it. */
export const MAX_FILES_PER_CODE = 3;
/** Rows named in an annotation or a summary line. */
const EXAMPLE_ROWS = 5;
/** Messages may be long (a header of 50 columns); they are still cut. */
const MESSAGE_LIMIT = 1500;

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface GithubEnvironment {
  /** GITHUB_ACTIONS is `true`: print workflow commands. */
  annotate: boolean;
  /** GITHUB_STEP_SUMMARY: the file the job summary is appended to. */
  summaryPath: string | null;
  /** The repository root that annotation paths are relative to. */
  workspace: string;
}

/** What the environment asks for, or null when the build is not running on GitHub Actions at all. */
export function githubEnvironment(env: NodeJS.ProcessEnv = process.env): GithubEnvironment | null {
  const annotate = env.GITHUB_ACTIONS === 'true';
  const summaryPath = env.GITHUB_STEP_SUMMARY ? env.GITHUB_STEP_SUMMARY : null;
  if (!annotate && !summaryPath) return null;
  return { annotate, summaryPath, workspace: env.GITHUB_WORKSPACE || process.cwd() };
}

/** A workflow command's message: `%`, CR and LF escaped as GitHub's runner reads them. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property (file, title): as `escapeData`, and `:` and `,` too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Annotation {
  level: AnnotationLevel;
  message: Safe;
  title?: Safe;
  /** Relative to the repository root, with `/`. */
  file?: Safe;
  line?: number;
}

/** `::warning file=data/x.csv,line=3,title=…::message` */
export function annotationCommand(a: Annotation): string {
  const props: string[] = [];
  if (a.file) props.push(`file=${escapeProperty(a.file)}`);
  if (a.file && a.line && a.line > 0) props.push(`line=${a.line}`);
  if (a.title) props.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(a.message)}`;
}

/** A path (absolute or relative to the working folder) relative to the repository root, with `/`. */
export function repoPath(path: string, workspace: string): Safe {
  const rel = relative(workspace, resolve(path));
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? resolve(path) : rel;
  return safe(shown.split(sep).join('/'), 400);
}

/** Keeps at most MAX_PER_LEVEL annotations of each level, in order. */
export function capAnnotations(all: Annotation[]): Annotation[] {
  const seen = new Map<AnnotationLevel, number>();
  return all.filter((a) => {
    const n = (seen.get(a.level) ?? 0) + 1;
    seen.set(a.level, n);
    return n <= MAX_PER_LEVEL;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Text, in Swedish: the editor reads the summary and the annotations.

const n = (count: number): Safe => safe(count.toLocaleString('sv-SE').replace(/\u00a0/g, ' '));
const rows = (count: number): Safe => (count === 1 ? msg`1 rad` : msg`${n(count)} rader`);
const text = (s: string, limit = MESSAGE_LIMIT): Safe => safe(s, limit);

/** The catalogue's title, meaning and action for a code in Swedish; a code it lacks gets its code and message. */
function words(code: string, message: string): { title: Safe; meaning: Safe; action: Safe } {
  const t = problemText(code, 'sv');
  if (t) return { title: trusted(t.title), meaning: trusted(t.meaning), action: trusted(t.action) };
  return { title: text(code, 80), meaning: text(message), action: trusted('Läs meddelandet; koden finns inte i Insyns förteckning över problem ännu.') };
}

function exampleRows(rowsOf: { row: number; line: number }[]): Safe {
  const shown = rowsOf.slice(0, EXAMPLE_ROWS).map((r) => msg`rad ${r.line}`);
  return safeJoin(shown, ', ');
}

/** The export file of a dataset, relative to the repository root. */
function exportPath(dataDir: string, datasetId: string, file: string, workspace: string): Safe {
  return repoPath(resolve(dataDir, 'datasets', datasetId, file), workspace);
}

/** Annotations for one dataset's report: rejected rows, row warnings, notes. */
export function reportAnnotations(report: ReportData, datasetId: string, dataDir: string, workspace: string): Annotation[] {
  const order = report.files.map((f) => f.file);
  const out: Annotation[] = [];
  const perCode = (groups: CodeGroup[], level: AnnotationLevel, what: (count: number, atLeast: boolean) => Safe) => {
    for (const g of groups) {
      const w = words(g.code, g.message);
      const files = g.files.slice(0, MAX_FILES_PER_CODE);
      files.forEach((f, i) => {
        const more = i === files.length - 1 && g.files.length > files.length ? msg` Samma fel finns i ${n(g.files.length - files.length)} filer till (${rows(g.count)} i alla filer).` : msg``;
        out.push({
          level,
          file: exportPath(dataDir, datasetId, f.file, workspace),
          line: f.rows[0]?.line,
          title: msg`${w.title} (${text(g.code, 80)})`,
          message: msg`${what(f.count, f.atLeast)}: ${w.meaning} Gör så här: ${w.action}${f.rows.length ? msg` Till exempel ${exampleRows(f.rows)}.` : msg``}${more}`,
        });
      });
    }
  };
  perCode(groupRows(report.errors, report.errorCounts, order), 'warning', (c, atLeast) => msg`${atLeast ? msg`Minst ` : msg``}${rows(c)} avvisades och publicerades inte`);
  perCode(groupRows(report.warnings, report.warningCounts, order), 'notice', (c, atLeast) => msg`${atLeast ? msg`Minst ` : msg``}${rows(c)} publicerades med en varning`);
  const notes = groupNotes(report.notes);
  for (const g of [...notes.dataset, ...notes.files]) {
    const level = problemLevel(g.code, 'notice');
    if (level === 'info') continue;
    const w = words(g.code, g.notes[0]?.message ?? '');
    for (const note of g.notes.slice(0, MAX_FILES_PER_CODE)) {
      out.push({
        level: level === 'error' ? 'error' : level,
        ...(note.file ? { file: exportPath(dataDir, datasetId, note.file, workspace) } : {}),
        title: msg`${w.title} (${text(g.code, 80)})`,
        message: msg`${w.meaning} Gör så här: ${w.action} (${text(note.message)})`,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The job summary (GitHub-flavoured Markdown).

/** Text for Markdown: HTML's specials escaped, and Markdown's punctuation that would format. */
export function md(s: Safe): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1');
}

/** A value as code in Markdown (an HTML <code>, so that backticks and pipes inside cannot break out). */
export function mdCode(s: Safe): string {
  return `<code>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;')}</code>`;
}

function groupLines(groups: CodeGroup[], what: string): string[] {
  const out: string[] = [];
  for (const g of groups) {
    const w = words(g.code, g.message);
    const perFile = g.files.map((f) => `${md(text(f.file, 200))}: ${f.atLeast ? 'minst ' : ''}${md(n(f.count))}`).join(', ');
    out.push(`- **${md(w.title)}** (${mdCode(text(g.code, 80))}): ${md(rows(g.count))} ${what}${perFile ? ` (${perFile})` : ''}. ${md(w.meaning)} *Gör så här:* ${md(w.action)}`);
    for (const f of g.files.slice(0, MAX_FILES_PER_CODE)) {
      for (const r of f.rows.slice(0, 3)) {
        out.push(`  - ${md(text(f.file, 200))}, rad ${r.line} i filen${r.column ? `, kolumn ${mdCode(text(r.column, 60))}` : ''}: ${r.value ? mdCode(text(r.value)) : '(tomt)'}`);
      }
    }
  }
  return out;
}

function datasetSummary(d: DatasetBuild, report: ReportData | null, baseUrl: string): string[] {
  const s = d.summary;
  const lines = [`### ${md(text(d.metadata.title.sv, 200))} (${mdCode(text(d.id, 80))})`, ''];
  lines.push(
    s.rejected > 0
      ? `${md(n(s.rejected))} av ${md(n(s.rows))} lästa rader avvisades och publicerades inte; ${md(n(s.valid))} publicerades.`
      : `Alla ${md(n(s.rows))} lästa rader publicerades.`,
  );
  lines.push(`[Kontrollrapporten på webbplatsen](${new URL(reportUrl(d.id, 'sv').slice(1), baseUrl).href}) visar samma sak.`, '');
  const files = report?.files ?? s.sources.map((f) => ({ ...f, redacted: 0 }));
  if (files.length) {
    lines.push('| Fil | Lästa rader | Publicerade | Avvisade | Maskerade |', '|---|---:|---:|---:|---:|');
    for (const f of files) lines.push(`| ${md(text(f.file, 200))} | ${md(n(f.rows))} | ${md(n(f.valid))} | ${md(n(f.rejected))} | ${md(n(f.redacted))} |`);
    lines.push('');
  }
  if (!report) return lines;
  const order = report.files.map((f) => f.file);
  const rejected = groupRows(report.errors, report.errorCounts, order);
  const warned = groupRows(report.warnings, report.warningCounts, order);
  const notes = groupNotes(report.notes);
  if (notes.dataset.length) {
    lines.push('**Om hela datamängden**', '');
    for (const g of notes.dataset) {
      const w = words(g.code, g.notes[0]?.message ?? '');
      lines.push(`- **${md(w.title)}** (${mdCode(text(g.code, 80))}): ${md(w.meaning)} *Gör så här:* ${md(w.action)}`);
      for (const note of g.notes) lines.push(`  - ${md(text(note.message))}`);
    }
    lines.push('');
  }
  if (rejected.length) lines.push('**Avvisade rader** (publicerades inte)', '', ...groupLines(rejected, 'avvisades'), '');
  if (warned.length) lines.push('**Varningar** (raderna publicerades)', '', ...groupLines(warned, 'med varning'), '');
  if (notes.files.length) {
    lines.push('<details><summary>Om filerna</summary>', '');
    for (const g of notes.files) {
      const w = words(g.code, g.notes[0]?.message ?? '');
      lines.push(`- **${md(w.title)}** (${mdCode(text(g.code, 80))}): ${md(w.meaning)}`);
      for (const note of g.notes) lines.push(`  - ${note.file ? `${md(text(note.file, 200))}: ` : ''}${md(text(note.message))}`);
    }
    lines.push('', '</details>', '');
  }
  return lines;
}

/** The summary of a build that succeeded. */
export function successSummary(model: SiteModel, reports: Map<string, ReportData | null>): string {
  const lines = ['## Insyn: bygget lyckades', ''];
  const rejected = model.datasets.reduce((c, d) => c + d.summary.rejected, 0);
  lines.push(
    `${md(n(model.datasets.length))} ${model.datasets.length === 1 ? 'datamängd byggdes' : 'datamängder byggdes'} för ${md(text(model.baseUrl, 400))}.` +
      (rejected > 0 ? ` ${md(n(rejected))} ${rejected === 1 ? 'rad avvisades' : 'rader avvisades'}: se nedan vad som är fel och vad ni kan göra i ekonomisystemet.` : ''),
    '',
  );
  for (const d of model.datasets) lines.push(...datasetSummary(d, reports.get(d.id) ?? null, model.baseUrl));
  return `${lines.join('\n')}\n`;
}

/** The summary of a build that failed: what the build said, and that nothing was published. */
export function failureSummary(heading: Safe, message: Safe): string {
  return [
    '## Insyn: bygget misslyckades',
    '',
    `${md(heading)} Inget publicerades: webbplatsen är som den var före bygget. Rätta felet och spara (commit) igen, så byggs webbplatsen på nytt.`,
    '',
    '```text',
    message.replace(/```/g, '`\u200b``'),
    '```',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Hooks for scripts/cli/build.ts.

function print(env: GithubEnvironment, annotations: Annotation[]): void {
  if (!env.annotate) return;
  for (const a of capAnnotations(annotations)) process.stdout.write(`${annotationCommand(a)}\n`);
}

async function appendSummary(env: GithubEnvironment, markdown: string): Promise<void> {
  if (env.summaryPath) await appendFile(env.summaryPath, markdown);
}

/** After a build that succeeded: read each dataset's report.json from the output, annotate and summarise. */
export async function reportBuild(env: GithubEnvironment, model: SiteModel, outputDir: string, dataDir: string): Promise<void> {
  const reports = new Map<string, ReportData | null>();
  const annotations: Annotation[] = [];
  for (const d of model.datasets) {
    const report = await readReport(resolve(outputDir, d.report.path));
    reports.set(d.id, report);
    if (report) annotations.push(...reportAnnotations(report, d.id, dataDir, env.workspace));
  }
  print(env, annotations);
  await appendSummary(env, successSummary(model, reports));
}

export interface Failure {
  /** A sentence in Swedish saying what kind of mistake stopped the build. */
  heading: Safe;
  /** The build's own message (what stderr shows). */
  message: Safe;
  /** The file at fault and the line, when known (relative to the working folder or absolute). */
  file?: string;
  line?: number;
  /** More problems of the same failure, each its own annotation (a settings file with three mistakes). */
  problems?: { message: Safe; file?: string; line?: number }[];
}

/** A path at the start of a message (`data/datasets/x/2025.csv: …`) when it names a file that exists. */
export function leadingPath(message: string): string | undefined {
  const m = /^([^\s:][^:]*?)(?:, line \d+)?: /.exec(message);
  return m && existsSync(resolve(m[1])) ? m[1] : undefined;
}

/** After a build that failed: one error annotation per problem, and the summary. */
export async function reportFailure(env: GithubEnvironment, failure: Failure): Promise<void> {
  const at = (file?: string) => (file ? { file: repoPath(file, env.workspace) } : {});
  const problems = failure.problems?.length ? failure.problems : [{ message: failure.message, file: failure.file, line: failure.line }];
  print(
    env,
    problems.map((p) => ({ level: 'error' as const, title: msg`Bygget misslyckades`, message: msg`${failure.heading} ${p.message}`, ...at(p.file ?? failure.file), ...(p.line ? { line: p.line } : {}) })),
  );
  await appendSummary(env, failureSummary(failure.heading, failure.message));
}
