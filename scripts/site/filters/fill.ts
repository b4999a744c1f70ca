/**
 * `{{ "Visar {shown} av {all}" | fill({ shown: 2, all: 3 }) }}`: puts values into a site text's `{name}` slots, so
 * whole sentences stay in the editable texts (`content/_data/texts.json`). Unknown slots are left as written.
 */
export function fill(text: string, values: Record<string, unknown>): string {
  return String(text ?? '').replace(/\{(\w+)\}/g, (slot, name: string) =>
    Object.prototype.hasOwnProperty.call(values ?? {}, name) ? String(values[name]) : slot,
  );
}
