import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AppConfiguration } from '../../src/config/types';
import { listenLocal, sendJson, type RunningServer } from './http-util';

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

/**
 * Serves the built app (dist/) on its own origin, as a production static host would:
 * `/config.json` is the runtime configuration for this sandbox, every response carries
 * the security headers, HTML and configuration are never cached.
 */
export async function startAppServer(opts: {
  port: number;
  distDir: string;
  config: AppConfiguration;
  headers: Record<string, string>;
}): Promise<RunningServer> {
  const root = resolve(opts.distDir);
  try {
    await stat(join(root, 'index.html'));
  } catch {
    throw new Error(`The app is not built: ${join(root, 'index.html')} is missing. Run "npm run build" first.`);
  }
  return listenLocal(
    opts.port,
    async (req, res) => {
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        // Bad percent-encoding: a plain 400 that still carries the security headers.
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...opts.headers });
        res.end('Bad request');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'cache-control': 'no-store', ...opts.headers });
        res.end();
        return;
      }
      if (path === '/config.json') {
        sendJson(res, 200, opts.config, opts.headers);
        return;
      }
      const file = await locate(root, path);
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...opts.headers });
        res.end('Not found');
        return;
      }
      const ext = extname(file);
      const cache = file.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-store';
      res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': cache, ...opts.headers });
      res.end(req.method === 'HEAD' ? undefined : await readFile(file));
    },
    'app',
  );
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
