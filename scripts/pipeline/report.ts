/**
 * The validation report: every rejected row with its reason, warnings counted per code, notes about whole files.
 * Listed rows are capped per code (the counts stay exact) so that a file of a million bad rows still gives a
 * readable report. Every value that reaches the report passes through `maskPersonnummer` first.
 */
import { maskPersonnummer } from './identity.ts';

export interface Problem {
  file: string;
  /** 1-based data row number (the header row is not counted). */
  row: number;
  /** Line in the file where the row starts (1-based, the header is line 1). */
  line: number;
  column: string;
  code: string;
  message: string;
  value: string;
}

export interface CodeCount {
  code: string;
  count: number;
  /** How many of them are not listed (at most `DEFAULT_LIST_LIMIT` rows are listed per code and file). */
  unlisted: number;
  message: string;
}

export interface FileNote {
  file: string;
  code: string;
  message: string;
}

export const DEFAULT_LIST_LIMIT = 100;
const VALUE_LIMIT = 200;

/**
 * Text from a file as it may appear in a message, a report or a terminal: personnummer masked, control characters
 * shown as `\u001b` (an escape sequence from a header name must not rewrite the user's terminal).
 */
export function safeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return maskPersonnummer(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value as it may appear in a report: safeText, and long values cut. */
export function reportValue(value: string): string {
  // Mask first, then cut: a cut must never leave half a personnummer behind.
  const v = safeText(value);
  return v.length > VALUE_LIMIT ? `${v.slice(0, VALUE_LIMIT)}… (${value.length} characters)` : v;
}

/** Problems counted per code; listed up to `limit` per code and file (so one bad file cannot hide the others). */
class CappedList {
  readonly items: Problem[] = [];
  readonly counts = new Map<string, { count: number; listed: number; message: string }>();
  private readonly listedPerFile = new Map<string, number>();
  constructor(private readonly limit: number) {}

  add(p: Problem): void {
    let c = this.counts.get(p.code);
    if (!c) this.counts.set(p.code, (c = { count: 0, listed: 0, message: safeText(p.message) }));
    c.count++;
    const key = `${p.file}\u0000${p.code}`;
    const listed = this.listedPerFile.get(key) ?? 0;
    if (listed >= this.limit) return;
    this.listedPerFile.set(key, listed + 1);
    c.listed++;
    // Only listed problems are made safe for display (cheap when a million rows share one code).
    this.items.push({ ...p, message: safeText(p.message), value: reportValue(p.value) });
  }

  summary(): CodeCount[] {
    return [...this.counts.entries()]
      .map(([code, { count, listed, message }]) => ({ code, count, unlisted: count - listed, message }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c.count;
    return n;
  }
}

export class Report {
  readonly errors: CappedList;
  readonly warnings: CappedList;
  readonly notes: FileNote[] = [];

  constructor(limit = DEFAULT_LIST_LIMIT) {
    this.errors = new CappedList(limit);
    this.warnings = new CappedList(limit);
  }

  reject(file: string, row: number, line: number, column: string, code: string, message: string, value: string): void {
    this.errors.add({ file, row, line, column, code, message, value });
  }

  warn(file: string, row: number, line: number, column: string, code: string, message: string, value: string): void {
    this.warnings.add({ file, row, line, column, code, message, value });
  }

  note(file: string, code: string, message: string): void {
    this.notes.push({ file, code, message: safeText(message) });
  }

  toJSON() {
    return {
      errors: this.errors.items,
      errorCounts: this.errors.summary(),
      warnings: this.warnings.items,
      warningCounts: this.warnings.summary(),
      notes: this.notes,
    };
  }
}
