/**
 * `npm run build` on GitHub Actions: with GITHUB_ACTIONS=true and GITHUB_STEP_SUMMARY pointing at a file, the real
 * CLI appends a job summary in Swedish (the per-file table and the problems grouped by code, as on the report page)
 * and prints workflow annotations on the export files, paths relative to the repository root (GITHUB_WORKSPACE):
 * rejected rows as warnings and row warnings as notices, one per code and file, at most three files a code and ten
 * annotations a level, with the counts; a failed build as errors on the file at fault. Texts are escaped as GitHub
 * requires and masked. Outside GitHub Actions nothing of this is printed. A build on GitHub Actions whose site.json
 * still holds the sample's publishers fails and points at `npm run init`; locally it only warns.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { annotationCommand, escapeData, escapeProperty } from '../scripts/cli/github.ts';
import { containsPersonnummer } from '../scripts/privacy/personnummer.ts';
import { msg, safe } from '../scripts/privacy/safe.ts';
import { PROBLEMS } from '../scripts/site/problems.ts';
import { testPnr, write } from './helpers/pnr.ts';
import { csvText, defaultMetadata, HEADER, makeDataDir, removeScratch, row, runCliAsync, scratch, stackTrace } from './hostile/project.ts';

const PNR = write(testPnr(1979, 11, 3, 991), 'YYYYMMDD-NNNN');
const OWN = { id: 'testkoping', name: 'Testköpings kommun', orgNumber: '2120001355' };

/** A site.json of the user's own (not the sample's publishers). */
function ownSite(): Record<string, unknown> {
  const site = JSON.parse(readFileSync(join(dirname(new URL(import.meta.url).pathname), '..', 'data', 'site.json'), 'utf8'));
  site.publishers = [{ ...OWN, type: 'municipality', email: 'oppnadata@testkoping.example', homepage: 'https://testkoping.example/', municipalityCode: '9909' }];
  site.accessibility = { responsible: OWN.id };
  return site;
}

const own = (n: number, over: Partial<Record<string, string>> = {}) => row(n, { kopare_id: OWN.orgNumber, kopare: OWN.name, ...over });

/** Five months with one impossible date each, one with many bad amounts, names GitHub must escape. */
function exportFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [i, name] of ['2025-01.csv', '2025-02.csv', '2025-03.csv', '2025-04, rättad.csv', '2025-05 100%.csv'].entries()) {
    files[name] = csvText([HEADER, own(10 * i), own(10 * i + 1, { datum: `2025-0${i + 1}-3${i + 2}` }), own(10 * i + 2)]);
  }
  files['2025-06.csv'] = csvText([HEADER, own(60), own(61, { belopp: 'tusen' }), own(62, { belopp: 'x' }), own(63, { konto_text: `Arvode ${PNR}` }), own(64, { verifikationsnummer: '' })]);
  return files;
}

function githubEnv(parent: string): Record<string, string> {
  const summary = join(parent, 'summary.md');
  writeFileSync(summary, '# earlier steps wrote this\n');
  return { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: parent };
}

/** The workflow commands of an output: `{ level, props, message }`, props and message unescaped. */
function commands(stdout: string): { level: string; props: Record<string, string>; message: string }[] {
  const un = (s: string) => s.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('::'))
    .map((l) => {
      const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(l);
      assert.ok(m, `not a workflow command: ${l}`);
      const props: Record<string, string> = {};
      for (const p of (m![2] ?? '').split(',').filter(Boolean)) {
        const eq = p.indexOf('=');
        props[p.slice(0, eq)] = un(p.slice(eq + 1));
      }
      return { level: m![1], props, message: un(m![3]) };
    });
}

test.after(() => removeScratch());

test('escaping: % CR LF in messages, and : , in properties, as GitHub requires', () => {
  assert.is(escapeData('100% klart\r\nrad 2'), '100%25 klart%0D%0Arad 2');
  assert.is(escapeProperty('a: b, c%'), 'a%3A b%2C c%25');
  const cmd = annotationCommand({ level: 'warning', file: safe('data/x, y:z.csv'), line: 3, title: msg`T: 1, 2`, message: msg`50% av raderna` });
  assert.is(cmd, '::warning file=data/x%2C y%3Az.csv,line=3,title=T%3A 1%2C 2::50%25 av raderna');
});

test('a build on GitHub: annotations on the export files, grouped per code and file, and a summary in Swedish', async () => {
  const parent = scratch('insyn-github-');
  const data = makeDataDir([{ id: 'ds', metadata: { ...defaultMetadata(), publisher: OWN.id }, files: exportFiles() }], { site: ownSite(), parent });
  const env = githubEnv(parent);
  const r = await runCliAsync('build', ['--data', data, '--output', join(parent, 'site'), '--no-cache'], env);
  assert.is(r.code, 0, r.stderr);
  const cmds = commands(r.stdout);
  const dates = cmds.filter((c) => c.props.title === `${PROBLEMS.date_invalid.sv.title} (date_invalid)`);
  // Five files have an impossible date: three annotations, the last one naming the other two files.
  assert.is(dates.length, 3, JSON.stringify(cmds, null, 1));
  assert.equal(dates.map((c) => c.level), ['warning', 'warning', 'warning']);
  assert.equal(dates.map((c) => [c.props.file, c.props.line]), [['data/datasets/ds/2025-01.csv', '3'], ['data/datasets/ds/2025-02.csv', '3'], ['data/datasets/ds/2025-03.csv', '3']]);
  assert.ok(dates[0].message.startsWith(`1 rad avvisades och publicerades inte: ${PROBLEMS.date_invalid.sv.meaning} Gör så här: ${PROBLEMS.date_invalid.sv.action} Till exempel rad 3.`), dates[0].message);
  assert.ok(dates[2].message.endsWith('Samma fel finns i 2 filer till (5 rader i alla filer).'), dates[2].message);
  const amounts = cmds.filter((c) => c.props.title === `${PROBLEMS.amount_invalid.sv.title} (amount_invalid)`);
  assert.equal(amounts.map((c) => [c.level, c.props.file, c.props.line]), [['warning', 'data/datasets/ds/2025-06.csv', '3']]);
  assert.ok(amounts[0].message.startsWith('2 rader avvisades och publicerades inte:') && amounts[0].message.includes('Till exempel rad 3, rad 4.'));
  const warned = cmds.filter((c) => c.level === 'notice' && c.props.file === 'data/datasets/ds/2025-06.csv').map((c) => c.props.title);
  assert.equal(warned.sort(), [`${PROBLEMS.personnummer_masked.sv.title} (personnummer_masked)`, `${PROBLEMS.required_empty.sv.title} (required_empty)`].sort());
  for (const level of ['error', 'warning', 'notice']) assert.ok(cmds.filter((c) => c.level === level).length <= 10, level);
  assert.not.ok(cmds.some((c) => c.level === 'error'));

  const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
  assert.ok(summary.startsWith('# earlier steps wrote this\n## Insyn: bygget lyckades\n'), 'appended, not overwritten');
  assert.match(summary, /\| Fil \| Lästa rader \| Publicerade \| Avvisade \| Maskerade \|\n\|---\|---:\|---:\|---:\|---:\|\n\| 2025-01\.csv \| 3 \| 2 \| 1 \| 0 \|\n/);
  assert.ok(summary.includes('| 2025-06.csv | 5 | 3 | 2 | 0 |'));
  assert.ok(summary.includes('| 2025-05 100% .csv | 3 | 2 | 1 | 0 |') || summary.includes('| 2025-05 100%.csv | 3 | 2 | 1 | 0 |'), summary);
  assert.ok(summary.includes(`- **${PROBLEMS.date_invalid.sv.title}** (<code>date_invalid</code>): 5 rader avvisades (2025-01.csv: 1, 2025-02.csv: 1, 2025-03.csv: 1, 2025-04, rättad.csv: 1, 2025-05 100%.csv: 1).`), summary);
  assert.ok(summary.includes('**Varningar** (raderna publicerades)'));
  assert.ok(summary.includes('[Kontrollrapporten på webbplatsen](https://example.github.io/insyn/datasets/ds/rapport/)'));
  for (const out of [r.stdout, summary]) {
    assert.not.ok(containsPersonnummer(out, 'name'), 'a personnummer in the annotations or the summary');
  }
});

test('outside GitHub Actions: no annotations and no summary', async () => {
  const parent = scratch('insyn-github-');
  const data = makeDataDir([{ id: 'ds', metadata: { ...defaultMetadata(), publisher: OWN.id }, files: exportFiles() }], { site: ownSite(), parent });
  const r = await runCliAsync('build', ['--data', data, '--output', join(parent, 'site'), '--no-cache'], { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' });
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout + r.stderr, /^::/m);
  assert.not.ok(existsSync(join(parent, 'summary.md')));
});

test('a failed build on GitHub: an error annotation on the file and line at fault, and the summary says nothing was published', async () => {
  const parent = scratch('insyn-github-');
  const bad = 'Datum;Summa\r\n2025-01-01;12\r\n';
  const data = makeDataDir([{ id: 'ds', metadata: { ...defaultMetadata(), publisher: OWN.id }, files: { '2025-01.csv': csvText([HEADER, own(1)]), '2025-02.csv': bad } }], { site: ownSite(), parent });
  const env = githubEnv(parent);
  const r = await runCliAsync('build', ['--data', data, '--output', join(parent, 'site'), '--no-cache'], env);
  assert.is(r.code, 1, r.stderr);
  assert.not.ok(stackTrace(r.stderr), r.stderr);
  const errors = commands(r.stdout).filter((c) => c.level === 'error');
  assert.is(errors.length, 1, r.stdout);
  assert.equal([errors[0].props.file, errors[0].props.line, errors[0].props.title], ['data/datasets/ds/2025-02.csv', '1', 'Bygget misslyckades']);
  assert.ok(errors[0].message.startsWith('En exportfil går inte att använda. '), errors[0].message);
  assert.match(errors[0].message, /Required columns are missing/);
  const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
  assert.match(summary, /## Insyn: bygget misslyckades\n\nEn exportfil går inte att använda\. Inget publicerades: webbplatsen är som den var före bygget\./);
  assert.match(summary, /```text\n[^\n]*2025-02\.csv, line 1: Required columns are missing/);
});

test('a mistake in dataset.json on GitHub: one error annotation per problem, on the file', async () => {
  const parent = scratch('insyn-github-');
  const meta = { ...defaultMetadata(), publisher: OWN.id, issued: '2026-13-01', title: 'Testdata' };
  const data = makeDataDir([{ id: 'ds', metadata: meta, files: { '2025-01.csv': csvText([HEADER, own(1)]) } }], { site: ownSite(), parent });
  const env = githubEnv(parent);
  const r = await runCliAsync('build', ['--data', data, '--output', join(parent, 'site'), '--no-cache'], env);
  assert.is(r.code, 1, r.stderr);
  const errors = commands(r.stdout).filter((c) => c.level === 'error');
  assert.is(errors.length, 2, r.stdout);
  for (const e of errors) assert.is(e.props.file, 'data/datasets/ds/dataset.json');
  assert.ok(errors.some((e) => e.message.includes('issued')) && errors.some((e) => e.message.includes('title')), r.stdout);
});

test('the sample site: on GitHub Actions the build fails and points at npm run init; locally it builds with a warning', async () => {
  const parent = scratch('insyn-github-');
  const data = makeDataDir([{ id: 'ds', files: { '2025-01.csv': csvText([HEADER, row(1)]) } }], { parent });
  const env = githubEnv(parent);
  const ci = await runCliAsync('build', ['--data', data, '--output', join(parent, 'site'), '--no-cache'], env);
  assert.is(ci.code, 1, ci.stderr);
  assert.match(ci.stderr, /still holds the sample's invented publishers \("exempelby", 2120009903; "sjovik", 2120009911\)/);
  assert.match(ci.stderr, /npm run init/);
  assert.match(ci.stderr, /Starta webbplatsen \(init\)/);
  assert.not.ok(existsSync(join(parent, 'site')), 'nothing was built');
  const error = commands(ci.stdout).find((c) => c.level === 'error');
  assert.is(error?.props.file, 'data/site.json');
  assert.match(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'), /exempelwebbplatsens påhittade utgivare/);

  const local = await runCliAsync('build', ['--data', data, '--output', join(parent, 'site'), '--no-cache'], { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' });
  assert.is(local.code, 0, local.stderr);
  assert.match(local.stderr, /insyn: warning: .*still holds the sample's invented publishers.*\(On GitHub Actions this stops the build\.\)/);

  const allowed = await runCliAsync('build', ['--data', data, '--output', join(parent, 'site'), '--no-cache'], { ...env, INSYN_ALLOW_SAMPLE: 'true' });
  assert.is(allowed.code, 0, allowed.stderr);
  assert.not.match(allowed.stderr, /sample's invented publishers/);
});

test.run();
