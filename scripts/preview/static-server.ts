/**
 * A tiny static file server on 127.0.0.1 (for `npm run preview` and the browser tests), behaving like GitHub Pages:
 * the site is served under `prefix` (`/` or `/repo/`), a folder answers with its `index.html`, a folder without the
 * trailing slash redirects to it, and a missing file answers 404 with the site's `404.html`.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rdf': 'application/rdf+xml; charset=utf-8',
  '.ttl': 'text/turtle; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port><prefix>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isDirectory(), () => false);
}

/** Serves `root` under `prefix` on a free port (or `port`). */
export async function serveStatic(root: string, prefix = '/', port = 0): Promise<StaticServer> {
  const base = path.resolve(root);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const send = async (status: number, file: string) => {
      const body = await readFile(file);
      res.writeHead(status, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = async () => {
      const page = path.join(base, '404.html');
      if (await isFile(page)) await send(404, page);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    };
    if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) return notFound();
    const relative = pathname.slice(prefix.length);
    const file = path.resolve(base, relative);
    if (file !== base && !file.startsWith(base + path.sep)) return notFound();
    if (await isDirectory(file)) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: `${pathname}/${url.search}` }).end();
        return;
      }
      const index = path.join(file, 'index.html');
      return (await isFile(index)) ? send(200, index) : notFound();
    }
    return (await isFile(file)) ? send(200, file) : notFound();
  });
  // A port in use (EADDRINUSE) or not allowed (EACCES) rejects, with the port in the error, instead of an
  // 'error' event nobody listens to.
  await new Promise<void>((resolve, reject) => {
    const failed = (e: Error) => reject(Object.assign(e, { port }));
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}${prefix}`,
    port: actual,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Reserves a free port on 127.0.0.1 (so a site can be built for its URL before it is served). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
