import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run serve` as a deploying engineer runs it: the real command, a deployer's
 * configuration (deploy/config.example.json), a built app, real HTTP. Expectations come
 * from the configuration file and the deployment guide, and the example nginx and Caddy
 * configurations must send the same headers.
 */
const ROOT = resolve(import.meta.dirname, '..');
const CONFIG = join(ROOT, 'deploy/config.example.json');
const AUTH = 'https://auth.region.example.org';
const EHR = 'https://ehr.gp-system.example.org';
const port = 30000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
let dir: string;
let child: ChildProcess;
let output = '';

/**
 * `npm run serve` in its own process group: npm does not pass a signal on to the server it
 * started, so the group is what afterAll ends (killing npm alone left a server running).
 */
function run(args: string[]): ChildProcess {
  return spawn('npm', ['run', '-s', 'serve', '--', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, detached: true });
}

async function exitOf(p: ChildProcess): Promise<{ code: number | null; text: string }> {
  let text = '';
  p.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  p.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const code = await new Promise<number | null>((ok) => p.on('exit', ok));
  return { code, text };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serve-'));
  const dist = join(dir, 'dist');
  await mkdir(join(dist, 'launch'), { recursive: true });
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html>\n<html lang="en-GB">\n  <head>\n    <meta charset="utf-8" />\n    <title>app</title>\n  </head>\n</html>\n');
  await writeFile(join(dist, 'launch', 'index.html'), '<!doctype html><html><head><title>launch</title></head></html>');
  await writeFile(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  child = run(['--config', CONFIG, '--port', String(port), '--host', '127.0.0.1', '--dist', dist, '--auth-origin', AUTH, '--frame-ancestor', EHR]);
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  while (!output.includes('served at')) {
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`npm run serve did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 40_000);

afterAll(async () => {
  if (child?.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await rm(dir, { recursive: true, force: true });
});

const directives = (csp: string) =>
  Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name as string, values];
  }));

describe('npm run serve with a deployer’s configuration', () => {
  it('serves /config.json as the file says, never cached', async () => {
    const res = await fetch(`${base}/config.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const served = (await res.json()) as { endpoints: { id: string }[]; audit: { fhirBaseUrl: string } };
    expect(served.endpoints.map((e) => e.id)).toEqual(['riverside-gp', 'ouse-valley']);
    expect(served.audit.fhirBaseUrl).toBe('https://audit.region.example.org/fhir');
  });

  it('sends the security headers on pages, assets, configuration and errors', async () => {
    for (const path of ['/', '/launch/', '/config.json', '/assets/app-abc123.js', '/no-such-file']) {
      const res = await fetch(`${base}${path}`);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      const csp = directives(res.headers.get('content-security-policy') ?? '');
      expect(csp['default-src'], path).toEqual(["'self'"]);
      expect(csp['object-src'], path).toEqual(["'none'"]);
      expect(csp['base-uri'], path).toEqual(["'none'"]);
      // Exactly the FHIR origins in the configuration and the authorisation server given.
      expect([...(csp['connect-src'] ?? [])].sort(), path).toEqual(
        ["'self'", 'https://fhir.gp-system.example.org', 'https://fhir.ouse-valley.example.org', 'https://audit.region.example.org', AUTH].sort(),
      );
      expect(csp['frame-ancestors'], path).toEqual(["'self'", EHR]);
    }
    expect((await fetch(`${base}/no-such-file`)).status).toBe(404);
    expect((await fetch(`${base}/assets/app-abc123.js`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The app page (the redirect URI) for two minutes whatever its query; the launch page never (docs/adr/0010).
    expect((await fetch(`${base}/`)).headers.get('cache-control')).toBe('private, max-age=120');
    expect((await fetch(`${base}/`)).headers.get('no-vary-search')).toBe('params');
    expect((await fetch(`${base}/launch/`)).headers.get('cache-control')).toBe('no-store');
  });

  it('puts the policy in a meta element too, without frame-ancestors (a meta policy cannot carry it)', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta).not.toBeNull();
    const csp = directives((meta?.[1] ?? '').replace(/&#39;|&apos;/g, "'"));
    expect(csp['connect-src']).toContain(AUTH);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toBeUndefined();
    // Before anything else in the head.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<title>'));
  });

  it('writes the configured launch issuers into the launch page only, served and with --out (early discovery, docs/adr/0009)', async () => {
    const file = JSON.parse(await readFile(CONFIG, 'utf8')) as { launch: { iss: string }[] };
    const issuersIn = (html: string) => {
      const block = /<script type="application\/json" id="mcr-launch-issuers">([^<]*)<\/script>/.exec(html);
      return block ? (JSON.parse(block[1]!) as unknown) : undefined;
    };
    expect(issuersIn(await (await fetch(`${base}/launch/`)).text())).toEqual(file.launch.map((l) => l.iss));
    expect(issuersIn(await (await fetch(`${base}/`)).text())).toBeUndefined();
    const site = join(dir, 'site');
    const { code, text } = await exitOf(run(['--config', CONFIG, '--dist', join(dir, 'dist'), '--auth-origin', AUTH, '--out', site]));
    expect(code, text).toBe(0);
    const launchPage = await readFile(join(site, 'launch', 'index.html'), 'utf8');
    expect(issuersIn(launchPage)).toEqual(file.launch.map((l) => l.iss));
    expect(issuersIn(await readFile(join(site, 'index.html'), 'utf8'))).toBeUndefined();
    // The meta policy comes first, so it covers the inline script.
    expect(launchPage.indexOf('Content-Security-Policy')).toBeLessThan(launchPage.indexOf('mcr-launch-issuers'));
  }, 30_000);

  it('refuses a configuration with a mistake, naming the field, and does not start', async () => {
    const bad = join(dir, 'bad.json');
    const config = JSON.parse(await readFile(CONFIG, 'utf8')) as { endpoints: { fhirBaseUrl: string }[] };
    config.endpoints[1]!.fhirBaseUrl = 'https://fhir.ouse-valley.example.org/fhir/';
    await writeFile(bad, JSON.stringify(config));
    const { code, text } = await exitOf(run(['--config', bad, '--port', String(port + 1), '--auth-origin', AUTH]));
    expect(code).toBe(1);
    expect(text).toContain('endpoints[1].fhirBaseUrl must not end with "/"');
  }, 30_000);

  it('refuses a configuration that is not JSON, naming the line and column', async () => {
    const slip = join(dir, 'trailing-comma.json');
    // A trailing comma after the last field, as a hand edit leaves it: the closing brace is line 3's first character.
    await writeFile(slip, '{\n  "clientId": "my-care-record-viewer",\n}\n');
    const { code, text } = await exitOf(run(['--config', slip, '--print-headers', '--auth-origin', AUTH]));
    expect(code).toBe(1);
    expect(text).toContain('trailing-comma.json is not valid JSON (line 3, column 1: Expected double-quoted property name)');
  }, 30_000);

  it('refuses a configuration without an audit service, saying why it is required', async () => {
    const noAudit = join(dir, 'no-audit.json');
    const config = JSON.parse(await readFile(CONFIG, 'utf8')) as Record<string, unknown>;
    delete config.audit;
    await writeFile(noAudit, JSON.stringify(config));
    const { code, text } = await exitOf(run(['--config', noAudit, '--print-headers', '--auth-origin', AUTH]));
    expect(code).toBe(1);
    expect(text).toContain('audit is required: the FHIR server that records every access');
  }, 30_000);
});

describe('the example nginx and Caddy configurations send what the app server sends', () => {
  async function wireHeaders(path: string) {
    const res = await fetch(`${base}${path}`);
    const names = ['Content-Security-Policy', 'Referrer-Policy', 'X-Content-Type-Options', 'Cross-Origin-Opener-Policy', 'Cache-Control', 'No-Vary-Search'];
    return Object.fromEntries(names.map((n) => [n, res.headers.get(n)]));
  }

  it('nginx: the server-level headers match the launch page, the / ones the app page, the /assets/ ones an asset', async () => {
    const conf = await readFile(join(ROOT, 'deploy/nginx.conf'), 'utf8');
    const parse = (block: string) => ({
      'No-Vary-Search': null,
      ...Object.fromEntries([...block.matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;/gm)].map((m) => [m[1], m[2]])),
    });
    const blockAt = (re: RegExp) => {
      const at = conf.search(re);
      return parse(conf.slice(at, conf.indexOf('}', at)));
    };
    const tls = conf.slice(conf.search(/^\s*listen 443 ssl;/m));
    const serverLevel = parse(tls.slice(0, tls.search(/^\s*location /m)));
    const blocks = [serverLevel, blockAt(/^\s*location = \/ \{/m), blockAt(/^\s*location \/assets\//m)];
    // HSTS at the TLS terminator on every response (nginx drops the server-level copy where a location has headers of its own); the app server, on plain loopback http in the sandbox, sends none.
    for (const b of blocks) expect(b['Strict-Transport-Security']).toBe('max-age=31536000');
    const [launchPage, appPage, asset] = blocks.map(({ 'Strict-Transport-Security': _hsts, ...rest }) => rest);
    expect(launchPage).toEqual(await wireHeaders('/launch/'));
    expect(appPage).toEqual(await wireHeaders('/'));
    expect(asset).toEqual(await wireHeaders('/assets/app-abc123.js'));
    // Plain http only redirects to https.
    expect(conf).toMatch(/listen 80;\s*server_name [^;]+;\s*return 301 https:\/\/\$host\$request_uri;/);
  });

  it('Caddy: the header block matches a page, and assets differ only in caching', async () => {
    const conf = await readFile(join(ROOT, 'deploy/Caddyfile'), 'utf8');
    const block = /header \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    const { 'Strict-Transport-Security': hsts, ...headers } = { 'No-Vary-Search': null, ...Object.fromEntries([...block.matchAll(/^\s*(\S+)\s+"([^"]*)"/gm)].map((m) => [m[1], m[2]])) };
    expect(hsts).toBe('max-age=31536000');
    expect(headers).toEqual(await wireHeaders('/launch/'));
    const assetCache = /header \/assets\/\* Cache-Control "([^"]*)"/.exec(conf)?.[1];
    expect({ ...headers, 'Cache-Control': assetCache }).toEqual(await wireHeaders('/assets/app-abc123.js'));
    // The app page: its own caching, on the one path the matcher names.
    expect(/@app path (.*)/.exec(conf)?.[1]).toBe('/');
    const appPage = Object.fromEntries([...conf.matchAll(/^\s*header @app (\S+) "([^"]*)"/gm)].map((m) => [m[1], m[2]]));
    expect({ ...headers, ...appPage }).toEqual(await wireHeaders('/'));
  });
});

describe('the build ships no configuration', () => {
  it('public/ (copied into dist/ by the build) holds no config.json: the deployer supplies it', async () => {
    await expect(readFile(join(ROOT, 'public/config.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
