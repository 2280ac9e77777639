/**
 * Sign-in to the two governance services (config `audit` and `objectionRegister`): each
 * is a FHIR server with its own token (`aud` = its base, SMART App Launch 2.2), obtained
 * like any regional endpoint's through oidc-client-ts, silently through single sign-on.
 * Neither holds or is sent clinical data before the user has recorded a permission.
 */
import type { AppConfiguration, ServiceConfiguration } from '../config/types';
import type { EndpointAccess } from './endpoint-access';
import { createOidcEndpointAccess, type OidcAccessOptions } from './endpoint-access-oidc';

export interface GovernanceAccesses {
  audit?: EndpointAccess;
  register?: EndpointAccess;
}

export const AUDIT_SERVICE_ID = 'audit';
export const REGISTER_SERVICE_ID = 'objection-register';
export const AUDIT_SERVICE_NAME = 'the audit service';
export const REGISTER_SERVICE_NAME = 'the objection register';

function access(id: string, name: string, service: ServiceConfiguration, opts: OidcAccessOptions): EndpointAccess {
  return createOidcEndpointAccess({ id, organisationName: name, fhirBaseUrl: service.fhirBaseUrl, auth: service.auth }, opts);
}

export function createGovernanceAccesses(config: AppConfiguration, opts: Omit<OidcAccessOptions, 'clientId'>): GovernanceAccesses {
  const o = { ...opts, clientId: config.clientId };
  return {
    ...(config.audit ? { audit: access(AUDIT_SERVICE_ID, AUDIT_SERVICE_NAME, config.audit, o) } : {}),
    ...(config.objectionRegister ? { register: access(REGISTER_SERVICE_ID, REGISTER_SERVICE_NAME, config.objectionRegister, o) } : {}),
  };
}
