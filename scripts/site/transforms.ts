/**
 * Output transforms. `stripControlCharacters`: text from the data may carry C0/C1 control characters (a stray
 * ESC or VT in a supplier name). They are invisible, a parse error in HTML and forbidden in XML, so no page,
 * feed or sitemap keeps them; tab, line feed and carriage return stay.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function stripControlCharacters(content: unknown): unknown {
  return typeof content === 'string' ? content.replace(CONTROL, '') : content;
}

/** Eleventy plugin: applies the transforms above to every template's output. */
export default function transformsPlugin(eleventyConfig: { addTransform(name: string, fn: (content: unknown) => unknown): void }): void {
  eleventyConfig.addTransform('strip-control-characters', stripControlCharacters);
}
