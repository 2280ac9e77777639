/**
 * `npm run serve -- --config ./my-config.json --port 8080`: the built app (dist/) served
 * with the deployer's configuration and the security headers (docs/deploying.md).
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, resolve, sep } from 'node:path';
import type { AppConfiguration } from '../src/config/types';
import { createAppHandler } from './app-handler';
import { withCspMeta } from './csp-meta';
import { LAUNCH_PAGE, withEarlyDiscovery } from './early-discovery';
import { USAGE, UsageError, headersFor, parseServeArgs, readDeployerConfig } from './serve-options';

/**
 * A copy of dist/ for a static host: config.json beside it, the CSP in every page, the
 * launch issuers and the early discovery in the launch page (server/early-discovery.ts).
 */
async function writeStatic(distDir: string, outDir: string, config: AppConfiguration, csp: string): Promise<void> {
  await cp(distDir, outDir, { recursive: true });
  await writeFile(join(outDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const entries = await readdir(outDir, { recursive: true });
  for (const f of entries.filter((e) => e.endsWith('.html'))) {
    const path = join(outDir, f);
    const html = await readFile(path, 'utf8');
    await writeFile(path, withCspMeta(f.split(sep).join('/') === LAUNCH_PAGE ? withEarlyDiscovery(html, config) : html, csp));
  }
}

async function main(): Promise<void> {
  const opts = parseServeArgs(process.argv.slice(2));
  const config = await readDeployerConfig(opts.configPath);
  const headers = await headersFor(config, opts);
  if (opts.printHeaders) {
    for (const [name, value] of Object.entries(headers)) console.log(`${name}: ${value}`);
    return;
  }
  if (opts.outDir) {
    await writeStatic(resolve(opts.distDir), resolve(opts.outDir), config, headers['Content-Security-Policy'] ?? '');
    console.log(`Wrote the app for a static host to ${resolve(opts.outDir)}.`);
    return;
  }
  const handler = await createAppHandler({ distDir: opts.distDir, config, headers });
  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      console.error(`${req.method} ${req.url}:`, err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end('Internal error');
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => ok());
  });
  const shown = opts.host === '0.0.0.0' ? 'localhost' : opts.host;
  console.log(`My Care Record is served at http://${shown}:${opts.port}/ with ${opts.configPath}. Launch URL: http://${shown}:${opts.port}/launch/`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) console.error(`${e.message}\n\n${USAGE}`);
  else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
