/**
 * SMART App Launch 2.2 discovery: `{fhirBaseUrl}/.well-known/smart-configuration` names
 * the endpoint's authorisation server. The FHIR server's word is used, not OpenID
 * Connect discovery at the issuer: one issuer may serve many FHIR servers, and the app
 * must sign in where the FHIR server says.
 */
export interface SmartConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri?: string;
  code_challenge_methods_supported: string[];
  /** SMART capabilities (`permission-v2`, `sso-openid-connect`…); empty when not listed. */
  capabilities: string[];
}

/** A discovery document is small and static: a server that takes longer is treated as down. */
const TIMEOUT_MS = 15_000;

export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}

const isHttpUrl = (v: unknown): v is string => {
  if (typeof v !== 'string') return false;
  try {
    return ['https:', 'http:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

export async function discoverSmartConfiguration(
  fhirBaseUrl: string,
  fetchFn: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<SmartConfiguration> {
  const url = `${fhirBaseUrl.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  let body: Partial<SmartConfiguration>;
  try {
    const response = await fetchFn(url, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new DiscoveryError(`The sign-in details answered HTTP ${response.status}`);
    body = (await response.json()) as Partial<SmartConfiguration>;
  } catch (e) {
    throw e instanceof DiscoveryError ? e : new DiscoveryError('The sign-in details could not be read', { cause: e });
  }
  if (!isHttpUrl(body.authorization_endpoint) || !isHttpUrl(body.token_endpoint)) {
    throw new DiscoveryError('The sign-in details name no authorisation or token endpoint');
  }
  // SMART 2.2: PKCE S256 is mandatory; a server that does not offer it is not used.
  if (!Array.isArray(body.code_challenge_methods_supported) || !body.code_challenge_methods_supported.includes('S256')) {
    throw new DiscoveryError('The sign-in service does not offer PKCE S256');
  }
  return {
    issuer: isHttpUrl(body.issuer) ? body.issuer : new URL(body.authorization_endpoint).origin,
    authorization_endpoint: body.authorization_endpoint,
    token_endpoint: body.token_endpoint,
    ...(isHttpUrl(body.jwks_uri) ? { jwks_uri: body.jwks_uri } : {}),
    code_challenge_methods_supported: body.code_challenge_methods_supported,
    capabilities: Array.isArray(body.capabilities) ? body.capabilities.filter((c): c is string => typeof c === 'string') : [],
  };
}
