/**
 * `{% cached lang %}…{% endcached %}`: a Nunjucks block rendered once per key and build, then repeated as it is.
 * For the parts of the page shell that are the same on every page of a language (the footer): on a site of
 * 20,000 supplier pages, rendering the footer anew for each page was a fifth of a page's cost.
 *
 * The key must name everything the block depends on besides what is the same for the whole build (the site
 * model, texts, navigation): nothing inside may depend on the page (its URL, title, data). The cache is kept per
 * build, by the identity of the build's model, texts and navigation: Eleventy keeps compiled layouts (and with
 * them this tag) from one build to the next in the same process (its LayoutCache), so a second build with another
 * model must not get the first one's footer.
 */

interface Parser {
  nextToken(): { value: string; lineno: number; colno: number };
  parseSignature(throwErrors: null, noParens: boolean): { children: unknown[] };
  advanceAfterBlockEnd(name?: string): void;
  parseUntilBlocks(...names: string[]): unknown;
}

interface Nodes {
  CallExtension: new (ext: object, method: string, args: unknown, contentArgs: unknown[]) => unknown;
  Literal: new (lineno: number, colno: number, value: unknown) => unknown;
}

interface NunjucksLib {
  runtime: { SafeString: new (value: string) => unknown };
}

interface Context {
  ctx?: { insyn?: object; texts?: object; navigation?: object };
}

const NONE = {};

export function cachedTag(nunjucks: NunjucksLib) {
  const builds = new WeakMap<object, WeakMap<object, WeakMap<object, Map<string, unknown>>>>();
  const cacheFor = (context: Context): Map<string, unknown> => {
    const [a, b, c] = [context.ctx?.insyn ?? NONE, context.ctx?.texts ?? NONE, context.ctx?.navigation ?? NONE];
    let byTexts = builds.get(a);
    if (!byTexts) builds.set(a, (byTexts = new WeakMap()));
    let byNavigation = byTexts.get(b);
    if (!byNavigation) byTexts.set(b, (byNavigation = new WeakMap()));
    let cache = byNavigation.get(c);
    if (!cache) byNavigation.set(c, (cache = new Map()));
    return cache;
  };
  let blocks = 0;
  return {
    tags: ['cached'],
    parse(parser: Parser, nodes: Nodes) {
      const start = parser.nextToken();
      const args = parser.parseSignature(null, true);
      // Each block its own entries: the first argument is the block's number (two blocks keyed by `lang` alone
      // must not share).
      args.children.unshift(new nodes.Literal(start.lineno, start.colno, `block ${++blocks}`));
      parser.advanceAfterBlockEnd(start.value);
      const body = parser.parseUntilBlocks('endcached');
      parser.advanceAfterBlockEnd();
      return new nodes.CallExtension(this, 'run', args, [body]);
    },
    run(context: Context, ...args: unknown[]) {
      const body = args.pop() as () => string;
      const cache = cacheFor(context);
      const key = JSON.stringify(args);
      let html = cache.get(key);
      if (html === undefined) {
        html = new nunjucks.runtime.SafeString(String(body()));
        cache.set(key, html);
      }
      return html;
    },
  };
}
