/**
 * Output transforms. `stripControlCharacters`: text from the data may carry C0/C1 control characters (a stray
 * ESC or VT in a supplier name). They are invisible, a parse error in HTML and forbidden in XML, so no page,
 * feed or sitemap keeps them; tab, line feed and carriage return stay.
 */
import path from 'node:path';
import { rememberedParts, writesOwnMain } from './path-prefix.ts';

/**
 * What no page, feed or sitemap may hold: C0/C1 controls other than tab, LF and CR; U+FFFE/U+FFFF and lone
 * surrogates (forbidden in XML, parse errors in HTML); bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069: a supplier name with U+202E would turn the text after it around). The published data files keep
 * every value as it was.
 */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any character FORBIDDEN may remove (a surrogate whether paired or not): a quick test that skips the replace. */
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

export function stripControlCharacters(content: unknown): unknown {
  return typeof content === 'string' && MAYBE_FORBIDDEN.test(content) ? content.replace(FORBIDDEN, '') : content;
}

/**
 * `value` with what FORBIDDEN matches removed from every string in it (arrays and plain objects walked; the
 * same value back, not a copy, where nothing changes, so frozen data stays as it is). For data that a page
 * writes in a part the transform below does not scan (a supplier page's `<main>`), and for the site's texts.
 */
export function withoutForbidden<T>(value: T): T {
  if (typeof value === 'string') return (MAYBE_FORBIDDEN.test(value) ? value.replace(FORBIDDEN, '') : value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const next = withoutForbidden(value[i]);
      if (next !== value[i]) (out ??= value.slice())[i] = next;
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let out: Record<string, unknown> | null = null;
    for (const key of Object.keys(value)) {
      const before = (value as Record<string, unknown>)[key];
      const next = withoutForbidden(before);
      if (next !== before) (out ??= { ...(value as Record<string, unknown>) })[key] = next;
    }
    return (out ?? value) as T;
  }
  return value;
}

/**
 * The page with the characters stripped outside its `<main>` element; the `<main>` as it is. For the pages that
 * make their own `<main>` from data already stripped (path-prefix.ts `writesOwnMain`: the supplier pages, whose
 * items supplier-pages.ts passes through `withoutForbidden`, and whose texts are stripped when read).
 */
export function stripShell(html: string): string {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  if (start === -1 || end < start) return stripControlCharacters(html) as string;
  const head = html.slice(0, start);
  const tail = html.slice(end);
  const cleanHead = stripControlCharacters(head) as string;
  // The footer is the same on every page of a language: tested once (path-prefix.ts rememberedParts).
  const cleanTail = strippedTail(tail);
  return cleanHead === head && cleanTail === tail ? html : cleanHead + html.slice(start, end) + cleanTail;
}

const strippedTail = rememberedParts((part) => stripControlCharacters(part) as string);

/** The transform: every output stripped, a page that writes its own `<main>` around it. */
export function stripControlCharactersTransform(this: { page?: { inputPath?: string } } | undefined, content: unknown): unknown {
  return typeof content === 'string' && writesOwnMain(this?.page) ? stripShell(content) : stripControlCharacters(content);
}

/** Eleventy plugin: applies the transforms above to every template's output. */
export default function transformsPlugin(eleventyConfig: { addTransform(name: string, fn: (content: unknown) => unknown): void }): void {
  eleventyConfig.addTransform('strip-control-characters', stripControlCharactersTransform);
}

/**
 * A transform that keeps every page inside the output folder and away from the files the pipeline and the
 * catalogue wrote there before Eleventy ran (data files, `dcat.rdf`, …): a front-matter `permalink` such as
 * `../outside.html` or `/datasets/dcat.rdf` stops the build instead of writing there.
 */
export function outputGuard(outputDir: string, exists: (path: string) => boolean) {
  const root = path.resolve(outputDir) + path.sep;
  return function (this: { page?: { inputPath?: string; outputPath?: string | false } }, content: unknown): unknown {
    const out = this.page?.outputPath;
    if (typeof out !== 'string') return content;
    const target = path.resolve(out);
    const input = this.page?.inputPath ?? 'a page';
    if (!target.startsWith(root)) {
      throw new SitePageError(`${input}: its permalink would write ${out}, outside the output folder. Give it a permalink inside the site, e.g. /om-oss/.`);
    }
    const rel = target.slice(root.length);
    if (exists(target) || rel.split(path.sep)[0] === 'assets') {
      throw new SitePageError(`${input}: its permalink would overwrite ${rel.split(path.sep).join('/')}, which the build already wrote (a data file, the catalogue or an asset). Choose another permalink.`);
    }
    return content;
  };
}

/** A mistake in a content page (not a bug in Insyn). */
export class SitePageError extends Error {
  override name = 'SitePageError';
}
