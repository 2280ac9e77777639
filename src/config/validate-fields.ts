/**
 * The building blocks of configuration validation, shared by validate.ts (launch and
 * endpoints) and validate-governance.ts (audit, objection register, policy), so neither
 * imports the other.
 */
import type { ServiceConfiguration } from './types';

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

export type Obj = Record<string, unknown>;

export function fail(path: string, rule: string): never {
  throw new ConfigError(`${path} ${rule}`, path);
}

export function object(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
  return v as Obj;
}

/** `launch[0]` + `iss` → `launch[0].iss`; top-level fields have no prefix. */
export function at(path: string, key: string): string {
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
  const v = plainHttpUrl(o, key, path, 'must be an absolute http(s) URL');
  if (v.endsWith('/')) fail(at(path, key), 'must not end with "/"');
  return v;
}

/** An absolute http(s) URL without credentials, query or fragment; `what` says what it must be. */
function plainHttpUrl(o: Obj, key: string, path: string, what: string): string {
  const where = at(path, key);
  const v = text(o, key, path);
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    fail(where, what);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') fail(where, what);
  if (u.username || u.password || u.search || u.hash) fail(where, 'must not carry credentials, a query or a fragment');
  return v;
}

/** The parts every FHIR server the app signs in to shares: base URL, SMART auth, time limit. */
export function serviceConfiguration(o: Obj, path: string): ServiceConfiguration {
  const auth = object(o.auth, `${path}.auth`);
  if (auth.type !== 'smart') fail(`${path}.auth.type`, 'must be "smart"');
  const timeoutMs = o.timeoutMs;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    fail(`${path}.timeoutMs`, 'must be a whole number of milliseconds above 0');
  }
  const sharedSignIn = auth.sharedSignIn === undefined ? undefined : issuerUrl(auth, 'sharedSignIn', `${path}.auth`);
  return {
    fhirBaseUrl: baseUrl(o, 'fhirBaseUrl', path),
    auth: { type: 'smart', scope: text(auth, 'scope', `${path}.auth`), ...(sharedSignIn ? { sharedSignIn } : {}) },
    timeoutMs,
  };
}

/**
 * An authorisation server's issuer (RFC 8414 §2): an http(s) URL without query or
 * fragment, compared with the server's own word character for character.
 */
function issuerUrl(o: Obj, key: string, path: string): string {
  return plainHttpUrl(o, key, path, 'must be the absolute http(s) URL of an authorisation server (its issuer)');
}
