/** A small, strict command-line parser: known flags only, `--flag value` or `--flag=value`. */
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

/** Runs a command's main function: its result is the exit code; an unexpected error is reported as a bug. */
export function runMain(main: () => Promise<number>, onBug: string, bugCode: number): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: Error) => {
      process.stderr.write(`insyn: ${onBug}: ${e.message}\nThis is a bug in Insyn, not in your data; please report it.${process.env.INSYN_DEBUG ? `\n${e.stack}` : ''}\n`);
      process.exitCode = bugCode;
    },
  );
}
