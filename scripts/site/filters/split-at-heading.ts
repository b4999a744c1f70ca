/**
 * `{% set parts = content | splitAtHeading %}`: a page's rendered HTML cut before its first `<h2`, as
 * `[intro, rest]` (`[content, '']` when it has none), so that a layout can place a generated list after a Markdown
 * page's introduction without template syntax in the Markdown.
 */
export function splitAtHeading(html: unknown): [string, string] {
  const text = typeof html === 'string' ? html : String(html ?? '');
  const at = text.search(/<h2[\s>]/);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at)];
}
