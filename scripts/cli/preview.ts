/**
 * `npm run preview [-- --port N] [-- --data DIR]`: builds the site for http://localhost:N/ into `_preview/` and
 * serves it there, so that a web editor can look at every page before pushing. Stop it with Ctrl+C.
 * Exit codes as for the build (1 the data, 2 called wrong, 3 the machine: a port already in use is one).
 */
import { ConfigError } from '../config/load.ts';
import { OutputError } from '../build/atomic.ts';
import { build, BuildArgumentError, PublishError } from '../build/build.ts';
import { ENVIRONMENT_EXIT, environmentProblem } from '../build/environment.ts';
import { UnusableFileError } from '../pipeline/read.ts';
import { serveStatic, type StaticServer } from '../preview/static-server.ts';
import { SitePageError } from '../site/index.ts';
import { commandArgs, runMain } from './args.ts';
import { fail } from './output.ts';

const USAGE = `Usage: npm run preview -- [--port N] [--data DIR]

Builds the site into _preview/ for http://localhost:N/ (default port 8080) and serves it until Ctrl+C.`;

async function main(): Promise<number> {
  const args = commandArgs(process.argv.slice(2), { port: 'string', data: 'string' }, USAGE);
  if (typeof args === 'number') return args;
  if (args.positional.length) return fail(`unexpected argument "${args.positional[0]}"\n\n${USAGE}`, 2);
  const portText = (args.flags.get('port') as string | undefined) ?? '8080';
  const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail(`--port must be a number from 1 to 65535\n\n${USAGE}`, 2);
  const url = `http://localhost:${port}/`;
  // Take the port first: a port in use is found in a second, not after a whole build.
  let server: StaticServer;
  try {
    server = await serveStatic('_preview', '/', port);
  } catch (e) {
    const c = (e as NodeJS.ErrnoException).code;
    if (c === 'EADDRINUSE') {
      return fail(`port ${port} is already in use (another preview, or another program, is listening on it). Stop that one, or choose another port: npm run preview -- --port ${port === 8080 ? 8081 : 8080}`, ENVIRONMENT_EXIT);
    }
    if (c === 'EACCES') return fail(`port ${port} may not be used by this user (ports below 1024 need special rights). Choose another: npm run preview -- --port 8080`, ENVIRONMENT_EXIT);
    throw e;
  }
  try {
    await build({ dataDir: (args.flags.get('data') as string | undefined) ?? 'data', outputDir: '_preview', baseUrl: url, log: (m) => process.stderr.write(`${m}\n`) });
  } catch (e) {
    await server.close();
    const machine = environmentProblem(e);
    if (machine) return fail(`the preview could not be built because of the machine, not the data: ${machine.message}`, ENVIRONMENT_EXIT);
    if (e instanceof BuildArgumentError || e instanceof OutputError) return fail(e.message, 2);
    if (e instanceof ConfigError) return fail(`build failed: a settings or metadata file has mistakes:\n${e.message}`, 1);
    if (e instanceof UnusableFileError || e instanceof SitePageError || e instanceof PublishError) return fail(`build failed: ${e.message}`, 1);
    throw e;
  }
  process.stdout.write(`The site is at ${url} (stop with Ctrl+C).\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  return 0;
}

runMain(main, 'preview failed with an internal error', 1, ENVIRONMENT_EXIT);
