import { errors } from './oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { Next } from 'koa';
import type { LaunchContext, LaunchStore } from '../launch-store';
import type { SandboxTopology } from '../topology';
import { knownFhirBase } from './audience';
import type { LaunchBindings } from './launch-bindings';
import { presentedArtifact } from './launch-bindings';
import { signInLaunchUser } from './interactions';

/** Lifetimes the bindings follow (they match the provider's ttl settings, see config.ts). */
export interface BindingLifetimes {
  authorizationCodeSeconds: number;
  refreshTokenSeconds: number;
}

/**
 * Validators for SMART's extra authorization parameters. They run after the resource
 * (from `aud`) has been resolved, so they can check the three agree: an unknown or expired
 * `launch` is refused, and so is a launch used against another server than its `iss`
 * (its patient id means nothing there). Errors go back to the redirect_uri. A launch that
 * passes signs its user in when no one is signed in yet (signInLaunchUser, interactions.ts).
 */
export function smartExtraParams(topology: SandboxTopology, launches: LaunchStore): NonNullable<Configuration['extraParams']> {
  return {
    aud(ctx, value) {
      // Several `resource` values (RFC 8707 §2.1: one sign-in for several FHIR servers of
      // this authorisation server, ADR 0006): `aud` must be one of them.
      const resources = [ctx.oidc.params?.resource].flat();
      if (value !== undefined && !resources.includes(knownFhirBase(topology, value))) {
        throw new errors.InvalidRequest('aud and resource name different FHIR servers');
      }
    },
    launch(ctx, value) {
      if (value === undefined) return;
      const launch = launches.get(value);
      if (!launch) throw new errors.InvalidRequest('launch is unknown or has expired');
      if (launch.iss !== ctx.oidc.params?.resource) {
        throw new errors.InvalidRequest('launch belongs to another FHIR server than aud');
      }
      signInLaunchUser(ctx, launch);
    },
  };
}

/**
 * After an authorization (first request or resume) issues a code for a launch, remember
 * which launch the code carries. The login policy (interactions.ts) has just checked in
 * this same request that the launch is live and belongs to the signed-in user.
 */
export function bindLaunchToCode(launches: LaunchStore, bindings: LaunchBindings, lifetimes: BindingLifetimes) {
  return async (ctx: KoaContextWithOIDC, next: Next): Promise<void> => {
    await next();
    const route = ctx.oidc?.route;
    if (route !== 'authorization' && route !== 'resume') return;
    const code = ctx.oidc.entities.AuthorizationCode?.jti;
    const launchId = ctx.oidc.params?.launch;
    const launch = typeof launchId === 'string' ? launches.get(launchId) : undefined;
    if (code && launch) bindings.bind(code, launch, lifetimes.authorizationCodeSeconds);
  };
}

/** The token response's launch context parameters (SMART App Launch 2.2 "Launch context"). */
function launchContextParameters(launch: LaunchContext): Record<string, unknown> {
  return {
    patient: launch.patient,
    ...(launch.encounter === undefined ? {} : { encounter: launch.encounter }),
    need_patient_banner: launch.needPatientBanner,
    ...(launch.smartStyleUrl === undefined ? {} : { smart_style_url: launch.smartStyleUrl }),
  };
}

/**
 * At the token endpoint: add the launch context to a code exchange's response, and pass
 * the binding on to the new refresh token so refreshed access tokens keep their patient.
 * A refresh response carries no context: fhirclient merges it into the first response.
 */
export function launchContextInTokenResponse(bindings: LaunchBindings, lifetimes: BindingLifetimes) {
  return async (ctx: KoaContextWithOIDC, next: Next): Promise<void> => {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
    const presented = presentedArtifact(ctx);
    const launch = bindings.get(presented);
    if (!presented || !launch) return;
    const body = ctx.body as Record<string, unknown>;
    if (ctx.oidc.params?.grant_type === 'authorization_code') Object.assign(body, launchContextParameters(launch));
    bindings.release(presented);
    if (typeof body.refresh_token === 'string') {
      bindings.bind(body.refresh_token, launch, lifetimes.refreshTokenSeconds);
    }
  };
}
