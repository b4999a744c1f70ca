/**
 * Loads and checks what a publisher writes in `data/`: `site.json` and each `datasets/<id>/dataset.json`.
 * Every mistake names the file, the field and what is allowed (ajv + the schemas in schemas.ts).
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import type { DatasetMetadata, DatasetSource, Publisher, SiteSettings } from '../model.ts';
import { luhnOk } from '../pipeline/identity.ts';
import { containsPersonnummer } from '../privacy/personnummer.ts';
import { msg, quoted, safe, safeJoin, trusted, type Safe } from '../privacy/safe.ts';
import { personalDataProblems } from './personal-data.ts';
import { datasetSchema, siteSchema, SLUG_PATTERN } from './schemas.ts';
import { FIELD_FORMS, fieldPath, LOCALIZED_FIELDS, LOCALIZED_FORM, LOCALIZED_WRITTEN, notADate, pointerPath } from './words.ts';

export class ConfigError extends Error {
  constructor(
    readonly file: Safe,
    readonly problems: Safe[],
  ) {
    super(msg`${file}:\n${safeJoin(problems.map((p) => msg`  - ${p}`), '\n')}`);
    this.name = 'ConfigError';
  }
}

/** Files in the data folder that Insyn does not read and that are not notes: each named with what to do. */
export class DataFolderError extends ConfigError {
  override name = 'DataFolderError';
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
ajv.addFormat('email', /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/);
const validateSite = ajv.compile<SiteSettings>(siteSchema);
const validateDataset = ajv.compile<DatasetMetadata>(datasetSchema);

/** What else a message can say: the publisher ids of site.json, for a dataset's `publisher`. */
interface DescribeContext {
  publisherIds?: string[];
}

/**
 * An ajv error in words an editor can act on: `publishers[2].orgNumber (the third publisher): must be an
 * organisation number of ten digits, with or without the dash, like "212000-1355" (got "12")`. Patterns are said
 * in words, not as the schema's regular expression; a title that is not `{ "sv": …, "en": … }` says so.
 */
function describe(e: ErrorObject, data: unknown, context: DescribeContext = {}): Safe {
  return safe(describeRaw(e, data, context), 600);
}

function describeRaw(e: ErrorObject, data: unknown, context: DescribeContext): string {
  const segments = pointerPath(e.instancePath);
  const where = fieldPath(segments);
  let got: unknown = data;
  for (const p of segments) got = (got as Record<string | number, unknown> | undefined)?.[p];
  const shown = got === undefined ? '' : ` (got ${JSON.stringify(got)?.slice(0, 80)})`;
  const field = [...segments].reverse().find((p): p is string => typeof p === 'string') ?? '';
  const parent = typeof segments[segments.length - 1] === 'string' ? field : '';
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      if (LOCALIZED_FIELDS.has(parent) && missing === 'sv') return `${where}: the Swedish text "sv" is required: write it as ${LOCALIZED_WRITTEN}`;
      return `${where}: the field "${missing}" is required`;
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      if (LOCALIZED_FIELDS.has(parent)) return `${where}: unknown language "${extra}": write it as ${LOCALIZED_WRITTEN}`;
      return `${where}: unknown field "${extra}" (check its spelling)`;
    }
    case 'enum':
      return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}${shown}`;
    case 'type':
      if (LOCALIZED_FIELDS.has(parent)) return `${where}: must be ${LOCALIZED_FORM}${shown}`;
      return `${where}: must be ${(e.params as { type: string }).type === 'string' ? 'a text in quotes' : `a JSON ${(e.params as { type: string }).type}`}${shown}`;
    case 'pattern':
    case 'format': {
      if (field === 'publisher' && context.publisherIds) {
        return `${where}: ${JSON.stringify(got)?.slice(0, 80)} is not a publisher id in site.json; the ids there are: ${context.publisherIds.map((id) => JSON.stringify(id)).join(', ')}`;
      }
      const form = FIELD_FORMS[field];
      const why = typeof got === 'string' && (form === FIELD_FORMS.issued) ? notADate(got) : null;
      if (form) return `${where}: must be ${form}${shown}${why ? `: ${why}` : ''}`;
      return e.keyword === 'pattern' ? `${where}: must match ${(e.params as { pattern: string }).pattern}${shown}` : `${where}: ${e.message ?? 'is not allowed'}${shown}`;
    }
    case 'minLength':
      return `${where}: must not be empty`;
    case 'maxLength':
      return `${where}: is too long (at most ${(e.params as { limit: number }).limit} characters)`;
    case 'minItems':
      return field === 'publishers' ? `${where}: must list at least one publisher` : `${where}: must list at least ${(e.params as { limit: number }).limit}`;
    default:
      return `${where}: ${e.message ?? 'is not allowed'}${shown}`;
  }
}

/** Dates that match YYYY-MM-DD but do not exist (`2026-13-01`, `2026-02-30`): the schema's pattern lets some by. */
function dateProblems(values: [string, string | undefined][]): Safe[] {
  const problems: Safe[] = [];
  for (const [where, value] of values) {
    const why = value === undefined ? null : notADate(value);
    if (why) problems.push(safe(`${where}: ${JSON.stringify(value)} is not a date: ${why}. Write the date as YYYY-MM-DD, like "2026-03-09".`, 400));
  }
  return problems;
}

async function readJson(path: string, shown: Safe): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(shown, [msg`cannot be read (${safe(String((e as NodeJS.ErrnoException).code ?? 'error'))}); it must exist and be a JSON file`]);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    let where = '';
    if (pos) {
      const before = text.slice(0, +pos[1]);
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    throw new ConfigError(shown, [msg`is not valid JSON${trusted(where)}: ${safe(message.replace(/ in JSON at position \d+.*$/, ''))}. Check commas, quotes and brackets.`]);
  }
}

export function normalizeBaseUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** What the schema cannot say about `accessibility`: how its fields fit together and with the publishers. */
function accessibilityProblems(settings: SiteSettings, publisherIds: Set<string>): Safe[] {
  const a = settings.accessibility;
  if (!a) return [];
  const problems: Safe[] = [];
  if (a.responsible !== undefined && !publisherIds.has(a.responsible)) {
    const ids = safeJoin([...publisherIds].map((id) => quoted(id)), ', ');
    problems.push(msg`accessibility.responsible: ${quoted(a.responsible)} is not the id of a publisher (use one of ${ids})`);
  }
  if (a.method === 'third-party' && !a.assessor) problems.push(trusted('accessibility.assessor: say who reviewed the site when "method" is "third-party"'));
  // The dates matched the schema's YYYY-MM-DD pattern, so they compare as text and are safe to show.
  if (a.assessed && a.updated && a.updated < a.assessed) {
    problems.push(msg`accessibility.updated: ${safe(a.updated)} is before the assessment (${safe(a.assessed)}); the statement is updated when the site is assessed`);
  }
  if (a.published && a.updated && a.updated < a.published) {
    problems.push(msg`accessibility.updated: ${safe(a.updated)} is before the site was published (${safe(a.published)})`);
  }
  const listed = (a.nonCompliant?.length ?? 0) + (a.disproportionateBurden?.length ?? 0);
  if ((a.compliance ?? 'full') === 'full' && (a.nonCompliant?.length ?? 0) > 0) {
    problems.push(trusted('accessibility.compliance: "full" (helt förenlig), but nonCompliant lists content that does not meet the requirements; use "partial"'));
  }
  if ((a.compliance === 'partial' || a.compliance === 'none') && listed === 0) {
    problems.push(msg`accessibility.compliance: ${quoted(a.compliance)} needs the content that is not accessible, and why, in nonCompliant or disproportionateBurden`);
  }
  return problems;
}

export async function loadSettings(dataDir: string): Promise<SiteSettings> {
  const path = join(dataDir, 'site.json');
  const shown = safe(relative(process.cwd(), path) || path);
  const data = await readJson(path, shown);
  if (!validateSite(data)) throw new ConfigError(shown, (validateSite.errors ?? []).map((e) => describe(e, data)));
  const personal = personalDataProblems(data);
  if (personal.length) throw new ConfigError(shown, personal);
  const settings = data as SiteSettings;
  const problems: Safe[] = [];
  const ids = new Set<string>();
  const orgs = new Set<string>();
  settings.publishers.forEach((p, i) => {
    const at = (f: string) => trusted(fieldPath(['publishers', i, f]));
    if (ids.has(p.id)) problems.push(msg`${at('id')}: ${quoted(p.id)} is used by another publisher; ids must be unique`);
    ids.add(p.id);
    const digits = p.orgNumber.replace('-', '');
    if (digits.charCodeAt(2) < 0x32) {
      problems.push(msg`${at('orgNumber')}: ${quoted(p.orgNumber)} is not an organisation number (an organisation's number has 2 or more as its third digit; a number with 0 or 1 there is a personnummer)`);
    } else if (!luhnOk(digits)) problems.push(msg`${at('orgNumber')}: ${quoted(p.orgNumber)} fails the check digit; copy it from the organisation's registration`);
    if (orgs.has(digits)) problems.push(msg`${at('orgNumber')}: ${quoted(p.orgNumber)} is used by another publisher`);
    orgs.add(digits);
    p.orgNumber = digits;
  });
  problems.push(...accessibilityProblems(settings, ids));
  const a = settings.accessibility;
  problems.push(...dateProblems([['accessibility.assessed', a?.assessed], ['accessibility.updated', a?.updated], ['accessibility.published', a?.published]]));
  if (problems.length) throw new ConfigError(shown, problems);
  settings.baseUrl = normalizeBaseUrl(settings.baseUrl);
  settings.languages ??= ['sv', 'en'];
  return settings;
}

const SLUG = new RegExp(SLUG_PATTERN);

/** `publisherIds`: the ids of site.json's publishers, named when `publisher` is not one of them. */
export async function loadDatasetMetadata(metadataPath: string, publisherIds?: string[]): Promise<DatasetMetadata> {
  const shown = safe(relative(process.cwd(), metadataPath) || metadataPath);
  const data = await readJson(metadataPath, shown);
  const problems = validateDataset(data) ? [] : (validateDataset.errors ?? []).map((e) => describe(e, data, { publisherIds }));
  // The catalogue's dates rely on a real date: 2026-13-01 passed the schema and stopped the build as "a bug in Insyn".
  const issued = (data as { issued?: unknown } | null)?.issued;
  problems.push(...dateProblems([['issued', typeof issued === 'string' ? issued : undefined]]));
  if (problems.length) throw new ConfigError(shown, problems);
  const personal = personalDataProblems(data);
  if (personal.length) throw new ConfigError(shown, personal);
  return data as DatasetMetadata;
}

/**
 * Export files by extension. `.xlsx` is a workbook the reader opens; `.xls` and `.ods` are listed too, so that
 * the reader, not a silent skip, answers them (it says to save them as .xlsx or CSV).
 */
export const EXPORT_EXTENSIONS = ['.csv', '.xlsx', '.xlsm', '.xls', '.ods', '.json'];

/** Notes for people (README, Markdown): ignored on purpose, never published. */
const NOTE_FILE = /^readme([._-].*)?$|\.md$/i;

function extension(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i).toLowerCase() : '';
}

function isExportName(name: string): boolean {
  return EXPORT_EXTENSIONS.includes(extension(name));
}

function insidePath(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r));
}

export interface LoadedProject {
  settings: SiteSettings;
  datasets: DatasetSource[];
  /** Dataset folders skipped, with why (no export files yet). */
  skipped: { id: string; reason: string }[];
  /** Files in the data folder ignored on purpose (notes, hidden files), shown relative to the working folder. */
  ignored: Safe[];
}

/** What one entry of the data folder is, after following a symbolic link (which must stay inside the folder). */
interface Entry {
  name: string;
  path: string;
  shown: Safe;
  kind: 'file' | 'folder' | 'other';
  /** A symbolic link (to a place inside the data folder). */
  link: boolean;
  /** For a link: the name of the file it points to. */
  targetName: string;
}

/**
 * Loads `site.json` and every dataset folder under `datasets/`, sorted by id. Every file in the data folder is
 * accounted for: read (site.json, dataset.json, exports), ignored on purpose (README and Markdown notes, hidden
 * files: listed in `ignored`), or named in one DataFolderError that says what to do with it (a zip archive, a .txt
 * or .tsv file, an export dropped in `datasets/` itself, a subfolder, an unknown file, a symbolic link out of the
 * data folder). Paths are compared as real paths; nothing of a file that is not read is ever printed.
 */
export async function loadProject(dataDir: string): Promise<LoadedProject> {
  const shownOf = (p: string) => safe(relative(process.cwd(), p) || p, 400);
  let realData: string;
  try {
    realData = await realpath(dataDir);
  } catch {
    realData = resolve(dataDir);
  }
  const problems: Safe[] = [];
  const ignored: Safe[] = [];
  /** Entries refused (links out of the data folder, broken links): never read. */
  const refused = new Set<string>();

  const entries = async (dir: string): Promise<Entry[]> => {
    const out: Entry[] = [];
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const shown = shownOf(path);
      const lst = await lstat(path);
      let st: Awaited<ReturnType<typeof stat>> = lst;
      let targetName = name;
      if (lst.isSymbolicLink()) {
        let real: string;
        try {
          real = await realpath(path);
          st = await stat(real);
        } catch {
          problems.push(msg`${shown}: a symbolic link to something that does not exist. Remove the link, or put the file itself here.`);
          refused.add(path);
          continue;
        }
        if (!insidePath(real, realData)) {
          problems.push(
            msg`${shown}: a symbolic link to ${safe(real, 400)}, outside the data folder. Insyn reads only what is in the data folder (everything in it may be published): copy the file in, or remove the link.`,
          );
          refused.add(path);
          continue;
        }
        targetName = basename(real);
      }
      out.push({ name, path, shown, kind: st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other', link: lst.isSymbolicLink(), targetName });
    }
    return out;
  };
  const isIgnored = (e: Entry) => e.name.startsWith('.') || (e.kind === 'file' && NOTE_FILE.test(e.name));

  // The data folder itself: site.json, datasets/, notes and hidden files.
  const top = await entries(dataDir).catch(() => [] as Entry[]);
  for (const e of top) {
    if (e.name === 'site.json' || e.name === 'datasets') continue;
    if (isIgnored(e)) {
      ignored.push(e.shown);
    } else if (e.kind === 'file' && isExportName(e.name)) {
      problems.push(msg`${e.shown}: an export file in the data folder itself is not read. Put it in its dataset's folder, datasets/<id>/, beside that dataset's dataset.json.`);
    } else {
      problems.push(msg`${e.shown}: Insyn does not know what this is. The data folder holds site.json, datasets/ and notes (README, .md files). Move it out of the data folder.`);
    }
  }
  if (problems.length) throw new DataFolderError(shownOf(dataDir), problems);

  const settings = await loadSettings(dataDir);
  const root = join(dataDir, 'datasets');
  let listing: Entry[];
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
    listing = await entries(root);
  } catch {
    throw new ConfigError(shownOf(root), [msg`the folder is missing: create it and put one folder per dataset in it`]);
  }
  const datasets: DatasetSource[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const publishers = new Map(settings.publishers.map((p) => [p.id, p]));
  for (const top of listing) {
    const id = top.name;
    if (isIgnored(top)) {
      ignored.push(top.shown);
      continue;
    }
    if (top.kind !== 'folder') {
      if (top.kind === 'file' && isExportName(id)) {
        problems.push(msg`${top.shown}: an export file directly in datasets/ is not read. Put it in its dataset's folder (datasets/<id>/, beside that dataset's dataset.json).`);
      } else if (top.kind === 'file' && /\.(zip|txt|tsv)$/i.test(id)) {
        problems.push(msg`${top.shown}: a file directly in datasets/ is not read. Exports go into their dataset's folder (datasets/<id>/) as .csv or .xlsx files.`);
      } else {
        problems.push(msg`${top.shown}: Insyn does not know what this is. datasets/ holds one folder per dataset (and notes: README, .md files). Move it out of the data folder.`);
      }
      continue;
    }
    const dir = top.path;
    const shownDir = top.shown;
    if (containsPersonnummer(id, 'name')) {
      throw new ConfigError(shownDir, [msg`the folder name is used in URLs and contains a personnummer: rename the folder`]);
    }
    if (!SLUG.test(id)) {
      throw new ConfigError(shownDir, [
        msg`the folder name ${quoted(id)} is used as the dataset id in URLs: use only lower-case letters a-z, digits and "-" (no å/ä/ö, spaces or dots), at most 64 characters`,
      ]);
    }
    const files: string[] = [];
    let hasMetadata = false;
    for (const e of await entries(dir)) {
      if (e.name === 'dataset.json' && e.kind === 'file') {
        hasMetadata = true;
        continue;
      }
      if (isIgnored(e)) {
        ignored.push(e.shown);
        continue;
      }
      const ext = extension(e.name);
      if (e.kind === 'folder') {
        problems.push(msg`${e.shown}: a folder inside a dataset folder is not read. Move the exports it holds up into ${shownDir}, and anything else out of the data folder.`);
      } else if (e.kind !== 'file') {
        problems.push(msg`${e.shown}: not a regular file (a device, a socket or a pipe). Remove it.`);
      } else if (isExportName(e.name)) {
        // A link leads to an export only: a spreadsheet or CSV (a .json behind a link could be any configuration file).
        if (e.link && (!isExportName(e.targetName) || extension(e.targetName) === '.json')) {
          problems.push(msg`${e.shown}: a symbolic link to ${safe(e.targetName)}, which is not an export file (.csv or .xlsx). Remove the link, or link the export itself.`);
        } else files.push(e.path);
      } else if (ext === '.zip') {
        problems.push(msg`${e.shown}: a zip archive is not read. Unpack it, put the export files (.csv or .xlsx) in ${shownDir}, and remove the .zip.`);
      } else if (ext === '.txt' || ext === '.tsv') {
        problems.push(
          msg`${e.shown}: ${trusted(ext)} files are not read. If it is an export, rename it to .csv (Insyn finds the separator, tab included, by itself); if it is a note, name it README.md or give it the .md extension.`,
        );
      } else {
        problems.push(
          msg`${e.shown}: Insyn does not know what this file is. A dataset folder holds dataset.json, exports (.csv or .xlsx) and notes (README, .md files). Move it out of the data folder.`,
        );
      }
    }
    const metadataPath = join(dir, 'dataset.json');
    if (!hasMetadata && refused.has(metadataPath)) continue; // a link out of the data folder: never read
    const metadata = await loadDatasetMetadata(metadataPath, [...publishers.keys()]);
    if (!publishers.has(metadata.publisher)) {
      throw new ConfigError(safe(relative(process.cwd(), metadataPath)), [
        msg`publisher: ${quoted(metadata.publisher)} is not a publisher id in site.json; the ids there are: ${safeJoin([...publishers.keys()].map((k) => quoted(k)), ', ')}`,
      ]);
    }
    if (files.length === 0) {
      skipped.push({ id, reason: 'no export files (.csv or .xlsx) in the folder yet' });
      continue;
    }
    datasets.push({ id, dir, metadataPath, metadata, files });
  }
  if (problems.length) throw new DataFolderError(shownOf(dataDir), problems);
  return { settings, datasets, skipped, ignored };
}

export function publisherOf(settings: SiteSettings, id: string): Publisher {
  const p = settings.publishers.find((x) => x.id === id);
  if (!p) throw new Error(`unknown publisher ${id}`);
  return p;
}
