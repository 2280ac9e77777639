/**
 * The building blocks of configuration validation, shared by validate.ts (launch and
 * endpoints) and validate-governance.ts (audit, objection register, policy), so neither
 * imports the other.
 */
import type { OrganisationKind, ServiceConfiguration } from './types';

/** The kinds of organisation an endpoint may be (`endpoints[].kind`, and `policy.<role>.conceal`). */
export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'gp-practice', 'mental-health', 'community-health', 'acute-hospital', 'social-care', 'ambulance', 'pharmacy', 'sexual-health',
];

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

/**
 * Refuses a field the viewer does not know. A misspelt field would otherwise be dropped in
 * silence, and with it what it configures: `objectionRegistry` for `objectionRegister`
 * would turn the register off, a misspelt `policy` would leave the defaults in force.
 */
export function onlyKnown(o: Obj, path: string, known: readonly string[]): void {
  const unknown = Object.keys(o).find((k) => !known.includes(k));
  if (unknown !== undefined) fail(at(path, unknown), `is not a configuration field${path ? ` of ${path}` : ''} (the fields are ${known.join(', ')})`);
}

export function text(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') fail(at(path, key), 'must be a non-empty string');
  return v;
}

/**
 * An absolute https URL without a trailing slash, query, fragment or credentials: it is
 * used as a FHIR base (SMART App Launch 2.2 "Launch App: EHR Launch", `iss`) and as an
 * origin the app sends bearer tokens to, so anything looser is a deployment mistake.
 * Plain http only for a server on the same machine (loopback), as the sandbox is.
 */
export function baseUrl(o: Obj, key: string, path: string): string {
  const v = plainHttpUrl(o, key, path, 'must be an absolute https URL');
  if (v.endsWith('/')) fail(at(path, key), 'must not end with "/"');
  return v;
}

/**
 * A loopback host (RFC 6761 `localhost` names, 127.0.0.0/8, ::1): the browser treats such
 * an origin as potentially trustworthy (W3C Secure Contexts §3.2) and nothing leaves the
 * machine, so plain http is allowed there and nowhere else.
 */
function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '[::1]';
}

/**
 * An absolute https URL without credentials, query or fragment (http for a loopback host);
 * `what` says what it must be. Bearer tokens and patient data travel to it, and a token
 * sent over plain http can be read on the way (RFC 6750 §5.3: TLS is required).
 */
function plainHttpUrl(o: Obj, key: string, path: string, what: string): string {
  const where = at(path, key);
  const v = text(o, key, path);
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    fail(where, what);
  }
  if (u.protocol === 'http:' && !isLoopback(u.hostname)) {
    fail(where, `must use https: tokens and records would cross the network unencrypted (plain http only for this machine: localhost, 127.0.0.1, [::1])`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') fail(where, what);
  if (u.username || u.password || u.search || u.hash) fail(where, 'must not carry credentials, a query or a fragment');
  return v;
}

/** The fields of a service (audit, objection register, record locator). */
export const SERVICE_FIELDS: readonly string[] = ['fhirBaseUrl', 'auth', 'timeoutMs'];

/** The parts every FHIR server the app signs in to shares: base URL, SMART auth, time limit. `known`: every field the object may hold. */
export function serviceConfiguration(o: Obj, path: string, known: readonly string[] = SERVICE_FIELDS): ServiceConfiguration {
  onlyKnown(o, path, known);
  const auth = object(o.auth, `${path}.auth`);
  onlyKnown(auth, `${path}.auth`, ['type', 'scope', 'sharedSignIn']);
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
  return plainHttpUrl(o, key, path, 'must be the absolute https URL of an authorisation server (its issuer)');
}
