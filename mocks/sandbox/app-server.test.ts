import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer } from './app-server';
import { sandboxAppConfig } from './app-config';
import type { RunningServer } from './http-util';
import { securityHeaders } from '../../server/security-headers';
import { sandboxTopology } from './topology';

/**
 * The production preview server's headers on the wire (docs/deploying.md): a real server
 * on a random port over a tiny built app, asked over real HTTP for every kind of file.
 */
const topology = sandboxTopology(8400);
const config = sandboxAppConfig(topology);
const headers = securityHeaders({ config, authOrigins: [topology.authIssuer], frameAncestors: topology.hosts.map((h) => h.origin) });
let dir: string;
let app: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'app-server-'));
  const dist = join(dir, 'dist');
  await mkdir(join(dist, 'launch'), { recursive: true });
  await mkdir(join(dist, 'assets'), { recursive: true });
  await mkdir(join(dir, 'dist-secret'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dist, 'launch', 'index.html'), '<!doctype html><title>launch</title>');
  await writeFile(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  await writeFile(join(dir, 'dist-secret', 'secret.txt'), 'secret');
  await writeFile(join(dir, 'outside.txt'), 'outside');
  app = await startAppServer({ port: 30000 + Math.round(Math.random() * 20000), distDir: dist, config, headers });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw request, so that the path is sent exactly as written (fetch would normalise `..`). */
function raw(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { port } = new URL(app.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const directives = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('app server: security headers on the wire', () => {
  const paths = ['/', '/launch/', '/config.json', '/assets/app-abc123.js', '/nothing-here', '/%E0%A4%A'];

  it.each(paths)('%s carries CSP, Referrer-Policy and X-Content-Type-Options', async (path) => {
    const res = await raw(path);
    const csp = directives(String(res.headers['content-security-policy']));
    expect(csp['default-src']).toEqual(["'self'"]);
    // No 'unsafe-inline', no 'unsafe-eval', no hosts: the app's files and one hashed inline script (server/early-discovery.ts).
    expect(csp['script-src']).toEqual(["'self'", expect.stringMatching(/^'sha256-[A-Za-z0-9+/]{43}='$/)]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect([...csp['connect-src']!].sort()).toEqual(
      ["'self'", ...new Set([...config.endpoints.map((e) => new URL(e.fhirBaseUrl).origin), ...[config.audit, config.objectionRegister].flatMap((s) => (s ? [new URL(s.fhirBaseUrl).origin] : [])), topology.authIssuer])].sort(),
    );
    expect(csp['frame-ancestors']).toEqual(["'self'", ...topology.hosts.map((h) => h.origin)]);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never lets HTML or the configuration be cached; hashed assets may be', async () => {
    for (const path of ['/launch/', '/config.json']) expect((await raw(path)).headers['cache-control'], path).toBe('no-store');
    // The app page, the redirect URI: the launch page loads it ahead for the redirect back (docs/adr/0010).
    expect((await raw('/')).headers['cache-control']).toBe('private, max-age=120');
    expect((await raw('/')).headers['no-vary-search']).toBe('params');
    expect((await raw('/assets/app-abc123.js')).headers['cache-control']).toMatch(/immutable/);
  });

  it('serves the configuration it was given, and the right types', async () => {
    const res = await raw('/config.json');
    expect(JSON.parse(res.body)).toEqual(config);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect((await raw('/')).headers['content-type']).toMatch(/^text\/html/);
    expect((await raw('/assets/app-abc123.js')).headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('serves nothing outside the built app, not even a sibling folder with the same prefix', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2fdist-secret/secret.txt', '/%2e%2e/dist-secret/secret.txt']) {
      const res = await raw(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/secret|outside/);
    }
  });

  it('answers a bad request or a write with headers, and no stack trace', async () => {
    const bad = await raw('/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.body).toBe('Bad request');
    const post = await raw('/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers['content-security-policy']).toBeDefined();
  });
});
