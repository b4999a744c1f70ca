/** Small helpers for writing SVG by hand: escaping text and attributes, and stable number output. */

/** What escapeXml changes: a quick test, so that most labels (no `&`, no quote) are returned as they are. */
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>"']/;

/** Escapes text for XML content and attribute values (`&`, `<`, `>`, `"`, `'`), dropping XML-forbidden controls. */
export function escapeXml(text: string): string {
  const s = String(text);
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A coordinate with at most two decimals and no trailing zeros (`12.50` → `12.5`), the same on every run. */
export function coord(value: number): string {
  const hundredths = Math.round(value * 100);
  // A whole number (most of a chart's coordinates): an integer's text, which V8 keeps ready for small ones.
  if (hundredths % 100 === 0 && Number.isSafeInteger(hundredths)) return String(hundredths / 100 + 0);
  const rounded = hundredths / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Shortens a label for a chart to `max` characters, ending in `…` (the table beside the chart has it in full). */
export function shorten(label: string, max: number): string {
  // No longer in UTF-16 units than `max`: no longer in characters either.
  if (label.length <= max) return label;
  const chars = Array.from(label);
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
