/**
 * Test support for integration tests of the app's FHIR code against the real sandbox
 * servers in node: the authorisation server and a few FHIR endpoints on a random port
 * base, and the authorisation code flow a browser would run to get real, audience-bound
 * tokens (the cookie jar of auth/test-browser.ts carries the single sign-on session).
 */
import { generateWorld, type SyntheticWorld } from '../../data/world';
import { authCallbackUrl } from '../../../src/smart/callback-path';
import { ENDPOINT_SCOPE } from '../app-config';
import { createFhirEngine } from '../fhir/engine';
import { startFhirEndpoint } from '../fhir/server';
import { AUTH_ROUTES } from '../auth/routes';
import { TestBrowser } from '../auth/test-browser';
import { EHR_SCOPE, authorizeUrl, launchFor, pkcePair, startTestSandbox, type TestSandbox } from '../auth/testing';
import { endpointById, type SandboxEndpoint } from '../topology';

export interface IntegrationSandbox extends TestSandbox {
  world: SyntheticWorld;
  endpoint(id: string): SandboxEndpoint;
  close(): Promise<void>;
}

export async function startIntegrationSandbox(endpointIds: string[]): Promise<IntegrationSandbox> {
  const sandbox = await startTestSandbox();
  const world = generateWorld();
  const servers: Array<{ close(): Promise<void> }> = [];
  const close = async () => {
    await Promise.allSettled([...servers.map((s) => s.close()), sandbox.server.close()]);
  };
  try {
    for (const id of endpointIds) {
      const endpoint = endpointById(sandbox.topology, id);
      const engine = await createFhirEngine(world.byEndpoint[id] ?? []);
      servers.push(await startFhirEndpoint({ endpoint, topology: sandbox.topology, engine, verify: sandbox.server.verifier }));
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { ...sandbox, world, endpoint: (id) => endpointById(sandbox.topology, id), close };
}

async function exchange(s: TestSandbox, code: string, verifier: string, redirectUri: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${s.topology.authIssuer}${AUTH_ROUTES.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.topology.appOrigin },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: s.topology.clientId, code_verifier: verifier }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200) throw new Error(`token exchange answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** One browser signed in through the GP host's EHR launch; then tokens for any endpoint. */
export class SignedInBrowser {
  readonly #browser: TestBrowser;

  constructor(private readonly s: TestSandbox) {
    this.#browser = new TestBrowser(new URL(s.topology.authIssuer).origin);
  }

  /** The EHR launch: a token for the launching endpoint, as fhirclient gets it. */
  async launch(patientId: string): Promise<Record<string, unknown>> {
    const t = this.s.topology;
    const ctx = launchFor(t, 'gp', patientId);
    const { verifier, challenge } = pkcePair();
    const stop = await this.#browser.get(authorizeUrl(t, { launch: this.s.launches.create(ctx), aud: ctx.iss, scope: EHR_SCOPE, code_challenge: challenge }));
    return exchange(this.s, codeFrom(stop), verifier, t.redirectUri);
  }

  /** What oidc-client-ts's signinSilent asks for at another endpoint: prompt=none, aud, the callback page. */
  async silentSignIn(fhirBaseUrl: string): Promise<Record<string, unknown>> {
    const t = this.s.topology;
    const redirectUri = authCallbackUrl(t.appOrigin);
    const { verifier, challenge } = pkcePair();
    const stop = await this.#browser.get(
      authorizeUrl(t, { aud: fhirBaseUrl, scope: ENDPOINT_SCOPE, prompt: 'none', redirect_uri: redirectUri, code_challenge: challenge }),
    );
    return exchange(this.s, codeFrom(stop), verifier, redirectUri);
  }
}

function codeFrom(stop: Awaited<ReturnType<TestBrowser['get']>>): string {
  const code = stop.kind === 'redirect' ? stop.url.searchParams.get('code') : null;
  if (!code) throw new Error(`expected a redirect with a code, got ${stop.kind === 'redirect' ? stop.url.href : stop.html}`);
  return code;
}
