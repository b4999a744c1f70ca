/**
 * `npm run init -- [--name NAME --org-number NR --type TYPE --email E --homepage URL [--municipality-code KOD]
 *  [--id ID]]... [--title T] [--title-en T] [--description D] [--description-en D] [--base-url URL]
 *  [--repository URL] [--add] [--data DIR] [--content DIR] [--interactive]`
 *
 * Turns the sample into the editor's own site, in one step: their publisher(s) in data/site.json (name,
 * organisation number, checked, type, e-mail, homepage, municipality code), an empty dataset folder with its
 * dataset.json per publisher, no sample data and no sample news posts, the accessibility statement's organisation
 * (the first publisher), and the site's title, description and address. Each `--name` starts a publisher; the
 * flags after it describe that publisher. Run in a terminal without arguments, it asks. The GitHub Actions form
 * (.github/workflows/init.yml) runs it with flags for editors who never open a terminal.
 *
 * `--add` adds publishers (and their dataset folders) to a site that is already its own (a regional network).
 * Without it, init refuses to touch a site that no longer holds the sample's publishers.
 *
 * Everything it says is in Swedish: the editor reads it. Exit codes: 0 done; 1 the site is not the sample (and no
 * --add), or the result would not load; 2 the command was called wrong (a flag, a value); 3 the machine failed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError, loadProject, loadSettings } from '../config/load.ts';
import { SLUG_PATTERN } from '../config/schemas.ts';
import { ENVIRONMENT_EXIT, environmentProblem } from '../build/environment.ts';
import { luhnOk } from '../pipeline/identity.ts';
import type { Publisher } from '../model.ts';
import { safe } from '../privacy/safe.ts';
import { isSamplePublisher, SAMPLE_DATASETS, SAMPLE_PUBLISHERS } from './sample-site.ts';
import { runMain, UsageError } from './args.ts';

const USAGE = `Användning: npm run init -- --name NAMN --org-number NUMMER --type TYP --email E-POST --homepage ADRESS
                         [--municipality-code KOD] [--id ID]   (upprepa från --name för fler utgivare)
                         [--title TITEL] [--title-en TITEL] [--description TEXT] [--description-en TEXT]
                         [--base-url ADRESS] [--repository ADRESS] [--add] [--data MAPP] [--content MAPP]

Gör exempelwebbplatsen till er egen: era utgivare i data/site.json, en tom mapp med dataset.json per utgivare,
inga exempeldata och inga exempelnyheter. Utan argument i en terminal frågar kommandot efter uppgifterna.

  --name NAMN              organisationens namn, t.ex. "Testköpings kommun" (börjar en ny utgivare)
  --org-number NUMMER      organisationsnummer, tio siffror, t.ex. 212000-1234 (kontrollsiffran kontrolleras)
  --type TYP               kommun, region eller myndighet (municipality, region, agency)
  --email E-POST           e-post för frågor om datan, gärna en funktionsbrevlåda
  --homepage ADRESS        organisationens webbplats, t.ex. https://testkoping.se/
  --municipality-code KOD  kommunkod från SCB, fyra siffror (för en kommun)
  --id ID                  kort namn i webbadresser (standard: av namnet, t.ex. testkopings)
  --title, --title-en      webbplatsens namn på svenska och engelska (standard: av utgivarnas namn)
  --description, --description-en   en mening om webbplatsen (standard: av utgivarnas namn)
  --base-url ADRESS        webbplatsens adress (standard på GitHub: https://<konto>.github.io/<repo>/)
  --repository ADRESS      repots adress, för länkarna "Föreslå en ändring" (standard på GitHub: repot)
  --add                    lägg till utgivare på en webbplats som redan är er egen (ett regionalt nätverk)
  --data MAPP              datamappen (standard: data)
  --content MAPP           sidornas mapp, där exempelnyheterna tas bort (standard: content)
  --interactive            fråga efter uppgifterna även när kommandot inte körs i en terminal`;

const PUBLISHER_FLAGS = ['name', 'org-number', 'type', 'email', 'homepage', 'municipality-code', 'id'] as const;
const SITE_FLAGS = ['title', 'title-en', 'description', 'description-en', 'base-url', 'repository', 'data', 'content'] as const;
type PublisherFlag = (typeof PUBLISHER_FLAGS)[number];
type SiteFlag = (typeof SITE_FLAGS)[number];

interface Args {
  publishers: Partial<Record<PublisherFlag, string>>[];
  site: Partial<Record<SiteFlag, string>>;
  add: boolean;
  interactive: boolean;
  help: boolean;
}

/** `--flag value` or `--flag=value`; each --name starts a publisher that the following publisher flags describe. */
export function parseInitArgs(argv: string[]): Args {
  const args: Args = { publishers: [], site: {}, add: false, interactive: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new UsageError(`okänt argument "${safe(a, 80)}"`);
    const eq = a.indexOf('=');
    const name = a.slice(2, eq > 0 ? eq : undefined);
    if (name === 'add' || name === 'interactive' || name === 'help') {
      if (eq > 0) throw new UsageError(`--${name} tar inget värde`);
      if (name === 'help') args.help = true;
      else args[name] = true;
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (!(PUBLISHER_FLAGS as readonly string[]).includes(name) && !(SITE_FLAGS as readonly string[]).includes(name)) throw new UsageError(`okänd flagga --${safe(name, 40)}`);
    if (value === undefined || value.trim() === '') throw new UsageError(`--${name} behöver ett värde`);
    if ((PUBLISHER_FLAGS as readonly string[]).includes(name)) {
      if (name === 'name') args.publishers.push({});
      const current = args.publishers[args.publishers.length - 1];
      if (!current) throw new UsageError(`--${name} hör till en utgivare: skriv --name först`);
      if (current[name as PublisherFlag] !== undefined) throw new UsageError(`--${name} står två gånger för samma utgivare (börja nästa utgivare med --name)`);
      current[name as PublisherFlag] = value.trim();
    } else {
      args.site[name as SiteFlag] = value.trim();
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks, in Swedish, each naming the flag.

const TYPES: Record<string, Publisher['type']> = { kommun: 'municipality', municipality: 'municipality', region: 'region', myndighet: 'agency', agency: 'agency' };
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const URL_FORM = /^https?:\/\/[^\s/?#]+(\/\S*)?$/;
const SLUG = new RegExp(SLUG_PATTERN);

/** `Testköpings kommun` → `testkopings`: lower-case a–z, digits and `-`, without a trailing "kommun". */
export function slugOf(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-kommun$/, '');
  return s.slice(0, 40).replace(/-+$/, '');
}

/** `212000-1234` or `2120001234` → the ten digits, or a problem in words. */
export function checkOrgNumber(value: string): { digits: string } | { problem: string } {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return { problem: `"${safe(value, 40)}" är inte tio siffror (skriv t.ex. 212000-1234)` };
  if (digits.charCodeAt(2) < 0x32) return { problem: `"${safe(value, 40)}" är inget organisationsnummer: den tredje siffran är 0 eller 1, som i ett personnummer` };
  if (!luhnOk(digits)) return { problem: `"${safe(value, 40)}" har fel kontrollsiffra (den sista siffran): skriv av numret från organisationens registrering` };
  return { digits };
}

export interface PublisherInput {
  id: string;
  name: string;
  orgNumber: string;
  type: Publisher['type'];
  email: string;
  homepage: string;
  municipalityCode?: string;
}

/** The publishers from the flags, or every problem with them (each naming the flag and the publisher). */
export function checkPublishers(list: Partial<Record<PublisherFlag, string>>[]): { publishers: PublisherInput[]; problems: string[] } {
  const problems: string[] = [];
  const publishers: PublisherInput[] = [];
  if (list.length === 0) problems.push('ingen utgivare: ange minst --name, --org-number, --type, --email och --homepage');
  list.forEach((p, i) => {
    const who = list.length > 1 ? `utgivare ${i + 1} (${safe(p.name ?? '', 60)}): ` : '';
    for (const flag of ['name', 'org-number', 'type', 'email', 'homepage'] as const) if (!p[flag]) problems.push(`${who}--${flag} saknas`);
    const org = p['org-number'] ? checkOrgNumber(p['org-number']) : null;
    if (org && 'problem' in org) problems.push(`${who}--org-number: ${org.problem}`);
    const type = p.type ? TYPES[p.type.toLowerCase()] : undefined;
    if (p.type && !type) problems.push(`${who}--type: "${safe(p.type, 40)}" är ingen typ; skriv kommun, region eller myndighet`);
    if (p.email && !EMAIL.test(p.email)) problems.push(`${who}--email: "${safe(p.email, 80)}" är ingen e-postadress (skriv t.ex. oppnadata@testkoping.se)`);
    if (p.homepage && !URL_FORM.test(p.homepage)) problems.push(`${who}--homepage: "${safe(p.homepage, 80)}" är ingen webbadress: den ska börja med https://, t.ex. https://testkoping.se/`);
    const code = p['municipality-code'];
    if (code !== undefined && !/^\d{4}$/.test(code)) problems.push(`${who}--municipality-code: "${safe(code, 20)}" ska vara kommunkoden från SCB, fyra siffror (t.ex. 1480)`);
    if (type === 'municipality' && code === undefined) problems.push(`${who}--municipality-code saknas: en kommun anger sin kommunkod från SCB, fyra siffror (t.ex. 1480); den fylls i i datan när exporten saknar den`);
    if (code !== undefined && type && type !== 'municipality') problems.push(`${who}--municipality-code: bara en kommun har en kommunkod`);
    const id = p.id ?? (p.name ? slugOf(p.name) : '');
    if (p.name && !SLUG.test(id)) problems.push(`${who}--id: "${safe(id, 80)}" kan inte användas i webbadresser: använd små bokstäver a–z, siffror och -`);
    if (p.name && isSamplePublisher({ id, orgNumber: org && 'digits' in org ? org.digits : '' })) {
      problems.push(`${who}exempelwebbplatsens påhittade utgivare (${SAMPLE_PUBLISHERS.map((s) => `${s.id}, ${s.orgNumber}`).join('; ')}) kan inte användas: ange er egen organisation`);
    }
    if (problems.length === 0 && org && 'digits' in org && type) {
      publishers.push({ id, name: p.name as string, orgNumber: org.digits, type, email: p.email as string, homepage: p.homepage as string, ...(code !== undefined ? { municipalityCode: code } : {}) });
    }
  });
  const ids = publishers.map((p) => p.id);
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`två utgivare får samma id "${id}": ge den ena ett eget med --id`);
  const orgs = publishers.map((p) => p.orgNumber);
  for (const org of new Set(orgs)) if (orgs.filter((x) => x === org).length > 1) problems.push(`två utgivare har samma organisationsnummer ${org}`);
  return { publishers: problems.length ? [] : publishers, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// What the site becomes.

const WHO: Record<Publisher['type'], { sv: string; en: string }> = {
  municipality: { sv: 'kommunen', en: 'the municipality' },
  region: { sv: 'regionen', en: 'the region' },
  agency: { sv: 'myndigheten', en: 'the agency' },
};

/** `Testköpings kommun` → `Testköpings kommuns`; a name ending in s, x or z takes no s. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

function listing(names: string[], and: string): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

/** The site's address on GitHub Pages from GITHUB_REPOSITORY (`owner/repo`), or from the origin remote. */
export function githubPagesUrl(repository: string | undefined): string | undefined {
  const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repository ?? '');
  if (!m) return undefined;
  const owner = m[1].toLowerCase();
  return m[2].toLowerCase() === `${owner}.github.io` ? `https://${owner}.github.io/` : `https://${owner}.github.io/${m[2]}/`;
}

function datasetMetadata(p: PublisherInput): Record<string, unknown> {
  return {
    title: { sv: `Leverantörsfakturor, ${p.name}`, en: `Supplier invoices, ${p.name}` },
    description: {
      sv: `${genitive(p.name)} leverantörsfakturor, en rad per kontering, exklusive moms. Publiceras varje månad.`,
      en: `The supplier invoices of ${p.name}, one row per booking line, excluding VAT. Published every month.`,
    },
    publisher: p.id,
    license: 'CC0-1.0',
    frequency: 'MONTHLY',
    series: 'yearly',
  };
}

interface SiteTexts {
  title: { sv: string; en: string };
  description: { sv: string; en: string };
}

function defaultTexts(publishers: { name: string; type: Publisher['type'] }[]): SiteTexts {
  const names = publishers.map((p) => p.name);
  if (publishers.length === 1) {
    const [p] = publishers;
    return {
      title: { sv: `Öppna inköp: ${p.name}`, en: `Open purchasing data: ${p.name}` },
      description: {
        sv: `${p.name} publicerar sina leverantörsfakturor som öppna data: vem ${WHO[p.type].sv} köper av, för hur mycket och till vilken verksamhet.`,
        en: `${p.name} publishes its supplier invoices as open data: whom ${WHO[p.type].en} buys from, for how much and for which service.`,
      },
    };
  }
  return {
    title: { sv: 'Öppna inköp', en: 'Open purchasing data' },
    description: {
      sv: `${listing(names, 'och')} publicerar sina leverantörsfakturor som öppna data: vem de köper av, för hur mycket och till vilken verksamhet.`,
      en: `${listing(names, 'and')} publish their supplier invoices as open data: whom they buy from, for how much and for which service.`,
    },
  };
}

function publisherEntry(p: PublisherInput): Record<string, unknown> {
  return { id: p.id, name: p.name, orgNumber: p.orgNumber, type: p.type, email: p.email, homepage: p.homepage, ...(p.municipalityCode ? { municipalityCode: p.municipalityCode } : {}) };
}

class InitError extends Error {}

export interface InitPlan {
  /** The new site.json. */
  site: Record<string, unknown>;
  /** Dataset folders to create (id → dataset.json). */
  create: Map<string, Record<string, unknown>>;
  /** Paths to remove: the sample's dataset folders and news posts. */
  remove: string[];
}

async function readSite(dataDir: string): Promise<Record<string, unknown>> {
  const path = join(dataDir, 'site.json');
  try {
    return JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new InitError(`${shown(path)} finns inte: kör init i Insyns mapp (där data/site.json finns), eller ange --data`);
    if (e instanceof SyntaxError) throw new InitError(`${shown(path)} är ingen giltig JSON-fil (${safe(e.message, 200)}); rätta den eller hämta den från Insyns exempel igen`);
    throw e;
  }
}

const shown = (path: string) => safe(relative(process.cwd(), path) || path, 300);

/** What init will do, from the flags and the current site; nothing is written yet. */
export async function planInit(args: Args, publishers: PublisherInput[], env: NodeJS.ProcessEnv = process.env): Promise<InitPlan> {
  const dataDir = resolve(args.site.data ?? 'data');
  const contentDir = resolve(args.site.content ?? 'content');
  const current = await readSite(dataDir);
  const currentPublishers = Array.isArray(current.publishers) ? (current.publishers as Record<string, unknown>[]) : [];
  const samples = currentPublishers.filter((p) => isSamplePublisher(p));
  const own = currentPublishers.filter((p) => !isSamplePublisher(p));
  if (!args.add && samples.length === 0) {
    throw new InitError(
      `${shown(join(dataDir, 'site.json'))} har redan era egna utgivare (${own.map((p) => safe(String(p.name ?? p.id), 80)).join(', ')}), inte exempelwebbplatsens; inget ändrades. Vill ni lägga till en utgivare (ett regionalt nätverk), kör npm run init -- --add med uppgifterna om den nya utgivaren.`,
    );
  }
  if (args.add && samples.length > 0) {
    throw new InitError(`${shown(join(dataDir, 'site.json'))} har fortfarande exempelwebbplatsens utgivare: kör init utan --add först, så ersätts de med era egna.`);
  }
  for (const p of publishers) {
    if (own.some((o) => o.id === p.id)) throw new InitError(`utgivaren "${p.id}" finns redan i site.json; ge den nya ett annat id med --id`);
    if (own.some((o) => String(o.orgNumber ?? '').replace(/\D/g, '') === p.orgNumber)) throw new InitError(`organisationsnumret ${p.orgNumber} finns redan i site.json`);
  }
  const all = [...own.map((p) => ({ name: String(p.name ?? ''), type: (p.type as Publisher['type']) ?? 'municipality' })), ...publishers];
  const texts = defaultTexts(all);
  // Given texts win; with --add the site keeps its own; else texts made from the publishers' names.
  const currentTitle = (current.title ?? {}) as Partial<SiteTexts['title']>;
  const currentDescription = (current.description ?? {}) as Partial<SiteTexts['description']>;
  const title = {
    sv: args.site.title ?? (args.add ? currentTitle.sv : undefined) ?? texts.title.sv,
    en: args.site['title-en'] ?? (args.site.title ? undefined : args.add ? currentTitle.en : texts.title.en),
  };
  const description = {
    sv: args.site.description ?? (args.add ? currentDescription.sv : undefined) ?? texts.description.sv,
    en: args.site['description-en'] ?? (args.site.description ? undefined : args.add ? currentDescription.en : texts.description.en),
  };
  const baseUrl = args.site['base-url'] ?? githubPagesUrl(env.GITHUB_REPOSITORY) ?? (args.add ? (current.baseUrl as string | undefined) : undefined);
  if (!baseUrl) {
    throw new UsageError('--base-url saknas: ange webbplatsens adress, t.ex. https://testkoping.github.io/oppnadata/ (på GitHub Actions tas den från repot)');
  }
  if (!URL_FORM.test(baseUrl)) throw new UsageError(`--base-url: "${safe(baseUrl, 200)}" är ingen webbadress: den ska börja med https://, t.ex. https://testkoping.github.io/oppnadata/`);
  const repositoryUrl = args.site.repository ?? (env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}` : undefined);
  if (repositoryUrl !== undefined && !/^https:\/\/\S+$/.test(repositoryUrl)) throw new UsageError(`--repository: "${safe(repositoryUrl, 200)}" ska börja med https://`);

  const entries = [...own, ...publishers.map(publisherEntry)];
  const site: Record<string, unknown> = {
    ...(typeof current.$schema === 'string' ? { $schema: current.$schema } : {}),
    title: stripUndefined(title),
    description: stripUndefined(description),
    baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
    languages: Array.isArray(current.languages) ? current.languages : ['sv', 'en'],
    contactEmail: args.add && typeof current.contactEmail === 'string' ? current.contactEmail : String(entries[0].email),
    ...(repositoryUrl ? { repository: { url: repositoryUrl, branch: env.GITHUB_REF_NAME || (current.repository as { branch?: string } | undefined)?.branch || 'main' } } : args.add && current.repository ? { repository: current.repository } : {}),
    publishers: entries,
    // The statement's organisation is the first publisher; the sample's dates and assessment are not yours.
    accessibility: args.add && current.accessibility ? current.accessibility : { responsible: String(entries[0].id), compliance: 'full', method: 'self-assessment' },
  };

  const create = new Map<string, Record<string, unknown>>();
  for (const p of publishers) {
    const id = `${p.id}-leverantorsreskontra`;
    if (existsSync(join(dataDir, 'datasets', id))) throw new InitError(`${shown(join(dataDir, 'datasets', id))} finns redan; ta bort den eller ge utgivaren ett annat id med --id`);
    create.set(id, datasetMetadata(p));
  }
  const remove: string[] = [];
  if (!args.add) {
    const datasets = join(dataDir, 'datasets');
    for (const name of existsSync(datasets) ? await readdir(datasets) : []) {
      if (!(SAMPLE_DATASETS as readonly string[]).includes(name) && !(await belongsToSample(join(datasets, name)))) continue;
      remove.push(join(datasets, name));
    }
    for (const news of [join(contentDir, 'sv', 'nyheter'), join(contentDir, 'en', 'news')]) {
      for (const name of existsSync(news) ? await readdir(news) : []) if (name.endsWith('.md')) remove.push(join(news, name));
    }
  }
  return { site, create, remove };
}

function stripUndefined(text: { sv: string; en?: string }): { sv: string; en?: string } {
  return text.en === undefined ? { sv: text.sv } : text;
}

/** Whether a dataset folder is the sample's (its dataset.json names a sample publisher). */
async function belongsToSample(dir: string): Promise<boolean> {
  try {
    const meta = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8')) as { publisher?: unknown };
    return SAMPLE_PUBLISHERS.some((s) => s.id === meta.publisher);
  } catch {
    return false;
  }
}

/** Checks the new site.json with the build's own loader (schema, check digits), before anything is written. */
async function checkWithLoader(site: Record<string, unknown>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'insyn-init-'));
  try {
    await writeFile(join(dir, 'site.json'), JSON.stringify(site));
    await loadSettings(dir);
  } catch (e) {
    if (e instanceof ConfigError) throw new InitError(`de nya inställningarna skulle inte gå att bygga:\n${e.problems.map((p) => `  - ${p}`).join('\n')}`);
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the plan: the new dataset folders and site.json first, then removes the sample. */
export async function applyInit(plan: InitPlan, dataDir: string): Promise<void> {
  for (const [id, meta] of plan.create) {
    await mkdir(join(dataDir, 'datasets', id), { recursive: true });
    await writeFile(join(dataDir, 'datasets', id, 'dataset.json'), `${JSON.stringify(meta, null, 2)}\n`);
  }
  await writeFile(join(dataDir, 'site.json'), `${JSON.stringify(plan.site, null, 2)}\n`);
  for (const path of plan.remove) await rm(path, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Questions, when run in a terminal without arguments.

/** Reads answers line by line (works with a terminal and with piped input alike). */
function lineReader(): { ask(question: string): Promise<string>; close(): void } {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => (waiting.length ? (waiting.shift() as (l: string) => void)(line) : lines.push(line)));
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(null);
  });
  return {
    ask(question: string): Promise<string> {
      process.stdout.write(question);
      if (lines.length) return Promise.resolve((lines.shift() as string).trim());
      if (ended) return Promise.reject(new UsageError('svaren tog slut innan alla frågor var besvarade'));
      return new Promise((resolvePromise, reject) => waiting.push((l) => (l === null ? reject(new UsageError('svaren tog slut innan alla frågor var besvarade')) : resolvePromise(l.trim()))));
    },
    close: () => rl.close(),
  };
}

/** Asks until the answer passes `check` (which returns a problem, or null). */
async function askValid(r: ReturnType<typeof lineReader>, question: string, check: (answer: string) => string | null, fallback?: string): Promise<string> {
  for (let tries = 0; tries < 5; tries++) {
    const raw = await r.ask(fallback ? `${question} [${fallback}]: ` : `${question}: `);
    const answer = raw === '' && fallback !== undefined ? fallback : raw;
    const problem = check(answer);
    if (problem === null) return answer;
    process.stdout.write(`  ${problem}\n`);
  }
  throw new UsageError(`inget giltigt svar på "${question}"`);
}

async function interview(args: Args, env: NodeJS.ProcessEnv): Promise<void> {
  const r = lineReader();
  try {
    process.stdout.write('Gör webbplatsen till er egen. Svara på frågorna; tryck Enter för förslaget inom [ ].\n\n');
    do {
      const p: Partial<Record<PublisherFlag, string>> = {};
      p.name = await askValid(r, 'Organisationens namn (t.ex. Testköpings kommun)', (a) => (a ? null : 'Skriv organisationens namn.'));
      p['org-number'] = await askValid(r, 'Organisationsnummer (tio siffror, t.ex. 212000-1234)', (a) => {
        const c = checkOrgNumber(a);
        return 'problem' in c ? c.problem : null;
      });
      p.type = await askValid(r, 'Typ: kommun, region eller myndighet', (a) => (TYPES[a.toLowerCase()] ? null : 'Skriv kommun, region eller myndighet.'), 'kommun');
      if (TYPES[p.type.toLowerCase()] === 'municipality') {
        p['municipality-code'] = await askValid(r, 'Kommunkod från SCB (fyra siffror, t.ex. 1480)', (a) => (/^\d{4}$/.test(a) ? null : 'Kommunkoden är fyra siffror.'));
      }
      p.email = await askValid(r, 'E-post för frågor om datan (gärna en funktionsbrevlåda)', (a) => (EMAIL.test(a) ? null : 'Skriv en e-postadress, t.ex. oppnadata@testkoping.se.'));
      p.homepage = await askValid(r, 'Organisationens webbplats (t.ex. https://testkoping.se/)', (a) => (URL_FORM.test(a) ? null : 'Adressen ska börja med https://.'));
      args.publishers.push(p);
    } while (/^(j|ja|y|yes)$/i.test(await r.ask('Lägga till en utgivare till (ett regionalt nätverk)? [nej]: ')));
    const guess = githubPagesUrl(env.GITHUB_REPOSITORY);
    args.site['base-url'] = await askValid(r, 'Webbplatsens adress (t.ex. https://testkoping.github.io/oppnadata/)', (a) => (URL_FORM.test(a) ? null : 'Adressen ska börja med https://.'), guess);
    const texts = defaultTexts(args.publishers.map((p) => ({ name: p.name ?? '', type: TYPES[(p.type ?? '').toLowerCase()] ?? 'municipality' })));
    args.site.title = await askValid(r, 'Webbplatsens namn', (a) => (a ? null : 'Skriv ett namn.'), texts.title.sv);
    if (args.site.title === texts.title.sv) args.site['title-en'] = texts.title.en;
  } finally {
    r.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseInitArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`insyn init: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const env = process.env;
  try {
    const asks = args.interactive || (process.stdin.isTTY === true && process.argv.length <= 2);
    if (asks && args.publishers.length === 0) await interview(args, env);
    const { publishers, problems } = checkPublishers(args.publishers);
    if (problems.length) {
      process.stderr.write(`insyn init: uppgifterna går inte att använda; inget ändrades:\n${problems.map((p) => `  - ${p}`).join('\n')}\n\n${USAGE}\n`);
      return 2;
    }
    const dataDir = resolve(args.site.data ?? 'data');
    const plan = await planInit(args, publishers, env);
    await checkWithLoader(plan.site);
    await applyInit(plan, dataDir);
    // The result must load as the build loads it (the dataset folders are empty until the first export).
    await loadProject(dataDir).catch((e: unknown) => {
      throw e instanceof ConfigError ? new InitError(`resultatet går inte att bygga:\n${e.message}`) : e;
    });
    const datasets = [...plan.create.keys()].map((id) => shown(join(dataDir, 'datasets', id)));
    const removedData = plan.remove.filter((p) => p.startsWith(join(dataDir, 'datasets'))).length;
    const removedNews = plan.remove.length - removedData;
    process.stdout.write(
      [
        args.add
          ? `Klart: ${publishers.map((p) => safe(p.name, 100)).join(', ')} ${publishers.length === 1 ? 'är tillagd som utgivare' : 'är tillagda som utgivare'}.`
          : `Klart: webbplatsen är ${publishers.length === 1 ? genitive(safe(publishers[0].name, 100)) : 'er'} egen.`,
        `  - ${shown(join(dataDir, 'site.json'))}: ${publishers.map((p) => `${safe(p.name, 100)} (${p.orgNumber})`).join(', ')}; adress ${safe(String(plan.site.baseUrl), 200)}`,
        ...datasets.map((d) => `  - ${d}/dataset.json: en tom datamängd, redo för den första exporten`),
        ...(removedData ? [`  - exempeldatan togs bort (${removedData} mappar)`] : []),
        ...(removedNews ? [`  - exempelnyheterna togs bort (${removedNews} filer)`] : []),
        '',
        'Nästa steg:',
        `  1. Lägg månadens export från ekonomisystemet i ${datasets[0] ?? 'datamängdens mapp'}/, t.ex. som 2026-01.csv.`,
        '  2. Läs igenom texterna i content/ och tillgänglighetsredogörelsen (data/site.json → "accessibility").',
        '  3. Spara (commit) och skicka (push): webbplatsen byggs och publiceras.',
        '',
      ].join('\n'),
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`insyn init: ${e.message}\n`);
      return 2;
    }
    if (e instanceof InitError) {
      process.stderr.write(`insyn init: ${e.message}\n`);
      return 1;
    }
    const machine = environmentProblem(e);
    if (machine) {
      process.stderr.write(`insyn init: datorn stoppade init, inte uppgifterna: ${machine.message}\n`);
      return ENVIRONMENT_EXIT;
    }
    throw e;
  }
}

runMain(main, 'init failed with an internal error', 1, ENVIRONMENT_EXIT);
