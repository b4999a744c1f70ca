/**
 * `npm run build -- [--data DIR] [--output DIR] [--base-url URL] [--no-cache]`
 * Publishes every dataset in `data/` and builds the site into `_site/`. Rejected rows do not fail a build (they are
 * reported and left out); an unusable file or bad metadata does, and then the last good output stays as it was.
 * Exit codes: 0 built; 1 the build failed on the data or settings (the message says which file and why); 2 the
 * command was called wrong (an option, --output, SOURCE_DATE_EPOCH); 3 the machine failed (a full disk, a
 * read-only file system, a missing permission). See the README.
 */
import { ConfigError, DataFolderError } from '../config/load.ts';
import { UnusableFileError } from '../pipeline/read.ts';
import { DatasetCheckError } from '../pipeline/dataset-checks.ts';
import { build, BuildArgumentError, checkBaseUrl, PublishError } from '../build/build.ts';
import { OutputError } from '../build/atomic.ts';
import { ENVIRONMENT_EXIT, environmentProblem } from '../build/environment.ts';
import { SitePageError } from '../site/index.ts';
import { clearProgress, commandArgs, count, counted, progressReporter, runMain } from './args.ts';
import { fail, money } from './output.ts';
import { safe } from '../privacy/safe.ts';

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
    process.stdout.write(`Built ${model.datasets.length} dataset${model.datasets.length === 1 ? '' : 's'} into ${outputDir}/ for ${model.baseUrl} in ${seconds} s${result.cached.length ? ` (${result.cached.length} unchanged, from the cache)` : ''}.\n`);
    return 0;
  } catch (e) {
    clearProgress();
    const kept = `Nothing was published; ${safe(outputDir, 400)}/ is as it was before this build.`;
    const machine = environmentProblem(e);
    if (machine) return fail(`build failed because of the machine, not the data: ${machine.message}\n${kept}`, ENVIRONMENT_EXIT);
    if (e instanceof BuildArgumentError) return fail(`${e.message}\n${kept}`, 2);
    if (e instanceof PublishError || e instanceof DatasetCheckError) return fail(`build failed: ${e.message}\n${kept}`, 1);
    if (e instanceof UnusableFileError) {
      return fail(`build failed: ${e.message}\n${kept}`, 1);
    }
    if (e instanceof OutputError) return fail(`${e.message}\n\n${USAGE}`, 2);
    if (e instanceof SitePageError) {
      return fail(`build failed: ${e.message}\n${kept}`, 1);
    }
    if (e instanceof DataFolderError) {
      return fail(`build failed: the data folder holds files Insyn does not read (every file must be an export, dataset.json, site.json or a note):\n${e.message}\n${kept}`, 1);
    }
    if (e instanceof ConfigError) {
      return fail(`build failed: a settings or metadata file has mistakes:\n${e.message}\n${kept}`, 1);
    }
    throw e;
  }
}

runMain(main, 'build failed with an internal error (the previous output was left as it was)', 1, ENVIRONMENT_EXIT);
