/**
 * The command line of `npm run serve` and what it needs before serving: the deployer's
 * configuration (validated as the app validates it), the authorisation servers' origins
 * (given, or discovered from each FHIR server's SMART configuration) and the security
 * headers that follow from them.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { AppConfiguration } from '../src/config/types';
import { validateConfig } from '../src/config/validate';
import { jsonSyntaxProblem } from '../src/config/json-problem';
import { securityHeaders } from './security-headers';

export interface ServeOptions {
  configPath: string;
  port: number;
  host: string;
  distDir: string;
  authOrigins: string[];
  frameAncestors: string[];
  printHeaders: boolean;
  outDir?: string;
}

export const USAGE = `Usage: npm run serve -- --config <file> [--port 8080] [--host 0.0.0.0] [--dist dist]
       [--auth-origin <origin>]... [--frame-ancestor <origin>]... [--print-headers] [--out <dir>]

  --config          the runtime configuration served as /config.json (required)
  --auth-origin     an authorisation server origin for the CSP; when none is given, each
                    FHIR server's /.well-known/smart-configuration is read at start
  --frame-ancestor  a host system (EHR) origin allowed to show the app in an iframe
  --print-headers   print the security headers and stop (for nginx, Caddy and the like)
  --out <dir>       write the app with config.json and the CSP meta element into <dir>
                    for a static host, and stop`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function origin(value: string, flag: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`${flag} ${value} is not an origin such as https://ehr.example.org`);
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== value.replace(/\/$/, '')) {
    throw new UsageError(`${flag} ${value} is not an origin such as https://ehr.example.org (no path)`);
  }
  return u.origin;
}

export function parseServeArgs(argv: string[]): ServeOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        port: { type: 'string', default: '8080' },
        host: { type: 'string', default: '0.0.0.0' },
        dist: { type: 'string', default: 'dist' },
        'auth-origin': { type: 'string', multiple: true, default: [] },
        'frame-ancestor': { type: 'string', multiple: true, default: [] },
        'print-headers': { type: 'boolean', default: false },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!values.config) throw new UsageError('--config <file> is required: the runtime configuration to serve as /config.json');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${values.port} is not a port number`);
  return {
    configPath: values.config,
    port,
    host: values.host,
    distDir: values.dist,
    authOrigins: values['auth-origin'].map((o) => origin(o, '--auth-origin')),
    frameAncestors: values['frame-ancestor'].map((o) => origin(o, '--frame-ancestor')),
    printHeaders: values['print-headers'],
    ...(values.out ? { outDir: values.out } : {}),
  };
}

export async function readDeployerConfig(path: string): Promise<AppConfiguration> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`${path} could not be read`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON (${jsonSyntaxProblem(text, e)})`);
  }
  let config: AppConfiguration;
  try {
    config = validateConfig(json);
  } catch (e) {
    throw new UsageError(`${path}: ${(e as Error).message}`);
  }
  // The app would start and show nothing (fail closed): say so before serving.
  if (!config.audit) {
    throw new UsageError(
      `${path}: audit is required: the FHIR server that records every access (AuditEvent create and batch; docs/deploying.md, "What every server must support"). Without it the viewer shows no record.`,
    );
  }
  return config;
}

/** Every FHIR base the app talks to: launching servers, endpoints, audit, objection register. */
export function fhirBases(config: AppConfiguration): string[] {
  return [...new Set([
    ...config.launch.map((l) => l.iss),
    ...config.endpoints.map((e) => e.fhirBaseUrl),
    ...[config.audit, config.objectionRegister, config.recordLocator].flatMap((s) => (s ? [s.fhirBaseUrl] : [])),
  ])];
}

/** The authorisation and token endpoints' origins, from each server's SMART configuration. */
export async function discoverAuthOrigins(config: AppConfiguration, fetchImpl: typeof fetch = fetch): Promise<string[]> {
  const origins = new Set<string>();
  for (const base of fhirBases(config)) {
    const url = `${base}/.well-known/smart-configuration`;
    let smart: { authorization_endpoint?: unknown; token_endpoint?: unknown };
    try {
      const res = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      smart = (await res.json()) as typeof smart;
    } catch (e) {
      throw new UsageError(
        `${url} could not be read (${(e as Error).message}). Start when the FHIR servers are up, or name the authorisation servers with --auth-origin.`,
      );
    }
    for (const endpoint of [smart.authorization_endpoint, smart.token_endpoint]) {
      if (typeof endpoint === 'string' && URL.canParse(endpoint)) origins.add(new URL(endpoint).origin);
    }
  }
  return [...origins];
}

export async function headersFor(config: AppConfiguration, opts: ServeOptions, fetchImpl?: typeof fetch): Promise<Record<string, string>> {
  const authOrigins = opts.authOrigins.length > 0 ? opts.authOrigins : await discoverAuthOrigins(config, fetchImpl);
  return securityHeaders({ config, authOrigins, frameAncestors: opts.frameAncestors });
}
