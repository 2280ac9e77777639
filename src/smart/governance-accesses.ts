/**
 * Sign-in to the governance services (config `audit`, `objectionRegister`, `recordLocator`): each
 * is a FHIR server with its own token (`aud` = its base, SMART App Launch 2.2), obtained
 * like any regional endpoint's through oidc-client-ts, silently through single sign-on.
 * Neither holds or is sent clinical data before the user has recorded a permission.
 */
import type { AppConfiguration, ServiceConfiguration } from '../config/types';
import type { EndpointAccess } from './endpoint-access';
import { createOidcEndpointAccess, type OidcAccessOptions, type SignInTarget } from './endpoint-access-oidc';
import { createLaunchEndpointAccess, type LaunchTokenClient } from './endpoint-access-launch';

export interface GovernanceAccesses {
  audit?: EndpointAccess;
  register?: EndpointAccess;
  locator?: EndpointAccess;
}

export const AUDIT_SERVICE_ID = 'audit';
export const REGISTER_SERVICE_ID = 'objection-register';
export const AUDIT_SERVICE_NAME = 'the audit service';
export const REGISTER_SERVICE_NAME = 'the objection register';
export const LOCATOR_SERVICE_ID = 'record-locator';
export const LOCATOR_SERVICE_NAME = 'the record locator';

const target = (id: string, name: string, service: ServiceConfiguration): SignInTarget => ({ id, organisationName: name, fhirBaseUrl: service.fhirBaseUrl, auth: service.auth });

/** The governance services as sign-in targets (the same ids and names as their accesses). */
export function governanceTargets(config: AppConfiguration): SignInTarget[] {
  return [
    ...(config.audit ? [target(AUDIT_SERVICE_ID, AUDIT_SERVICE_NAME, config.audit)] : []),
    ...(config.objectionRegister ? [target(REGISTER_SERVICE_ID, REGISTER_SERVICE_NAME, config.objectionRegister)] : []),
    ...(config.recordLocator ? [target(LOCATOR_SERVICE_ID, LOCATOR_SERVICE_NAME, config.recordLocator)] : []),
  ];
}

function access(id: string, name: string, service: ServiceConfiguration, opts: OidcAccessOptions): EndpointAccess {
  return createOidcEndpointAccess(target(id, name, service), opts);
}

const sameBase = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * `launch`, when given: a service at the launching server itself reuses the launch's token
 * (no second sign-in; the launch scopes must then include what the service needs, such
 * as `user/AuditEvent.c`), and every other one gets the launch's id_token as a hint for
 * its silent sign-in.
 */
export function createGovernanceAccesses(
  config: AppConfiguration,
  opts: Omit<OidcAccessOptions, 'clientId'>,
  launch?: { iss: string; client: LaunchTokenClient; idToken?: string },
): GovernanceAccesses {
  const o = { ...opts, clientId: config.clientId, ...(launch?.idToken ? { idTokenHint: launch.idToken } : {}) };
  const make = (id: string, name: string, service: ServiceConfiguration) =>
    launch && sameBase(service.fhirBaseUrl, launch.iss)
      ? createLaunchEndpointAccess({ id, fhirBaseUrl: service.fhirBaseUrl }, launch.client)
      : access(id, name, service, o);
  return {
    ...(config.audit ? { audit: make(AUDIT_SERVICE_ID, AUDIT_SERVICE_NAME, config.audit) } : {}),
    ...(config.objectionRegister ? { register: make(REGISTER_SERVICE_ID, REGISTER_SERVICE_NAME, config.objectionRegister) } : {}),
    ...(config.recordLocator ? { locator: make(LOCATOR_SERVICE_ID, LOCATOR_SERVICE_NAME, config.recordLocator) } : {}),
  };
}
