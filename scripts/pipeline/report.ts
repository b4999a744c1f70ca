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
  /** How many of them are not listed. */
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

/** A value as it may appear in a report: personnummer masked, control characters shown, long values cut. */
export function reportValue(value: string): string {
  let v = maskPersonnummer(value);
  if (v.length > VALUE_LIMIT) v = `${v.slice(0, VALUE_LIMIT)}… (${value.length} characters)`;
  // eslint-disable-next-line no-control-regex
  return v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

class CappedList {
  readonly items: Problem[] = [];
  readonly counts = new Map<string, { count: number; message: string }>();
  constructor(private readonly limit: number) {}

  add(p: Problem): void {
    const c = this.counts.get(p.code);
    if (c) c.count++;
    else this.counts.set(p.code, { count: 1, message: p.message });
    if ((c?.count ?? 1) <= this.limit) this.items.push(p);
  }

  summary(): CodeCount[] {
    return [...this.counts.entries()]
      .map(([code, { count, message }]) => ({ code, count, unlisted: Math.max(0, count - this.limit), message }))
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
    this.errors.add({ file, row, line, column, code, message, value: reportValue(value) });
  }

  warn(file: string, row: number, line: number, column: string, code: string, message: string, value: string): void {
    this.warnings.add({ file, row, line, column, code, message, value: reportValue(value) });
  }

  note(file: string, code: string, message: string): void {
    this.notes.push({ file, code, message: maskPersonnummer(message) });
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
