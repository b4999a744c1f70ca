/** A small, strict command-line parser: known flags only, `--flag value` or `--flag=value`. */
import { environmentProblem } from '../build/environment.ts';

export class UsageError extends Error {}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

export function parseArgs(argv: string[], spec: Record<string, 'boolean' | 'string'>): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq > 0 ? eq : undefined);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'boolean') {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    }
  }
  return { flags, positional };
}

/** Formats 1234567 as `1 234 567` (thin grouping for terminal output). */
export function count(n: number): string {
  return n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
}

/** `1 row`, `2 rows`, `1 234 warnings`. */
export function counted(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A progress line on stderr: rewritten in place on a terminal, one line every few seconds otherwise. */
export function progressReporter(label: string): (bytesRead: number, total: number, rows: number) => void {
  let lastLine = 0;
  const tty = process.stderr.isTTY;
  return (bytesRead, total, rows) => {
    const pct = total > 0 ? Math.min(100, Math.floor((bytesRead / total) * 100)) : 0;
    const text = `${label}: ${count(rows)} rows read (${pct} %)`;
    if (tty) process.stderr.write(`\r${text}\u001b[K`);
    else if (Date.now() - lastLine > 5000) {
      lastLine = Date.now();
      process.stderr.write(`${text}\n`);
    }
  };
}

export function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
}

/**
 * Parses a command's arguments; `--help` prints the usage. Returns the parsed arguments, or the exit code when
 * the command is done (0 after --help, 2 after a usage mistake, with the message on stderr).
 */
export function commandArgs(argv: string[], spec: Record<string, 'boolean' | 'string'>, usage: string): ParsedArgs | number {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, { ...spec, help: 'boolean' });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`insyn: ${e.message}\n\n${usage}\n`);
      return 2;
    }
    throw e;
  }
  if (args.flags.has('help')) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return args;
}

/**
 * Runs a command's main function: its result is the exit code. An error of the machine (a full disk, a read-only
 * file system) is named as such (exit `envCode`); any other unexpected error is reported as a bug (exit
 * `bugCode`), without a stack trace unless INSYN_DEBUG is set. An error thrown outside the main promise (an
 * 'error' event nobody listened to) is caught the same way instead of crashing with a stack trace; what the
 * process left behind is removed by the next build.
 */
export function runMain(main: () => Promise<number>, onBug: string, bugCode: number, envCode = bugCode): void {
  let reported = false;
  // The reader went away (`validate … | head`): nothing more to say, and no bug. Exit as a shell tool does.
  const closed = (e: unknown) => (e as NodeJS.ErrnoException)?.code === 'EPIPE';
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (closed(e)) process.exit(process.exitCode ?? 0);
    });
  }
  const report = (e: unknown) => {
    if (closed(e)) process.exit(process.exitCode ?? 0);
    if (reported) return;
    reported = true;
    const machine = environmentProblem(e);
    if (machine) {
      process.stderr.write(`insyn: ${onBug.replace(/ with an internal error.*$/, '')} because of the machine, not the data: ${machine.message}\n`);
      process.exitCode = envCode;
      return;
    }
    const err = e as Error;
    process.stderr.write(`insyn: ${onBug}: ${err?.message ?? String(e)}\nThis is a bug in Insyn, not in your data; please report it.${process.env.INSYN_DEBUG ? `\n${err?.stack}` : ''}\n`);
    process.exitCode = bugCode;
  };
  process.on('uncaughtException', (e) => {
    report(e);
    process.exit();
  });
  main().then(
    (code) => {
      if (!reported) process.exitCode = code;
    },
    (e: unknown) => report(e),
  );
}
