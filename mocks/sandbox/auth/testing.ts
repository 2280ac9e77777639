/**
 * Test support for the authorisation server's tests: a server on a free port base, and the
 * requests a SMART app makes (authorize with PKCE, token exchange).
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { LaunchStore } from '../launch-store';
import type { LaunchContext } from '../launch-store';
import { sandboxTopology } from '../topology';
import type { SandboxAuthMode, SandboxTopology } from '../topology';
import { startAuthServer } from './server';
import type { AuthServer } from './server';
import { AUTH_ROUTES } from './routes';

export interface TestSandbox {
  topology: SandboxTopology;
  launches: LaunchStore;
  server: AuthServer;
}

/** Starts a server on a random port base, moving on when that port is taken. */
export async function startTestSandbox(
  opts: { accessTokenTtlSeconds?: number; launches?: LaunchStore; authMode?: SandboxAuthMode } = {},
): Promise<TestSandbox> {
  const launches = opts.launches ?? new LaunchStore();
  for (let attempt = 0; ; attempt += 1) {
    const topology: SandboxTopology = { ...sandboxTopology(20000 + Math.round(Math.random() * 20000)), ...(opts.authMode ? { authMode: opts.authMode } : {}) };
    try {
      const server = await startAuthServer({ topology, launches, accessTokenTtlSeconds: opts.accessTokenTtlSeconds });
      return { topology, launches, server };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw error;
    }
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const EHR_SCOPE = 'launch openid fhirUser online_access patient/MedicationRequest.rs patient/Patient.rs';
export const STANDALONE_SCOPE = 'openid fhirUser online_access user/MedicationRequest.rs user/AuditEvent.c';

/** The authorize URL a SMART app builds (SMART App Launch 2.2 "Obtain authorization code"). */
export function authorizeUrl(t: SandboxTopology, params: Record<string, string | undefined>): URL {
  const url = new URL(`${t.authIssuer}${AUTH_ROUTES.authorization}`);
  const all: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: t.clientId,
    redirect_uri: t.redirectUri,
    state: randomBytes(16).toString('base64url'),
    code_challenge_method: 'S256',
    ...params,
  };
  for (const [key, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

export function launchFor(t: SandboxTopology, hostId: string, patient: string): LaunchContext {
  const host = t.hosts.find((h) => h.id === hostId);
  const endpoint = t.endpoints.find((e) => e.id === host?.endpointId);
  if (!host || !endpoint) throw new Error(`no host ${hostId}`);
  return { patient, needPatientBanner: false, userId: host.user.practitionerId, iss: endpoint.baseUrl };
}

export async function exchangeCode(
  t: SandboxTopology,
  code: string,
  verifier: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.authIssuer}${AUTH_ROUTES.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.appOrigin },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: t.redirectUri,
      client_id: t.clientId,
      code_verifier: verifier,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function refresh(t: SandboxTopology, refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.authIssuer}${AUTH_ROUTES.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.appOrigin },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: t.clientId }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function claimsOf(jwt: unknown): Record<string, unknown> {
  if (typeof jwt !== 'string') throw new Error(`not a JWT: ${String(jwt)}`);
  return decodeJwt(jwt);
}
