import { errors } from './oidc-provider';
import type { SandboxTopology } from '../topology';

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * The sandbox FHIR base an `aud` or `resource` value names, in its canonical form (no
 * trailing slash), or undefined. Exact match only: the audience decides which
 * organisation's server accepts the token.
 */
export function knownFhirBase(topology: SandboxTopology, url: string): string | undefined {
  const wanted = withoutTrailingSlash(url);
  // The audit repository, the objection register and the record locator are FHIR servers of the region too.
  const services = [topology.audit, topology.objectionRegister, topology.recordLocator].filter((s) => s !== undefined);
  return [...topology.endpoints, ...services].find((e) => e.baseUrl === wanted)?.baseUrl;
}

/**
 * The resource indicator (RFC 8707) for an authorization request that carries none: the
 * SMART `aud` parameter. SMART App Launch 2.2 makes `aud` required and tells the server to
 * refuse a value it does not serve, because an app tricked into a wrong `aud` would hand
 * its token to that server.
 */
export function resourceFromAud(topology: SandboxTopology, aud: unknown): string {
  if (typeof aud !== 'string' || aud === '') {
    throw new errors.InvalidRequest('aud is required: the base URL of the FHIR server the app wants to use');
  }
  const base = knownFhirBase(topology, aud);
  if (!base) throw new errors.InvalidRequest('aud is not a FHIR server this authorisation server protects');
  return base;
}
