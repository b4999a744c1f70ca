/**
 * Loads and checks what a publisher writes in `data/`: `site.json` and each `datasets/<id>/dataset.json`.
 * Every mistake names the file, the field and what is allowed (ajv + the schemas in schemas.ts).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import type { DatasetMetadata, DatasetSource, Publisher, SiteSettings } from '../model.ts';
import { containsPersonnummer, luhnOk } from '../pipeline/identity.ts';
import { safeText } from '../pipeline/report.ts';
import { datasetSchema, siteSchema, SLUG_PATTERN } from './schemas.ts';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
ajv.addFormat('email', /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/);
const validateSite = ajv.compile<SiteSettings>(siteSchema);
const validateDataset = ajv.compile<DatasetMetadata>(datasetSchema);

/** An ajv error in words: `publishers[0].orgNumber: must match ^\d{6}-?\d{4}$ (got "12")`. */
function describe(e: ErrorObject, data: unknown): string {
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

async function readJson(path: string, shown: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(shown, [`cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); it must exist and be a JSON file`]);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const before = text.slice(0, +pos[1]);
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    throw new ConfigError(shown, [`is not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}. Check commas, quotes and brackets.`]);
  }
}

export function normalizeBaseUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export async function loadSettings(dataDir: string): Promise<SiteSettings> {
  const path = join(dataDir, 'site.json');
  const shown = relative(process.cwd(), path) || path;
  const data = await readJson(path, shown);
  if (!validateSite(data)) throw new ConfigError(shown, (validateSite.errors ?? []).map((e) => describe(e, data)));
  const settings = data as SiteSettings;
  const problems: string[] = [];
  const ids = new Set<string>();
  const orgs = new Set<string>();
  settings.publishers.forEach((p, i) => {
    if (ids.has(p.id)) problems.push(`publishers[${i}].id: "${p.id}" is used by another publisher; ids must be unique`);
    ids.add(p.id);
    const digits = p.orgNumber.replace('-', '');
    if (!luhnOk(digits)) problems.push(`publishers[${i}].orgNumber: "${p.orgNumber}" fails the check digit; copy it from the organisation's registration`);
    if (orgs.has(digits)) problems.push(`publishers[${i}].orgNumber: "${p.orgNumber}" is used by another publisher`);
    orgs.add(digits);
    p.orgNumber = digits;
  });
  if (problems.length) throw new ConfigError(shown, problems);
  settings.baseUrl = normalizeBaseUrl(settings.baseUrl);
  settings.languages ??= ['sv', 'en'];
  return settings;
}

const EXPORT_FILE = /\.(csv|txt|tsv)$/i;
const SLUG = new RegExp(SLUG_PATTERN);

export async function loadDatasetMetadata(metadataPath: string): Promise<DatasetMetadata> {
  const shown = relative(process.cwd(), metadataPath) || metadataPath;
  const data = await readJson(metadataPath, shown);
  if (!validateDataset(data)) throw new ConfigError(shown, (validateDataset.errors ?? []).map((e) => describe(e, data)));
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
    throw new ConfigError(relative(process.cwd(), root) || root, ['the folder is missing: create it and put one folder per dataset in it']);
  }
  const datasets: DatasetSource[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const publishers = new Map(settings.publishers.map((p) => [p.id, p]));
  for (const id of names) {
    const dir = join(root, id);
    if (id.startsWith('.') || !(await stat(dir)).isDirectory()) continue;
    const shownDir = relative(process.cwd(), dir) || dir;
    if (!SLUG.test(id)) {
      throw new ConfigError(shownDir, [
        `the folder name "${id}" is used as the dataset id in URLs: use only lower-case letters a-z, digits and "-" (no å/ä/ö, spaces or dots), at most 64 characters`,
      ]);
    }
    if (containsPersonnummer(id)) {
      throw new ConfigError(safeText(shownDir), ['the folder name is used in URLs and contains a personnummer: rename the folder']);
    }
    const metadataPath = join(dir, 'dataset.json');
    const metadata = await loadDatasetMetadata(metadataPath);
    if (!publishers.has(metadata.publisher)) {
      throw new ConfigError(relative(process.cwd(), metadataPath), [
        `publisher: "${metadata.publisher}" is not a publisher id in site.json (known: ${[...publishers.keys()].join(', ')})`,
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
