import type { KoaContextWithOIDC } from 'oidc-provider';
import type { LaunchContext } from '../launch-store';

/**
 * Which launch an authorization code or refresh token belongs to. The launch id lives
 * only for the authorization request; the context must then follow the code to the token
 * endpoint and every refresh after it, so that each access token for a launch names the
 * same patient (the FHIR servers enforce the patient compartment from that claim).
 * Keyed by the artifact's value: a code or a rotated refresh token is used once, so a
 * context can never cross from one launch to another launch by the same user.
 */
export class LaunchBindings {
  readonly #byArtifact = new Map<string, { launch: LaunchContext; expiresAt: number }>();

  bind(artifact: string, launch: LaunchContext, ttlSeconds: number): void {
    this.#forgetExpired();
    this.#byArtifact.set(artifact, { launch, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  get(artifact: string | undefined): LaunchContext | undefined {
    if (artifact === undefined) return undefined;
    const entry = this.#byArtifact.get(artifact);
    return entry && Date.now() < entry.expiresAt ? entry.launch : undefined;
  }

  release(artifact: string): void {
    this.#byArtifact.delete(artifact);
  }

  #forgetExpired(): void {
    const now = Date.now();
    for (const [artifact, entry] of this.#byArtifact) {
      if (now >= entry.expiresAt) this.#byArtifact.delete(artifact);
    }
  }
}

/**
 * The code or refresh token the client presented at the token endpoint. oidc-provider
 * keeps a rotated refresh token as `RotatedRefreshToken` and the new one as `RefreshToken`;
 * a code grant has an `AuthorizationCode` and may also mint a new `RefreshToken`.
 */
export function presentedArtifact(ctx: KoaContextWithOIDC): string | undefined {
  const { AuthorizationCode, RotatedRefreshToken, RefreshToken } = ctx.oidc.entities;
  return (AuthorizationCode ?? RotatedRefreshToken ?? RefreshToken)?.jti;
}
