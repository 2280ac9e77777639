import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AppConfiguration } from '../src/config/types';
import { withCspMeta } from './csp-meta';
import { LAUNCH_PAGE, withEarlyDiscovery } from './early-discovery';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export type AppHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The app page (`index.html`, the redirect URI) is the same document at every launch, and
 * holds nothing of a patient or a user. The launch page loads it in a hidden frame while
 * the user is signed in (launch/index.html), and `No-Vary-Search: params` lets the
 * browser's cache answer the redirect back (`/?code=…&state=…`) with that copy: one round
 * trip fewer at every launch (docs/adr/0010). Two minutes: a configuration or a release
 * reaches every launch within that time.
 */
export const APP_PAGE_HEADERS = { 'Cache-Control': 'private, max-age=120', 'No-Vary-Search': 'params' } as const;

/**
 * Serves the built app (dist/) as its production host must (docs/deploying.md):
 * `/config.json` is the deployer's runtime configuration, every response carries the
 * security headers, every page also carries the Content-Security-Policy as a meta element,
 * the launch page carries the launch issuers and its early discovery (server/early-discovery.ts),
 * the app page (the redirect URI) is cached for two minutes whatever its query
 * (APP_PAGE_HEADERS), other HTML and the configuration are never cached, hashed assets are
 * cached for a year. Used by `npm run serve` and by the sandbox.
 */
export async function createAppHandler(opts: { distDir: string; config: AppConfiguration; headers: Record<string, string> }): Promise<AppHandler> {
  const root = resolve(opts.distDir);
  try {
    await stat(join(root, 'index.html'));
  } catch {
    throw new Error(`The app is not built: ${join(root, 'index.html')} is missing. Run "npm run build" first.`);
  }
  const csp = opts.headers['Content-Security-Policy'] ?? '';
  const plain = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra, ...opts.headers });
    res.end(text);
  };

  return async (req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      plain(res, 400, 'Bad request'); // bad percent-encoding: still with the security headers
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, '', { allow: 'GET, HEAD' });
      return;
    }
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...opts.headers });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(opts.config));
      return;
    }
    const file = await locate(root, path);
    if (!file) {
      plain(res, 404, 'Not found');
      return;
    }
    const ext = extname(file);
    const caching: Record<string, string> = file.startsWith(`${join(root, 'assets')}${sep}`)
      ? { 'cache-control': 'public, max-age=31536000, immutable' }
      : file === join(root, 'index.html')
        ? { 'cache-control': APP_PAGE_HEADERS['Cache-Control'], 'no-vary-search': APP_PAGE_HEADERS['No-Vary-Search'] }
        : { 'cache-control': 'no-store' };
    let body: Buffer | string = await readFile(file);
    // The launch page carries the launch issuers and starts discovery early (server/early-discovery.ts).
    if (file === join(root, LAUNCH_PAGE)) body = withEarlyDiscovery(body.toString('utf8'), opts.config);
    if (ext === '.html' && csp) body = withCspMeta(body.toString('utf8'), csp);
    res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', ...caching, ...opts.headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** Maps a URL path to a file under root; directories serve their index.html. */
async function locate(root: string, path: string): Promise<string | undefined> {
  const candidate = normalize(join(root, path));
  if (candidate !== root && !candidate.startsWith(`${root}${sep}`)) return undefined; // no escaping dist/ (nor into dist-other/)
  for (const f of [candidate, join(candidate, 'index.html')]) {
    try {
      if ((await stat(f)).isFile()) return f;
    } catch {
      /* try the next candidate */
    }
  }
  return undefined;
}
