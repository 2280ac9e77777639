import type {
  AppConfiguration,
  EndpointConfiguration,
  LaunchConfiguration,
  OrganisationKind,
  ServiceConfiguration,
} from './types';
import { governanceFields } from './validate-governance';

/**
 * The runtime configuration is wrong. The message names the bad field by its path
 * (`endpoints[2].fhirBaseUrl must be …`) so that whoever deploys the app can fix the file
 * without reading code.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** Path of the bad field, e.g. `launch[0].iss`; empty for the whole document. */
    readonly path: string = '',
  ) {
    super(message);
  }
}

const KINDS: readonly OrganisationKind[] = [
  'gp-practice', 'mental-health', 'community-health', 'acute-hospital', 'social-care', 'ambulance', 'pharmacy',
];

export type Obj = Record<string, unknown>;

export function fail(path: string, rule: string): never {
  throw new ConfigError(`${path} ${rule}`, path);
}

export function object(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
  return v as Obj;
}

/** `launch[0]` + `iss` → `launch[0].iss`; top-level fields have no prefix. */
function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function text(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') fail(at(path, key), 'must be a non-empty string');
  return v;
}

/**
 * An absolute http(s) URL without a trailing slash, query, fragment or credentials: it is
 * used as a FHIR base (SMART App Launch 2.2 "Launch App: EHR Launch", `iss`) and as an
 * origin the app sends bearer tokens to, so anything looser is a deployment mistake.
 */
export function baseUrl(o: Obj, key: string, path: string): string {
  const where = at(path, key);
  const v = text(o, key, path);
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    fail(where, 'must be an absolute http(s) URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') fail(where, 'must be an absolute http(s) URL');
  if (u.username || u.password || u.search || u.hash) fail(where, 'must not carry credentials, a query or a fragment');
  if (v.endsWith('/')) fail(where, 'must not end with "/"');
  return v;
}

function list(o: Obj, key: string, min: number): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(key, 'must be an array');
  if (v.length < min) fail(key, `must list at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
  return v;
}

function unique<T>(items: T[], field: (t: T) => string, path: (i: number) => string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = field(item);
    const first = seen.get(k);
    if (first !== undefined) fail(path(i), `duplicates ${path(first)} ("${k}")`);
    seen.set(k, i);
  });
}

function launchConfiguration(v: unknown, i: number): LaunchConfiguration {
  const path = `launch[${i}]`;
  const o = object(v, path);
  return { id: text(o, 'id', path), iss: baseUrl(o, 'iss', path), name: text(o, 'name', path), scope: text(o, 'scope', path) };
}

/** The parts every FHIR server the app signs in to shares: base URL, SMART auth, time limit. */
export function serviceConfiguration(o: Obj, path: string): ServiceConfiguration {
  const auth = object(o.auth, `${path}.auth`);
  if (auth.type !== 'smart') fail(`${path}.auth.type`, 'must be "smart"');
  const timeoutMs = o.timeoutMs;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    fail(`${path}.timeoutMs`, 'must be a whole number of milliseconds above 0');
  }
  return { fhirBaseUrl: baseUrl(o, 'fhirBaseUrl', path), auth: { type: 'smart', scope: text(auth, 'scope', `${path}.auth`) }, timeoutMs };
}

function endpointConfiguration(v: unknown, i: number): EndpointConfiguration {
  const path = `endpoints[${i}]`;
  const o = object(v, path);
  const kind = text(o, 'kind', path);
  if (!(KINDS as readonly string[]).includes(kind)) fail(`${path}.kind`, `must be one of ${KINDS.join(', ')}`);
  const service = serviceConfiguration(o, path);
  return {
    id: text(o, 'id', path),
    organisationName: text(o, 'organisationName', path),
    odsCode: text(o, 'odsCode', path),
    region: text(o, 'region', path),
    kind: kind as OrganisationKind,
    fhirBaseUrl: service.fhirBaseUrl,
    auth: service.auth,
    timeoutMs: service.timeoutMs,
  };
}

/**
 * Checks `/config.json` and returns a clean copy holding only the known fields. Throws a
 * ConfigError naming the first bad field. The file decides where bearer tokens are sent,
 * so it is checked as strictly as input from any other party.
 */
export function validateConfig(input: unknown): AppConfiguration {
  const o = object(input, 'configuration');
  const clientId = text(o, 'clientId', '').trim();
  const launch = list(o, 'launch', 1).map(launchConfiguration);
  const endpoints = list(o, 'endpoints', 0).map(endpointConfiguration);
  unique(launch, (l) => l.id, (i) => `launch[${i}].id`);
  unique(launch, (l) => l.iss, (i) => `launch[${i}].iss`);
  unique(endpoints, (e) => e.id, (i) => `endpoints[${i}].id`);
  return { clientId, launch, endpoints, ...governanceFields(o) };
}
