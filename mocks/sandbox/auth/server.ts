import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Provider } from './oidc-provider';
import type { JWK } from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK as PublicJwk } from 'jose';
import type { Context, Next } from 'koa';
import type { LaunchStore } from '../launch-store';
import type { SandboxTopology } from '../topology';
import { sandboxAccounts } from './accounts';
import { AUTHORIZATION_CODE_SECONDS, SESSION_SECONDS, authConfiguration } from './config';
import { interactionRoutes } from './interactions';
import { LaunchBindings } from './launch-bindings';
import { bindLaunchToCode, launchContextInTokenResponse } from './launch-middleware';
import { createAccessTokenVerifier } from './verify';
import type { AccessTokenVerifier } from './verify';

export interface AuthServer {
  issuer: string;
  verifier: AccessTokenVerifier;
  close(): Promise<void>;
}

/** A fresh RS256 key per start: tokens from an earlier run must not verify. */
async function signingKeys(): Promise<{ privateJwk: JWK; publicJwk: PublicJwk }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const common = { kid, alg: 'RS256', use: 'sig' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...common },
    publicJwk: { ...(await exportJWK(publicKey)), ...common },
  };
}

/**
 * Cross-origin reads of this server are for the app alone. oidc-provider already limits
 * the token and userinfo endpoints through clientBasedCORS, but answers preflights and
 * its open endpoints (jwks, discovery) for any origin; this takes the allowance back.
 */
function onlyAppOriginMayReadCrossOrigin(appOrigin: string) {
  return async (ctx: Context, next: Next): Promise<void> => {
    await next();
    const origin = ctx.get('Origin');
    if (origin && origin !== appOrigin) ctx.remove('Access-Control-Allow-Origin');
  };
}

function listen(provider: InstanceType<typeof Provider>, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = provider.listen(port, '127.0.0.1');
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * Starts the sandbox's one SMART authorisation server (oidc-provider) on the port of
 * `topology.authIssuer`. One issuer serves every FHIR endpoint, so a browser signed in for
 * one endpoint authorises the next without a prompt (region-wide single sign-on).
 */
export async function startAuthServer(opts: {
  topology: SandboxTopology;
  launches: LaunchStore;
  accessTokenTtlSeconds?: number;
}): Promise<AuthServer> {
  const { topology, launches, accessTokenTtlSeconds = 3600 } = opts;
  const { privateJwk, publicJwk } = await signingKeys();
  const accounts = sandboxAccounts(topology);
  const bindings = new LaunchBindings();
  const lifetimes = { authorizationCodeSeconds: AUTHORIZATION_CODE_SECONDS, refreshTokenSeconds: SESSION_SECONDS };

  const provider = new Provider(
    topology.authIssuer,
    authConfiguration({
      topology,
      launches,
      bindings,
      accounts,
      signingKey: privateJwk,
      cookieKeys: [randomBytes(32).toString('base64url')],
      accessTokenTtlSeconds,
    }),
  );
  provider.use(onlyAppOriginMayReadCrossOrigin(topology.appOrigin));
  provider.use(interactionRoutes(provider, launches, accounts));
  provider.use(bindLaunchToCode(launches, bindings, lifetimes));
  provider.use(launchContextInTokenResponse(bindings, lifetimes));

  const server = await listen(provider, Number(new URL(topology.authIssuer).port));
  return {
    issuer: topology.authIssuer,
    verifier: createAccessTokenVerifier(topology.authIssuer, { keys: [publicJwk] }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
