/**
 * Internal links in the Markdown pages (guides, news, about the data) must lead somewhere: a link to a page the
 * site does not have fails the build, naming the page and the link, like a bad permalink does (SitePageError), so
 * that a typo or a renamed guide is caught before it is published instead of by a reader.
 *
 * The links are collected while Markdown is rendered (a markdown-it rule: links, images and `href`/`src` in raw
 * HTML, with the page they are on) and checked once Eleventy has written every page, against the output folder:
 * a page (`/guider/ekonomi/` → `guider/ekonomi/index.html`) or a file (`/feed.xml`, `/datasets/dcat.rdf`, a data
 * file). Links to other sites, `mailto:`, `tel:` and a page's own `#fragment` are not checked.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { safe } from '../privacy/safe.ts';
import { SitePageError } from './transforms.ts';

export interface PageLink {
  /** The Markdown file (`./content/sv/guider/ekonomi.md`). */
  inputPath: string;
  /** The page's URL (`/guider/ekonomi/`), for relative links. */
  pageUrl: string;
  href: string;
}

interface Token {
  type: string;
  content: string;
  attrGet(name: string): string | null;
  children: Token[] | null;
}

interface MarkdownIt {
  core: { ruler: { push(name: string, rule: (state: { tokens: Token[]; env: unknown }) => void): void } };
}

const RAW_LINK = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** A markdown-it plugin that records every link of every page rendered into `links`. */
export function recordLinks(links: PageLink[]): (md: MarkdownIt) => void {
  return (md) => {
    md.core.ruler.push('insyn-record-links', (state) => {
      const page = (state.env as { page?: { inputPath?: unknown; url?: unknown } } | undefined)?.page;
      if (typeof page?.inputPath !== 'string' || typeof page.url !== 'string') return;
      const add = (href: string | null) => {
        if (href) links.push({ inputPath: page.inputPath as string, pageUrl: page.url as string, href });
      };
      const walk = (tokens: Token[]) => {
        for (const t of tokens) {
          if (t.type === 'link_open') add(t.attrGet('href'));
          else if (t.type === 'image') add(t.attrGet('src'));
          else if (t.type === 'html_inline' || t.type === 'html_block') for (const m of t.content.matchAll(RAW_LINK)) add(m[1] ?? m[2]);
          if (t.children) walk(t.children);
        }
      };
      walk(state.tokens);
    });
  };
}

/** The output path a site-internal link points to (without the path prefix), or null for a link out of the site. */
export function internalTarget(href: string, pageUrl: string, pathPrefix: string): string | null {
  const h = href.trim();
  if (h === '' || h.startsWith('#') || h.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(h)) return null;
  let url: URL;
  try {
    url = new URL(h, `http://insyn.invalid${pageUrl.startsWith('/') ? pageUrl : `/${pageUrl}`}`);
  } catch {
    return h;
  }
  let p = decodeURIComponent(url.pathname);
  const prefix = pathPrefix.endsWith('/') ? pathPrefix : `${pathPrefix}/`;
  if (prefix !== '/' && p.startsWith(prefix)) p = `/${p.slice(prefix.length)}`;
  return p;
}

function exists(outDir: string, target: string): boolean {
  const file = path.join(outDir, ...target.split('/').filter(Boolean));
  if (!file.startsWith(path.resolve(outDir))) return false;
  try {
    const st = statSync(file);
    return st.isFile() || (st.isDirectory() && existsSync(path.join(file, 'index.html')));
  } catch {
    return false;
  }
}

/**
 * Fails with one SitePageError naming every page and link that leads to nothing in `outDir`. `promised`: paths
 * (relative to the output root) that the build writes beside the site whether or not they are there yet, such as
 * the catalogue (a site built on its own, in tests, has no catalogue).
 */
export function checkLinks(links: PageLink[], outDir: string, pathPrefix: string, promised: Iterable<string> = []): void {
  const known = new Set([...promised].map((p) => `/${p.replace(/^\/+/, '')}`));
  const broken = new Map<string, Set<string>>();
  for (const l of links) {
    const target = internalTarget(l.href, l.pageUrl, pathPrefix);
    if (target === null || known.has(target) || exists(outDir, target)) continue;
    const page = l.inputPath.replace(/^\.\//, '');
    let set = broken.get(page);
    if (!set) broken.set(page, (set = new Set()));
    set.add(l.href);
  }
  if (broken.size === 0) return;
  const lines = [...broken].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([page, hrefs]) => [...hrefs].map((h) => `${safe(page, 300)}: the link "${safe(h, 200)}" goes to a page that does not exist on the site`));
  throw new SitePageError(
    `${lines.join('\n')}\nCorrect the address (a page's address is its file's path: content/sv/guider/ekonomi.md is /guider/ekonomi/, content/en/guides/finance.md is /en/guides/finance/), or remove the link.`,
  );
}
