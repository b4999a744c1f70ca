/**
 * The one way text reaches a message, a report, a log line or an error: `safe()`.
 *
 * `Safe` is a string that went through `safe()` (personnummer masked on the normalised view, control, bidi and
 * line-break characters shown as `\u001b`, long values cut) or was built by the `msg` template from literal text and
 * Safe values. Report entries, errors, notes and log lines take `Safe` only, so handing them a raw value from a file
 * is a type error, visible in review. Published rows have their own mark (`PublishedRow`, redact.ts).
 */
import { maskPersonnummer } from './personnummer.ts';

declare const SAFE: unique symbol;

/** Text that may be shown anywhere: masked, escaped, bounded. Made only by `safe`, `msg` and `safeJoin`. */
export type Safe = string & { readonly [SAFE]: true };

/** C0 and C1 controls (with tab and line breaks), U+2028/2029, bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Longest value shown whole in a message (a 3 MB header name is cut). */
export const SAFE_LIMIT = 200;

function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A value from a file (or any other input) made fit for a message: personnummer masked (at the `name` strictness:
 * a date-valid number with or without its check digit), unprintable characters escaped, cut to `limit` characters
 * (masked before it is cut, so that a cut never leaves half a personnummer).
 */
export function safe(value: string, limit = SAFE_LIMIT): Safe {
  // Cut very long values before masking too (bounded work), keeping a margin so no personnummer is split unseen.
  const head = value.length > limit * 4 + 64 ? value.slice(0, limit * 4 + 64) : value;
  let v = escapeUnprintable(maskPersonnummer(head, 'name'));
  if (v.length > limit || head !== value) v = `${v.slice(0, limit)}… (${value.length} characters)`;
  return v as Safe;
}

/** A message built from literal text (the code's own words) and Safe values or numbers. */
export function msg(strings: TemplateStringsArray, ...values: (Safe | number | bigint)[]): Safe {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += String(values[i]) + strings[i + 1];
  return out as Safe;
}

/** Safe values joined by a literal separator. */
export function safeJoin(values: readonly Safe[], separator: string): Safe {
  return values.join(separator) as Safe;
}

/** A value shown in quotes: `"Ansvar"`. */
export function quoted(value: string, limit = SAFE_LIMIT): Safe {
  return `"${safe(value, limit)}"` as Safe;
}

/**
 * The code's own constant text (a spec column name, a message written in the code) as Safe. Never for a value from
 * a file or a setting: grep for `trusted(` in review.
 */
export function trusted<T extends string>(text: T): Safe {
  return text as unknown as Safe;
}
