/**
 * `npm run build -- [--data DIR] [--output DIR] [--base-url URL] [--no-cache]`
 * Publishes every dataset in `data/` and builds the site into `_site/`. Rejected rows do not fail a build (they are
 * reported and left out); an unusable file or bad metadata does, and then the last good output stays as it was.
 * Exit codes: 0 built; 1 the build failed on the data or settings (the message says which file and why); 2 the
 * command was called wrong (an option, --output, SOURCE_DATE_EPOCH); 3 the machine failed (a full disk, a
 * read-only file system, a missing permission). See the README.
 */
import { join } from 'node:path';
import { ConfigError, DataFolderError } from '../config/load.ts';
import { UnusableFileError } from '../pipeline/read.ts';
import { DatasetCheckError } from '../pipeline/dataset-checks.ts';
import { build, BuildArgumentError, checkBaseUrl, PublishError } from '../build/build.ts';
import { OutputError } from '../build/atomic.ts';
import { ENVIRONMENT_EXIT, environmentProblem } from '../build/environment.ts';
import { SitePageError } from '../site/index.ts';
import { clearProgress, commandArgs, count, counted, progressReporter, runMain } from './args.ts';
import { githubEnvironment, leadingPath, reportBuild, reportFailure, type Failure } from './github.ts';
import { fail, money } from './output.ts';
import { samplePublishersIn, sampleAllowed } from './sample-site.ts';
import { msg, safe, trusted, type Safe } from '../privacy/safe.ts';

const USAGE = `Usage: npm run build -- [--data DIR] [--output DIR] [--base-url URL] [--no-cache] [--quiet]

  --data DIR       the folder with site.json and datasets/ (default: data)
  --output DIR     where the site is written (default: _site)
  --base-url URL   the absolute URL the site is served from, path included
                   (e.g. https://user.github.io/repo/); default: baseUrl in site.json
  --no-cache       read every export again even when nothing changed
  --quiet          print only problems and the final line`;

async function main(): Promise<number> {
  const args = commandArgs(process.argv.slice(2), { data: 'string', output: 'string', 'base-url': 'string', 'no-cache': 'boolean', quiet: 'boolean' }, USAGE);
  if (typeof args === 'number') return args;
  if (args.positional.length) return fail(`unexpected argument "${args.positional[0]}"\n\n${USAGE}`, 2);
  const baseUrlArg = args.flags.get('base-url') as string | undefined;
  if (baseUrlArg !== undefined) {
    try {
      checkBaseUrl(baseUrlArg);
    } catch (e) {
      if (e instanceof ConfigError) return fail(`${e.problems.join('; ')}\n\n${USAGE}`, 2);
      throw e;
    }
  }
  const quiet = args.flags.has('quiet');
  const started = Date.now();
  const dataDir = (args.flags.get('data') as string | undefined) ?? 'data';
  const outputDir = (args.flags.get('output') as string | undefined) ?? '_site';
  const progress = new Map<string, ReturnType<typeof progressReporter>>();
  const github = githubEnvironment();
  const sample = await samplePublishersIn(dataDir);
  if (sample.length && !sampleAllowed()) {
    const siteJson = safe(`${dataDir.replace(/[\\/]+$/, '')}/site.json`, 400);
    const names = trusted(sample.map((p) => `"${p.id}", ${p.orgNumber}`).join('; ')); // the sample's own constants, never the file's text
    const message = msg`${siteJson} still holds the sample's invented publishers (${names}): the site would publish invented data under their names. Make the site your own first, in one step: on GitHub, open Actions → "Starta webbplatsen (init)" → Run workflow and fill in your organisation; or run npm run init in a terminal. docs/publishing.md, step 3, shows how.`;
    if (process.env.GITHUB_ACTIONS === 'true') {
      if (github) {
        await reportFailure(github, {
          heading: msg`${siteJson} har fortfarande exempelwebbplatsens påhittade utgivare (${names}). Gör webbplatsen till er egen först: öppna Actions → ”Starta webbplatsen (init)” → Run workflow och fyll i er organisation, eller kör npm run init. Steg 3 i docs/publishing.md visar hur.`,
          message,
          file: join(dataDir, 'site.json'),
        });
      }
      return fail(`build failed: ${message}\nNothing was published.`, 1);
    }
    process.stderr.write(`insyn: warning: ${message} (On GitHub Actions this stops the build.)\n`);
  }
  try {
    const result = await build({
      dataDir,
      outputDir,
      baseUrl: args.flags.get('base-url') as string | undefined,
      cacheDir: args.flags.has('no-cache') ? null : '.cache/insyn',
      log: quiet ? undefined : (m) => process.stderr.write(`${m}\n`),
      warn: (m) => process.stderr.write(`insyn: warning: ${m}\n`),
      progress: quiet
        ? undefined
        : (file, b, t, r) => {
            if (!progress.has(file)) progress.set(file, progressReporter(`  ${file}`));
            (progress.get(file) as ReturnType<typeof progressReporter>)(b, t, r);
          },
    });
    clearProgress();
    const { model } = result;
    for (const d of model.datasets) {
      const s = d.summary;
      const line = `${d.id}: ${counted(s.valid, 'row', 'rows')} published, ${count(s.rejected)} rejected, ${count(s.redacted)} redacted, ${counted(s.warnings, 'warning', 'warnings')}; total ${money(s.total)}`;
      process.stdout.write(`${line}\n`);
      if (s.rejected > 0 && !quiet) process.stdout.write(`  rejected rows are listed in ${outputDir}/${d.report.path}\n`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (github) {
      try {
        await reportBuild(github, model, result.outputDir, dataDir);
      } catch (e) {
        process.stderr.write(`insyn: warning: the GitHub job summary could not be written (${safe(String((e as NodeJS.ErrnoException).code ?? (e as Error).message))}); the site was built\n`);
      }
    }
    process.stdout.write(`Built ${model.datasets.length} dataset${model.datasets.length === 1 ? '' : 's'} into ${outputDir}/ for ${model.baseUrl} in ${seconds} s${result.cached.length ? ` (${result.cached.length} unchanged, from the cache)` : ''}.\n`);
    return 0;
  } catch (e) {
    clearProgress();
    const kept = `Nothing was published; ${safe(outputDir, 400)}/ is as it was before this build.`;
    const { failure, text, code } = describeFailure(e, kept);
    if (github) await reportFailure(github, failure).catch(() => {});
    if (code === null) throw e;
    return fail(text, code);
  }
}

/** What a failed build says: on stderr (English, as before), and to GitHub (a Swedish heading, the file at fault). */
function describeFailure(e: unknown, kept: string): { failure: Failure; text: string; code: number | null } {
  const message = (m: string) => m as Safe; // every error below carries a Safe message (the errors take Safe only)
  const machine = environmentProblem(e);
  if (machine) {
    return { text: `build failed because of the machine, not the data: ${machine.message}\n${kept}`, code: ENVIRONMENT_EXIT, failure: { heading: msg`Bygget stoppades av datorn, inte av datan (till exempel en full disk).`, message: message(machine.message) } };
  }
  if (e instanceof BuildArgumentError) return { text: `${e.message}\n${kept}`, code: 2, failure: { heading: msg`Bygget anropades fel (en inställning i arbetsflödet).`, message: message(e.message) } };
  if (e instanceof PublishError || e instanceof DatasetCheckError) {
    return { text: `build failed: ${e.message}\n${kept}`, code: 1, failure: { heading: msg`Datan kan inte publiceras som den är.`, message: message(e.message), ...fileOf(e) } };
  }
  if (e instanceof UnusableFileError) {
    return { text: `build failed: ${e.message}\n${kept}`, code: 1, failure: { heading: msg`En exportfil går inte att använda.`, message: message(e.message), file: e.file, ...(e.line ? { line: e.line } : {}) } };
  }
  if (e instanceof OutputError) return { text: `${e.message}\n\n${USAGE}`, code: 2, failure: { heading: msg`Mappen som webbplatsen skulle byggas i kan inte användas.`, message: message(e.message) } };
  if (e instanceof SitePageError) {
    return { text: `build failed: ${e.message}\n${kept}`, code: 1, failure: { heading: msg`En sida på webbplatsen kunde inte byggas.`, message: safe(e.message, 4000), file: leadingPath(e.message) } };
  }
  if (e instanceof DataFolderError) {
    return {
      text: `build failed: the data folder holds files Insyn does not read (every file must be an export, dataset.json, site.json or a note):\n${e.message}\n${kept}`,
      code: 1,
      failure: { heading: msg`Datamappen innehåller filer som Insyn inte läser.`, message: message(e.message), problems: e.problems.map((p) => ({ message: p, file: leadingPath(p) })) },
    };
  }
  if (e instanceof ConfigError) {
    return {
      text: `build failed: a settings or metadata file has mistakes:\n${e.message}\n${kept}`,
      code: 1,
      failure: { heading: msg`En inställningsfil (site.json eller dataset.json) har fel.`, message: message(e.message), file: leadingPath(`${e.file}: `), problems: e.problems.map((p) => ({ message: p })) },
    };
  }
  return { text: '', code: null, failure: { heading: msg`Ett internt fel i Insyn stoppade bygget (en bugg i Insyn, inte ett fel i er data).`, message: safe(e instanceof Error ? e.message : String(e), 2000) } };
}

/** The file (and line) an error names, when it has them as properties. */
function fileOf(e: Error): { file?: string; line?: number } {
  const { file, line } = e as Error & { file?: unknown; line?: unknown };
  return { ...(typeof file === 'string' ? { file } : leadingPath(e.message) ? { file: leadingPath(e.message) } : {}), ...(typeof line === 'number' ? { line } : {}) };
}

runMain(main, 'build failed with an internal error (the previous output was left as it was)', 1, ENVIRONMENT_EXIT);
