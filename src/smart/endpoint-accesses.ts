/**
 * One EndpointAccess per configured endpoint: the launching endpoint (its FHIR base is
 * the launch's `iss`, compared without a trailing slash) reuses the launch token; every
 * other endpoint signs in on its own (SMART App Launch 2.2: a launch authorises only the
 * launching server).
 */
import type { AppConfiguration } from '../config/types';
import type { EndpointAccess } from './endpoint-access';
import { createLaunchEndpointAccess, type LaunchTokenClient } from './endpoint-access-launch';
import { createOidcEndpointAccess, type OidcAccessOptions } from './endpoint-access-oidc';

const sameBase = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

export function createEndpointAccesses(
  config: AppConfiguration,
  launch: { iss: string; client: LaunchTokenClient; idToken?: string },
  opts: Omit<OidcAccessOptions, 'clientId'>,
): Map<string, EndpointAccess> {
  const hint = launch.idToken ? { idTokenHint: launch.idToken } : {};
  return new Map(
    config.endpoints.map((endpoint): [string, EndpointAccess] => [
      endpoint.id,
      sameBase(endpoint.fhirBaseUrl, launch.iss)
        ? createLaunchEndpointAccess(endpoint, launch.client)
        : createOidcEndpointAccess(endpoint, { ...opts, ...hint, clientId: config.clientId }),
    ]),
  );
}
