/**
 * Loads and checks what a publisher writes in `data/`: `site.json` and each `datasets/<id>/dataset.json`.
 * Every mistake names the file, the field and what is allowed (ajv + the schemas in schemas.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import type { DatasetMetadata, DatasetSource, Publisher, SiteSettings } from '../model.ts';
import { luhnOk } from '../pipeline/identity.ts';
import { containsPersonnummer } from '../privacy/personnummer.ts';
import { msg, quoted, safe, safeJoin, trusted, type Safe } from '../privacy/safe.ts';
import { personalDataProblems } from './personal-data.ts';
import { datasetSchema, siteSchema, SLUG_PATTERN } from './schemas.ts';

export class ConfigError extends Error {
  constructor(
    readonly file: Safe,
    readonly problems: Safe[],
  ) {
    super(msg`${file}:\n${safeJoin(problems.map((p) => msg`  - ${p}`), '\n')}`);
    this.name = 'ConfigError';
  }
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
ajv.addFormat('email', /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/);
const validateSite = ajv.compile<SiteSettings>(siteSchema);
const validateDataset = ajv.compile<DatasetMetadata>(datasetSchema);

/** An ajv error in words: `publishers[0].orgNumber: must match ^\d{6}-?\d{4}$ (got "12")`. */
function describe(e: ErrorObject, data: unknown): Safe {
  return safe(describeRaw(e, data), 400);
}

function describeRaw(e: ErrorObject, data: unknown): string {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '');
  const where = path === '' ? '(top level)' : path;
  let got: unknown = data;
  for (const p of e.instancePath.split('/').slice(1)) got = (got as Record<string, unknown> | undefined)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  const shown = got === undefined ? '' : ` (got ${JSON.stringify(got)?.slice(0, 80)})`;
  switch (e.keyword) {
    case 'required':
      return `${where}: the field "${(e.params as { missingProperty: string }).missingProperty}" is required`;
    case 'additionalProperties':
      return `${where}: unknown field "${(e.params as { additionalProperty: string }).additionalProperty}" (check its spelling)`;
    case 'enum':
      return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}${shown}`;
    case 'pattern':
      return `${where}: must match ${(e.params as { pattern: string }).pattern}${shown}`;
    default:
      return `${where}: ${e.message ?? 'is not allowed'}${shown}`;
  }
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
    if (ids.has(p.id)) problems.push(msg`publishers[${i}].id: ${quoted(p.id)} is used by another publisher; ids must be unique`);
    ids.add(p.id);
    const digits = p.orgNumber.replace('-', '');
    if (digits.charCodeAt(2) < 0x32) {
      problems.push(msg`publishers[${i}].orgNumber: ${quoted(p.orgNumber)} is not an organisation number (an organisation's number has 2 or more as its third digit; a number with 0 or 1 there is a personnummer)`);
    } else if (!luhnOk(digits)) problems.push(msg`publishers[${i}].orgNumber: ${quoted(p.orgNumber)} fails the check digit; copy it from the organisation's registration`);
    if (orgs.has(digits)) problems.push(msg`publishers[${i}].orgNumber: ${quoted(p.orgNumber)} is used by another publisher`);
    orgs.add(digits);
    p.orgNumber = digits;
  });
  problems.push(...accessibilityProblems(settings, ids));
  if (problems.length) throw new ConfigError(shown, problems);
  settings.baseUrl = normalizeBaseUrl(settings.baseUrl);
  settings.languages ??= ['sv', 'en'];
  return settings;
}

const EXPORT_FILE = /\.(csv|txt|tsv|xlsx|xlsm)$/i;
const SLUG = new RegExp(SLUG_PATTERN);

export async function loadDatasetMetadata(metadataPath: string): Promise<DatasetMetadata> {
  const shown = safe(relative(process.cwd(), metadataPath) || metadataPath);
  const data = await readJson(metadataPath, shown);
  if (!validateDataset(data)) throw new ConfigError(shown, (validateDataset.errors ?? []).map((e) => describe(e, data)));
  const personal = personalDataProblems(data);
  if (personal.length) throw new ConfigError(shown, personal);
  return data as DatasetMetadata;
}

export interface LoadedProject {
  settings: SiteSettings;
  datasets: DatasetSource[];
  /** Dataset folders skipped, with why (no export files yet). */
  skipped: { id: string; reason: string }[];
}

/** Loads `site.json` and every dataset folder under `datasets/`, sorted by id. */
export async function loadProject(dataDir: string): Promise<LoadedProject> {
  const settings = await loadSettings(dataDir);
  const root = join(dataDir, 'datasets');
  let names: string[];
  try {
    names = (await readdir(root)).sort();
  } catch {
    throw new ConfigError(safe(relative(process.cwd(), root) || root), [msg`the folder is missing: create it and put one folder per dataset in it`]);
  }
  const datasets: DatasetSource[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const publishers = new Map(settings.publishers.map((p) => [p.id, p]));
  for (const id of names) {
    const dir = join(root, id);
    if (id.startsWith('.') || !(await stat(dir)).isDirectory()) continue;
    const shownDir = safe(relative(process.cwd(), dir) || dir);
    if (containsPersonnummer(id, 'name')) {
      throw new ConfigError(shownDir, [msg`the folder name is used in URLs and contains a personnummer: rename the folder`]);
    }
    if (!SLUG.test(id)) {
      throw new ConfigError(shownDir, [
        msg`the folder name ${quoted(id)} is used as the dataset id in URLs: use only lower-case letters a-z, digits and "-" (no å/ä/ö, spaces or dots), at most 64 characters`,
      ]);
    }
    const metadataPath = join(dir, 'dataset.json');
    const metadata = await loadDatasetMetadata(metadataPath);
    if (!publishers.has(metadata.publisher)) {
      throw new ConfigError(safe(relative(process.cwd(), metadataPath)), [
        msg`publisher: ${quoted(metadata.publisher)} is not a publisher id in site.json; the ids there are: ${safeJoin([...publishers.keys()].map((k) => quoted(k)), ', ')}`,
      ]);
    }
    const files = (await readdir(dir)).filter((f) => EXPORT_FILE.test(f) && !f.startsWith('.')).sort();
    if (files.length === 0) {
      skipped.push({ id, reason: 'no export files (.csv) in the folder yet' });
      continue;
    }
    datasets.push({ id, dir, metadataPath, metadata, files: files.map((f) => join(dir, f)) });
  }
  return { settings, datasets, skipped };
}

export function publisherOf(settings: SiteSettings, id: string): Publisher {
  const p = settings.publishers.find((x) => x.id === id);
  if (!p) throw new Error(`unknown publisher ${id}`);
  return p;
}
