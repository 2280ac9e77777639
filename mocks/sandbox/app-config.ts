import type { AppConfiguration } from '../../src/config/types';
import type { SandboxTopology } from './topology';

/**
 * Scopes the app asks the launching host for (SMART App Launch 2.2, v2 scope syntax). The
 * launching server is also an endpoint whose records are read with this token, so it asks
 * to read and search every type (`user/*.rs`) as at any other endpoint; a server that
 * grants only what is asked (SANDBOX_AUTH=strict) would otherwise refuse those searches.
 */
export const LAUNCH_SCOPE =
  'launch openid fhirUser online_access patient/Patient.rs user/*.rs';

/** Scopes the app asks each regional endpoint for: read and search only. */
export const ENDPOINT_SCOPE = 'openid fhirUser online_access user/*.rs';

/** The audit repository: create AuditEvents, nothing else (the app never reads the trail). */
export const AUDIT_SCOPE = 'openid fhirUser online_access user/AuditEvent.c';

/** The objection register: read and search Consents. */
export const REGISTER_SCOPE = 'openid fhirUser online_access user/Consent.rs';

/** The record locator: search its DocumentReference pointers. */
export const LOCATOR_SCOPE = 'openid fhirUser online_access user/DocumentReference.rs';

/**
 * The runtime configuration (`/config.json`) that describes the sandbox to the app.
 * mocks/sandbox/sandbox-config.json is this function's output at the default port base (a test holds
 * the two together), so the committed file is also the worked example for deployers.
 */
export function sandboxAppConfig(t: SandboxTopology, opts: { locator?: boolean; sharedSignIn?: boolean } = {}): AppConfiguration {
  // One authorisation server protects every FHIR server of the sandbox, and it takes resource
  // indicators (RFC 8707): one sign-in for all of them (docs/adr/0006). `sharedSignIn: false`
  // keeps a sign-in per server, the path for regions whose servers each have their own.
  const auth = (scope: string) => ({ type: 'smart' as const, scope, ...(opts.sharedSignIn === false ? {} : { sharedSignIn: t.authIssuer }) });
  return {
    clientId: t.clientId,
    launch: t.hosts.map((h) => {
      const endpoint = t.endpoints.find((e) => e.id === h.endpointId);
      if (!endpoint) throw new Error(`Host ${h.id} names unknown endpoint ${h.endpointId}`);
      return { id: h.id, iss: endpoint.baseUrl, name: `${h.systemName} (${endpoint.organisationName})`, scope: LAUNCH_SCOPE };
    }),
    endpoints: t.endpoints.map((e) => ({
      id: e.id,
      organisationName: e.organisationName,
      odsCode: e.odsCode,
      region: e.region,
      kind: e.kind,
      fhirBaseUrl: e.baseUrl,
      auth: auth(ENDPOINT_SCOPE),
      timeoutMs: 15_000,
    })),
    audit: { fhirBaseUrl: t.audit.baseUrl, auth: auth(AUDIT_SCOPE), timeoutMs: 10_000 },
    objectionRegister: { fhirBaseUrl: t.objectionRegister.baseUrl, auth: auth(REGISTER_SCOPE), timeoutMs: 10_000 },
    ...(opts.locator ? { recordLocator: { fhirBaseUrl: t.recordLocator.baseUrl, auth: auth(LOCATOR_SCOPE), timeoutMs: 10_000 } } : {}),
    // The defaults, written out as the worked example (docs/access-policy.md).
    policy: {
      clinical: { reveal: 'restricted', overrideObjection: true },
      'social-care': { reveal: 'none', overrideObjection: false },
    },
  };
}
