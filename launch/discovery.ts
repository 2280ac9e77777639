import { LaunchError } from '../src/smart/launch-error';

/** The parts of `.well-known/smart-configuration` the launch relies on. */
export interface SmartConfiguration {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** SMART capabilities; `permission-v2` decides the scope syntax (src/smart/scope-syntax.ts). */
  capabilities: string[];
}

const TIMEOUT_MS = 15_000;

function absoluteHttpUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Reads `{iss}/.well-known/smart-configuration` (SMART App Launch 2.2 "Conformance" /
 * discovery) before fhirclient does, so that the page can say which went wrong: the server
 * could not be reached (`unreachable`), or it does not offer what the app requires
 * (`unsupported-server`): an authorization and a token endpoint, and PKCE with S256 (which
 * the spec makes mandatory). fhirclient would instead fall back to the CapabilityStatement
 * and, finding no OAuth URIs there, treat the server as open and skip authorisation.
 */
export async function discoverSmartConfiguration(iss: string, fetchImpl: typeof fetch): Promise<SmartConfiguration> {
  const url = `${iss.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  let body: unknown;
  try {
    const response = await fetchImpl(url, { cache: 'no-store', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (e) {
    const status = e instanceof Error && e.message.startsWith('HTTP ') ? e.message : undefined;
    throw new LaunchError('unreachable', status, { cause: e });
  }
  const doc = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const methods = doc.code_challenge_methods_supported;
  if (!absoluteHttpUrl(doc.authorization_endpoint) || !absoluteHttpUrl(doc.token_endpoint)) {
    throw new LaunchError('unsupported-server', 'no authorization or token endpoint');
  }
  if (!Array.isArray(methods) || !methods.includes('S256')) {
    throw new LaunchError('unsupported-server', 'PKCE S256 not offered');
  }
  const capabilities = Array.isArray(doc.capabilities) ? doc.capabilities.filter((c): c is string => typeof c === 'string') : [];
  return { authorizationEndpoint: doc.authorization_endpoint, tokenEndpoint: doc.token_endpoint, capabilities };
}
