/**
 * `npm run preview [-- --port N] [-- --data DIR]`: builds the site for http://localhost:N/ into `_preview/` and
 * serves it there, so that a web editor can look at every page before pushing. Stop it with Ctrl+C.
 */
import { ConfigError } from '../config/load.ts';
import { build } from '../build/build.ts';
import { UnusableFileError } from '../pipeline/read.ts';
import { serveStatic } from '../preview/static-server.ts';
import { SitePageError } from '../site/index.ts';
import { commandArgs, runMain } from './args.ts';
import { fail } from './output.ts';

const USAGE = `Usage: npm run preview -- [--port N] [--data DIR]

Builds the site into _preview/ for http://localhost:N/ (default port 8080) and serves it until Ctrl+C.`;

async function main(): Promise<number> {
  const args = commandArgs(process.argv.slice(2), { port: 'string', data: 'string' }, USAGE);
  if (typeof args === 'number') return args;
  const port = Number(args.flags.get('port') ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail(`--port must be a number from 1 to 65535\n\n${USAGE}`, 2);
  const url = `http://localhost:${port}/`;
  try {
    await build({ dataDir: (args.flags.get('data') as string | undefined) ?? 'data', outputDir: '_preview', baseUrl: url, log: (m) => process.stderr.write(`${m}\n`) });
  } catch (e) {
    if (e instanceof UnusableFileError || e instanceof ConfigError || e instanceof SitePageError) return fail(`build failed: ${e.message}`, 1);
    throw e;
  }
  const server = await serveStatic('_preview', '/', port);
  process.stdout.write(`The site is at ${url} (stop with Ctrl+C).\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await server.close();
  return 0;
}

runMain(main, 'preview failed with an internal error', 1);
