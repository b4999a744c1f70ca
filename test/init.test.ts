/**
 * `npm run init` turns the sample into the editor's own site in one step, on a throwaway copy of the project: their
 * publisher (organisation number checked), an empty dataset folder with its dataset.json, no sample data and no
 * sample news, the accessibility statement's organisation, the site's title and address. The result builds, also
 * on GitHub Actions (where the sample fails). Wrong values are refused with what to write and nothing changes; a
 * second run does not overwrite the site; `--add` adds a publisher; without arguments it asks (answers piped in
 * with --interactive). The GitHub Actions form (.github/workflows/init.yml) runs the same command: its script is
 * run here as the workflow runs it, with the form's answers in the environment.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliResult } from './helpers/cli.ts';
import { ROOT } from './helpers/paths.ts';
import { testPnr } from './helpers/pnr.ts';
import { readTree, removeScratch, runCliAsync, scratch, stackTrace } from './hostile/project.ts';

const OWN = ['--name', 'Testköpings kommun', '--org-number', '212000-1355', '--type', 'kommun', '--email', 'oppnadata@testkoping.example', '--homepage', 'https://testkoping.example/', '--municipality-code', '9909'];

/** A copy of the project with its sample data, content and code (node_modules linked). */
function project(): string {
  const dir = join(scratch('insyn-init-'), 'project');
  mkdirSync(dir, { recursive: true });
  for (const p of ['scripts', 'content', 'templates', 'data', '.eleventy.js', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function init(cwd: string, args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(cwd, 'scripts/cli/init.ts'), ...args], { cwd, env: { ...process.env, ...opts.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(opts.input ?? '');
  });
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** What must hold after turning the sample into Testköping's own site. */
function assertOwnSite(dir: string, baseUrl: string): void {
  const site = json(join(dir, 'data/site.json'));
  assert.equal(site.publishers, [{ id: 'testkopings', name: 'Testköpings kommun', orgNumber: '2120001355', type: 'municipality', email: 'oppnadata@testkoping.example', homepage: 'https://testkoping.example/', municipalityCode: '9909' }]);
  assert.is(site.baseUrl, baseUrl);
  assert.is(site.contactEmail, 'oppnadata@testkoping.example');
  assert.equal(site.title, { sv: 'Öppna inköp: Testköpings kommun', en: 'Open purchasing data: Testköpings kommun' });
  assert.match(site.description.sv, /^Testköpings kommun publicerar sina leverantörsfakturor som öppna data: vem kommunen köper av/);
  assert.equal(site.accessibility, { responsible: 'testkopings', compliance: 'full', method: 'self-assessment' });
  assert.equal(readdirSync(join(dir, 'data/datasets')), ['testkopings-leverantorsreskontra']);
  assert.equal(readdirSync(join(dir, 'data/datasets/testkopings-leverantorsreskontra')), ['dataset.json']);
  const meta = json(join(dir, 'data/datasets/testkopings-leverantorsreskontra/dataset.json'));
  assert.is(meta.publisher, 'testkopings');
  assert.equal(meta.title, { sv: 'Leverantörsfakturor, Testköpings kommun', en: 'Supplier invoices, Testköpings kommun' });
  assert.equal(readdirSync(join(dir, 'content/sv/nyheter')), ['index.11ty.js'], 'no sample news');
  assert.equal(readdirSync(join(dir, 'content/en/news')), ['index.11ty.js']);
}

test.after(() => removeScratch());

test('flags: the sample becomes the editor\'s own site, which builds (on GitHub Actions too), with the statement naming them', async () => {
  const dir = project();
  const r = await init(dir, [...OWN, '--base-url', 'https://testkoping.github.io/oppnadata']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Klart: webbplatsen är Testköpings kommuns egen\./);
  assert.match(r.stdout, /exempeldatan togs bort \(2 mappar\)/);
  assert.match(r.stdout, /exempelnyheterna togs bort \(6 filer\)/);
  assertOwnSite(dir, 'https://testkoping.github.io/oppnadata/');
  const out = join(dir, '..', 'site');
  const summary = join(dir, '..', 'summary.md');
  const b = await runCliAsync('build', ['--output', out, '--no-cache'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: dir }, dir);
  assert.is(b.code, 0, b.stderr);
  assert.not.match(b.stderr, /sample/);
  assert.match(b.stderr, /testkopings-leverantorsreskontra: skipped, no export files/);
  const statement = readFileSync(join(out, 'tillganglighet/index.html'), 'utf8');
  assert.match(statement, /Testköpings kommun står bakom webbplatsen Öppna inköp: Testköpings kommun\./);
  const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
  assert.not.match(feed, /<entry>/, 'no sample news, no sample data');
  const pages = [...readTree(out).entries()].filter(([p]) => p.endsWith('.html') || p.endsWith('.xml') || p.endsWith('.rdf'));
  for (const [path, bytes] of pages) {
    const text = bytes.toString('utf8');
    // The guides may use Exempelby as an example name; nothing may be published under the sample's numbers.
    assert.not.ok(text.includes('2120009903') || text.includes('2120009911'), `${path} holds a sample organisation number`);
    if (!/guider|guides|om-datan|about-the-data/.test(path)) assert.not.ok(/Sjövik/.test(text), `${path} names the sample's Sjövik`);
  }
});

test('wrong values: each named with what to write, exit 2, nothing changed (a personnummer is not printed)', async () => {
  const dir = project();
  const before = readTree(join(dir, 'data'));
  const pnr = testPnr(1985, 5, 17, 982).slice(2);
  const r = await init(dir, ['--name', 'Testköpings kommun', '--org-number', '212000-1356', '--type', 'stad', '--email', 'oppnadata', '--homepage', 'testkoping.se', '--name', 'Fel AB', '--org-number', pnr, '--type', 'myndighet', '--email', 'a@b.se', '--homepage', 'https://b.se/']);
  assert.is(r.code, 2, r.stderr);
  assert.not.ok(stackTrace(r.stderr), r.stderr);
  for (const says of [
    /utgivare 1 \(Testköpings kommun\): --org-number: "212000-1356" har fel kontrollsiffra/,
    /utgivare 1 \(Testköpings kommun\): --type: "stad" är ingen typ; skriv kommun, region eller myndighet/,
    /--email: "oppnadata" är ingen e-postadress/,
    /--homepage: "testkoping\.se" är ingen webbadress: den ska börja med https:\/\//,
    /utgivare 2 \(Fel AB\): --org-number: .* är inget organisationsnummer: den tredje siffran är 0 eller 1, som i ett personnummer/,
  ]) {
    assert.match(r.stderr, says);
  }
  assert.not.ok(r.stderr.includes(pnr), 'the personnummer is masked');
  assert.equal([...readTree(join(dir, 'data')).keys()], [...before.keys()]);
  const missing = await init(dir, ['--name', 'Testköpings kommun', '--org-number', '212000-1355', '--type', 'kommun', '--email', 'a@b.se', '--homepage', 'https://b.se/', '--base-url', 'https://x.example/']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /--municipality-code saknas: en kommun anger sin kommunkod från SCB/);
  const noUrl = await init(dir, OWN, { env: { GITHUB_REPOSITORY: '' } });
  assert.is(noUrl.code, 2);
  assert.match(noUrl.stderr, /--base-url saknas: ange webbplatsens adress/);
  assert.equal([...readTree(join(dir, 'data')).entries()].map(([p, b]) => [p, b.length]), [...before.entries()].map(([p, b]) => [p, b.length]));
});

test('a second run does not overwrite the site; --add adds a publisher and its dataset folder', async () => {
  const dir = project();
  assert.is((await init(dir, [...OWN, '--base-url', 'https://testkoping.example/data/'])).code, 0);
  const own = readFileSync(join(dir, 'data/site.json'), 'utf8');
  const again = await init(dir, [...OWN, '--base-url', 'https://testkoping.example/data/']);
  assert.is(again.code, 1);
  assert.match(again.stderr, /har redan era egna utgivare \(Testköpings kommun\), inte exempelwebbplatsens; inget ändrades\. Vill ni lägga till en utgivare .* --add/);
  assert.is(readFileSync(join(dir, 'data/site.json'), 'utf8'), own);
  const add = await init(dir, ['--add', '--name', 'Region Testland', '--org-number', '232100-0131', '--type', 'region', '--email', 'data@testland.example', '--homepage', 'https://testland.example/']);
  assert.is(add.code, 0, add.stderr);
  assert.match(add.stdout, /Klart: Region Testland är tillagd som utgivare\./);
  const site = json(join(dir, 'data/site.json'));
  assert.equal(site.publishers.map((p: { id: string }) => p.id), ['testkopings', 'region-testland']);
  assert.is(site.baseUrl, 'https://testkoping.example/data/');
  assert.equal(site.accessibility.responsible, 'testkopings');
  assert.ok(existsSync(join(dir, 'data/datasets/region-testland-leverantorsreskontra/dataset.json')));
  assert.ok(existsSync(join(dir, 'data/datasets/testkopings-leverantorsreskontra/dataset.json')), 'the first one stays');
  const twice = await init(dir, ['--add', '--name', 'Region Testland', '--org-number', '232100-0131', '--type', 'region', '--email', 'data@testland.example', '--homepage', 'https://testland.example/']);
  assert.is(twice.code, 1);
  assert.match(twice.stderr, /utgivaren "region-testland" finns redan/);
});

test('without arguments it asks; the answers are checked and asked again', async () => {
  const dir = project();
  const answers = ['Testköpings kommun', '212000-1356', '212000-1355', '', '9909', 'oppnadata@testkoping.example', 'https://testkoping.example/', 'nej', '', ''].join('\n');
  const r = await init(dir, ['--interactive'], { input: `${answers}\n`, env: { GITHUB_REPOSITORY: 'testkoping/oppnadata', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REF_NAME: 'main' } });
  assert.is(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /Organisationsnummer \(tio siffror, t\.ex\. 212000-1234\):\s+"212000-1356" har fel kontrollsiffra/);
  assert.match(r.stdout, /Webbplatsens adress \(t\.ex\. https:\/\/testkoping\.github\.io\/oppnadata\/\) \[https:\/\/testkoping\.github\.io\/oppnadata\/\]/);
  assertOwnSite(dir, 'https://testkoping.github.io/oppnadata/');
  assert.equal(json(join(dir, 'data/site.json')).repository, { url: 'https://github.com/testkoping/oppnadata', branch: 'main' });
});

/** The `run:` block of the workflow step whose name is `name`, as the runner would run it. */
function stepScript(yml: string, name: string): string {
  const at = yml.indexOf(`- name: ${name}\n`);
  assert.ok(at >= 0, `no step "${name}"`);
  const rest = yml.slice(at).split('\n');
  const runAt = rest.findIndex((l) => /^\s+run: \|\s*$/.test(l));
  const indent = (rest[runAt + 1].match(/^\s*/) as RegExpMatchArray)[0].length;
  const lines: string[] = [];
  for (const l of rest.slice(runAt + 1)) {
    if (l.trim() !== '' && (l.match(/^\s*/) as RegExpMatchArray)[0].length < indent) break;
    lines.push(l.slice(indent));
  }
  return lines.join('\n');
}

test('the GitHub Actions form: its inputs reach npm run init through the environment, and the result is committed', async () => {
  const yml = readFileSync(join(ROOT, '.github/workflows/init.yml'), 'utf8');
  assert.match(yml, /on:\n {2}workflow_dispatch:\n {4}inputs:/);
  for (const input of ['name', 'org_number', 'type', 'municipality_code', 'email', 'homepage', 'title', 'id', 'add']) assert.match(yml, new RegExp(`\\n {6}${input}:\\n {8}description: `), input);
  assert.match(yml, /options: \[kommun, region, myndighet\]/);
  assert.match(yml, /permissions:\n {2}contents: write\n {2}actions: write/);
  assert.match(yml, /node-version: 24/);
  // No ${{ inputs.… }} inside a script (the form's text would be run as shell code).
  for (const m of yml.matchAll(/run: \|\n((?: {10}.*\n?)+)/g)) assert.not.match(m[1], /\$\{\{/, m[1]);
  const script = stepScript(yml, 'Make the site your own');
  assert.match(script, /npm run init -- "\$\{args\[@\]\}"/);
  const commit = stepScript(yml, 'Commit the result');
  assert.match(commit, /git add -A data content/);
  assert.match(commit, /git push/);
  assert.match(stepScript(yml, 'Build and publish the site'), /gh workflow run pages\.yml/);

  // The step's script, run as the runner runs it (bash), with the form's answers, a quote and a $ included.
  const dir = project();
  const env = {
    INIT_NAME: 'Testköpings kommun',
    INIT_ORG_NUMBER: '212000-1355',
    INIT_TYPE: 'kommun',
    INIT_MUNICIPALITY_CODE: '9909',
    INIT_EMAIL: 'oppnadata@testkoping.example',
    INIT_HOMEPAGE: 'https://testkoping.example/',
    INIT_TITLE: 'Öppna inköp i "Testköping" $HOME',
    INIT_ID: '',
    INIT_ADD: 'false',
    GITHUB_REPOSITORY: 'testkoping/oppnadata',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REF_NAME: 'main',
  };
  const r = await new Promise<CliResult>((resolve, reject) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd: dir, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  assert.is(r.code, 0, r.stderr + r.stdout);
  const site = json(join(dir, 'data/site.json'));
  assert.equal(site.title, { sv: 'Öppna inköp i "Testköping" $HOME' });
  assert.is(site.baseUrl, 'https://testkoping.github.io/oppnadata/');
  assert.equal(site.repository, { url: 'https://github.com/testkoping/oppnadata', branch: 'main' });
  assert.equal(readdirSync(join(dir, 'data/datasets')), ['testkopings-leverantorsreskontra']);
});

test.run();
