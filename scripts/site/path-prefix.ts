/**
 * Root-relative URLs in a page's HTML (`href="/datasets/"`, `src="/assets/x.js"`) get the site's path prefix
 * (`/repo/datasets/`), so that a site served from a project path (`https://x.github.io/repo/`) links inside
 * itself. Templates write every internal URL root-relative (scripts/site/urls.ts).
 *
 * This is what Eleventy's HtmlBasePlugin does to every page, for the same tags and attributes (those of
 * @11ty/posthtml-urls), with the same result, without parsing each page into a tree and back and without a
 * `new URL()` (and its exception) per link: that cost 0.8 ms a page, a third of Insyn's Eleventy step on a site of
 * 20,000 supplier pages. The plugin stays registered with a base of `/` for the feeds' `renderTransforms`
 * (absolute URLs there); test/site-path-prefix.test.ts holds this transform to the plugin's output.
 */

/**
 * Tag → attributes that hold one URL (@11ty/posthtml-urls' defaults). Its lists (`srcset`, `ping`) and
 * `meta http-equiv=refresh` are left out: Insyn writes none, and the test fails on a page that has one.
 */
const URL_ATTRIBUTES = new Map<string, ReadonlySet<string>>(Object.entries({
  a: new Set(['href']),
  area: new Set(['href']),
  audio: new Set(['src']),
  base: new Set(['href']),
  blockquote: new Set(['cite']),
  button: new Set(['formaction']),
  del: new Set(['cite']),
  embed: new Set(['src']),
  form: new Set(['action']),
  iframe: new Set(['src']),
  img: new Set(['src']),
  input: new Set(['formaction', 'src']),
  ins: new Set(['cite']),
  link: new Set(['href']),
  object: new Set(['data']),
  q: new Set(['cite']),
  script: new Set(['src']),
  source: new Set(['src']),
  track: new Set(['src']),
  video: new Set(['poster', 'src']),
}));

/** Elements whose content is text, not markup: their start tag is rewritten, their content never. */
const RAW_TEXT_END = new Map<string, RegExp>([['script', /<\/script/gi], ['style', /<\/style/gi], ['textarea', /<\/textarea/gi], ['title', /<\/title/gi]]);

/**
 * A comment, or the start tag of an element above or of a raw-text element, with its attributes (quoted values
 * may hold `>`). Other tags are not matched at all: most of a page is table cells.
 */
const TOKEN = new RegExp(
  `<!--[\\s\\S]*?-->|<(${[...URL_ATTRIBUTES.keys(), ...RAW_TEXT_END.keys()].join('|')})(?=[\\s/>])((?:\\s+[^\\s"'>/=]+(?:\\s*=\\s*(?:"[^"]*"|'[^']*'|[^\\s"'=<>\`]+))?)*)\\s*\\/?>`,
  'gi',
);
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** `/datasets/` → `/repo/datasets/`; anything else (`#x`, `mailto:`, `https://…`, `//cdn`, `page/`) as it is. */
function prefixUrl(url: string, prefix: string): string {
  const u = url.trim();
  return u.startsWith('/') && !u.startsWith('//') ? prefix + u.slice(1) : url;
}

function rewriteAttributes(tag: string, attributes: string, prefix: string): string {
  const wanted = URL_ATTRIBUTES.get(tag);
  if (!wanted || !attributes.includes('/')) return attributes;
  let out = '';
  let last = 0;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(attributes); m; m = ATTRIBUTE.exec(attributes)) {
    if (m[3] === undefined || !(wanted.has(m[2]) || wanted.has(m[2].toLowerCase()))) continue;
    const quoted = m[4] ?? m[5];
    const value = quoted ?? m[6];
    const next = prefixUrl(value, prefix);
    if (next === value) continue;
    const valueStart = m.index + m[0].length - value.length - (quoted === undefined ? 0 : 1);
    out += attributes.slice(last, valueStart) + next;
    last = valueStart + value.length;
  }
  return last === 0 ? attributes : out + attributes.slice(last);
}

/** The HTML with every root-relative URL in a URL attribute prefixed with `prefix` (`/repo/`; `/` changes nothing). */
export function prefixRootUrls(html: string, prefix: string): string {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  if (base === '/') return html;
  const parts: string[] = [];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    const tagName = m[1]?.toLowerCase();
    if (!tagName) continue; // a comment: as it is
    const attributes = m[2] ?? '';
    const rewritten = rewriteAttributes(tagName, attributes, base);
    if (rewritten !== attributes) {
      const start = m.index + 1 + m[1].length;
      parts.push(html.slice(last, start), rewritten);
      last = start + attributes.length;
    }
    const end = RAW_TEXT_END.get(tagName);
    if (end) {
      end.lastIndex = TOKEN.lastIndex;
      TOKEN.lastIndex = end.exec(html)?.index ?? html.length;
    }
  }
  if (parts.length === 0) return html;
  parts.push(html.slice(last));
  // One flat string, not a rope of slices that would keep the unprefixed page alive as long as the page.
  return parts.join('');
}

/** `url` as the transform would write it in a URL attribute at `prefix`: a root-relative URL gets the prefix. */
export function withPathPrefix(url: string, prefix: string): string {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return base === '/' ? url : prefixUrl(url, base);
}

/**
 * The pages that write their own `<main>` with the path prefix already in its URLs: the supplier pages
 * (content/sv/leverantorer/leverantor.11ty.js, content/en/suppliers/supplier.11ty.js → templates/layouts/supplier.njk,
 * whose `supplierMain` filter makes every URL with `withPathPrefix`). There are as many of them as suppliers, and
 * their `<main>` is most of their bytes: the transform then prefixes only the page shell around it (head,
 * header, footer). The layout asks `writesOwnPrefix` too (the `ownPathPrefix` filter), so that a page not named
 * here gets root-relative URLs and the whole transform, never a prefix twice.
 * test/site-path-prefix.test.ts holds these pages to the whole transform's output.
 */
const OWN_PREFIX_INPUTS = new Set(['content/sv/leverantorer/leverantor.11ty.js', 'content/en/suppliers/supplier.11ty.js']);

/** A prefix that HTML escaping leaves as it is (a URL path's own characters, no `&` or quote). */
const PLAIN_PREFIX = /^[A-Za-z0-9\-._~/%]*$/;

/**
 * Whether `page` makes its own `<main>`: URLs with the path prefix, text without the characters that
 * transforms.ts strips (so both transforms leave that element to it).
 */
export function writesOwnMain(page: { inputPath?: string } | undefined): boolean {
  const input = page?.inputPath;
  return typeof input === 'string' && OWN_PREFIX_INPUTS.has(input.startsWith('./') ? input.slice(2) : input);
}

/** Whether `page` writes its own `<main>` with `prefix` in its URLs (and the transform leaves it). */
export function writesOwnPrefix(page: { inputPath?: string } | undefined, prefix: string): boolean {
  return writesOwnMain(page) && PLAIN_PREFIX.test(prefix);
}

/**
 * `transform(part)`, remembered for the last few parts: the header and the footer of a page shell are the same
 * on every page of a language (most of the shell's links), so on a site of many supplier pages they are
 * rewritten once, not once a page. Keyed by the whole text (and the prefix), so a different part is never
 * mistaken for one seen before.
 */
export function rememberedParts(transform: (part: string) => string, size = 8): (part: string) => string {
  const seen = new Map<string, string>();
  return (part) => {
    let out = seen.get(part);
    if (out === undefined) {
      out = transform(part);
      if (seen.size >= size) seen.clear();
      seen.set(part, out);
    }
    return out;
  };
}

const prefixedParts = new Map<string, (part: string) => string>();

/**
 * The page with the shell's URLs prefixed, the `<main>` element (from `<main` to its `</main>`, which the
 * page's data cannot write: text is escaped) as it is. The shell is three parts: up to `<body` (the head: the
 * page's own title and links), from there to `<main` (the header) and from `</main>` on (the footer).
 */
export function prefixShell(html: string, prefix: string): string {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  const body = html.lastIndexOf('<body', start);
  if (start === -1 || end < start || body === -1) return prefixRootUrls(html, prefix);
  let remembered = prefixedParts.get(prefix);
  if (!remembered) {
    if (prefixedParts.size > 16) prefixedParts.clear();
    prefixedParts.set(prefix, (remembered = rememberedParts((part) => prefixRootUrls(part, prefix))));
  }
  return prefixRootUrls(html.slice(0, body), prefix) + remembered(html.slice(body, start)) + html.slice(start, end) + remembered(html.slice(end));
}

/**
 * Eleventy transform: prefixes the URLs of every `.html` output. `prefix()` gives the path prefix when the
 * transform runs (Eleventy sets it after the configuration is read). Inside `renderTransforms` with a base URL
 * (the feeds: `this.baseHref`) Eleventy's plugin makes the URLs absolute instead, so this one leaves them.
 */
export function pathPrefixTransform(prefix: () => string) {
  return function (this: { outputPath?: string | false; baseHref?: string; page?: { inputPath?: string } }, content: unknown): unknown {
    if (typeof content !== 'string' || this.baseHref) return content;
    if (typeof this.outputPath !== 'string' || !this.outputPath.endsWith('.html')) return content;
    const p = prefix();
    return writesOwnPrefix(this.page, p) ? prefixShell(content, p) : prefixRootUrls(content, p);
  };
}
