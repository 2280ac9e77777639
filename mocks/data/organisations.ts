/**
 * The resources each endpoint holds about itself: its Organization (ODS code, name from
 * the topology) and, at a host system's endpoint, the signed-in user's Practitioner and
 * PractitionerRole with the ids the authorisation server puts in `fhirUser`.
 */
import type { Organization, Practitioner, PractitionerRole, Reference } from 'fhir/r4';
import type { SandboxEndpoint, SandboxHost } from '../sandbox/topology';
import { ODS_SYSTEM, SDS_ROLE_PROFILE_SYSTEM, SDS_USER_SYSTEM, SNOMED } from './systems';

/** Organization.id at its own endpoint: the ODS code, so references read naturally. */
export function organisationRef(endpoint: SandboxEndpoint): Reference {
  return { reference: `Organization/${endpoint.odsCode}`, display: endpoint.organisationName };
}

/** A reference by ODS code, for organisations whose resource lives on another server. */
export function organisationIdentifierRef(endpoint: SandboxEndpoint): Reference {
  return { identifier: { system: ODS_SYSTEM, value: endpoint.odsCode }, display: endpoint.organisationName };
}

export function organisation(endpoint: SandboxEndpoint): Organization {
  return {
    resourceType: 'Organization',
    id: endpoint.odsCode,
    identifier: [{ system: ODS_SYSTEM, value: endpoint.odsCode }],
    active: true,
    name: endpoint.organisationName,
    address: [{ district: endpoint.region, country: 'GB' }],
  };
}

export function hostUser(host: SandboxHost, endpoint: SandboxEndpoint): [Practitioner, PractitionerRole] {
  const u = host.user;
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    id: u.practitionerId,
    identifier: [{ system: SDS_USER_SYSTEM, value: u.sdsUserId }],
    active: true,
    name: [{ use: 'official', family: u.family, given: [u.given], prefix: [u.prefix] }],
  };
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    id: u.practitionerRoleId,
    identifier: [{ system: SDS_ROLE_PROFILE_SYSTEM, value: u.sdsRoleProfileId }],
    active: true,
    practitioner: { reference: `Practitioner/${u.practitionerId}`, display: `${u.prefix} ${u.given} ${u.family}` },
    organization: organisationRef(endpoint),
    code: [{ coding: [{ system: SNOMED, code: u.roleCode, display: u.roleDisplay }], text: u.roleDisplay }],
  };
  return [practitioner, role];
}
