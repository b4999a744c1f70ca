/**
 * The validation report: every rejected row with its reason, warnings counted per code, notes about whole files.
 * Listed rows are capped per code (the counts stay exact) so that a file of a million bad rows still gives a
 * readable report. File names, columns and messages come in as `Safe` (scripts/privacy/safe.ts); the value of a
 * row is taken raw and made safe here, once, for the rows that are listed.
 */
import { safe, type Safe } from '../privacy/safe.ts';

export interface Problem {
  file: Safe;
  /** 1-based data row number (the header row is not counted). */
  row: number;
  /** Line in the file where the row starts (1-based, the header is line 1). */
  line: number;
  column: Safe;
  code: string;
  message: Safe;
  /** The value as found (raw in `add`, safe once listed). */
  value: string;
}

export interface CodeCount {
  code: string;
  count: number;
  /** How many of them are not listed (at most `DEFAULT_LIST_LIMIT` rows are listed per code and file). */
  unlisted: number;
  message: Safe;
  /** The exact count in each file. */
  byFile: Record<string, number>;
}

export interface FileNote {
  file: Safe;
  code: string;
  message: Safe;
}

export const DEFAULT_LIST_LIMIT = 100;
/** Problems counted per code; listed up to `limit` per code and file (so one bad file cannot hide the others). */
class CappedList {
  readonly items: Problem[] = [];
  readonly counts = new Map<string, { count: number; listed: number; message: Safe; byFile: Record<string, number> }>();
  private readonly listedPerFile = new Map<string, number>();
  constructor(private readonly limit: number) {}

  add(p: Problem): void {
    let c = this.counts.get(p.code);
    if (!c) this.counts.set(p.code, (c = { count: 0, listed: 0, message: p.message, byFile: {} }));
    c.count++;
    c.byFile[p.file] = (c.byFile[p.file] ?? 0) + 1;
    const key = `${p.file}\u0000${p.code}`;
    const listed = this.listedPerFile.get(key) ?? 0;
    if (listed >= this.limit) return;
    this.listedPerFile.set(key, listed + 1);
    c.listed++;
    // Only listed values are made safe for display (cheap when a million rows share one code).
    this.items.push({ ...p, value: safe(p.value) });
  }

  /** Counts, listed items and messages, as a file keeps them (unit.json). */
  toPart(): { items: Problem[]; counts: [string, { count: number; listed: number; message: Safe; byFile: Record<string, number> }][] } {
    return { items: this.items, counts: [...this.counts.entries()] };
  }

  /** Adds another file's list (its listing was capped per code and file already). */
  absorb(part: { items: Problem[]; counts: [string, { count: number; listed: number; message: Safe; byFile: Record<string, number> }][] }): void {
    for (const p of part.items) this.items.push(p);
    for (const [code, c] of part.counts) {
      const mine = this.counts.get(code);
      if (!mine) this.counts.set(code, { ...c, byFile: { ...c.byFile } });
      else {
        mine.count += c.count;
        mine.listed += c.listed;
        for (const [f, n] of Object.entries(c.byFile)) mine.byFile[f] = (mine.byFile[f] ?? 0) + n;
      }
    }
  }

  summary(): CodeCount[] {
    return [...this.counts.entries()]
      .map(([code, { count, listed, message, byFile }]) => ({ code, count, unlisted: count - listed, message, byFile }))
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

  reject(file: Safe, row: number, line: number, column: Safe, code: string, message: Safe, value: string): void {
    this.errors.add({ file, row, line, column, code, message, value });
  }

  warn(file: Safe, row: number, line: number, column: Safe, code: string, message: Safe, value: string): void {
    this.warnings.add({ file, row, line, column, code, message, value });
  }

  note(file: Safe, code: string, message: Safe): void {
    this.notes.push({ file, code, message });
  }

  /** This report as a file keeps it (unit.json): listed problems, counts and notes. */
  toPart(): ReportPart {
    return { errors: this.errors.toPart(), warnings: this.warnings.toPart(), notes: this.notes };
  }

  /** Adds another file's report. */
  absorb(part: ReportPart): void {
    this.errors.absorb(part.errors);
    this.warnings.absorb(part.warnings);
    for (const n of part.notes) this.notes.push(n);
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

export type ReportPart = { errors: ReturnType<CappedList['toPart']>; warnings: ReturnType<CappedList['toPart']>; notes: FileNote[] };
