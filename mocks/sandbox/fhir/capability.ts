/**
 * The endpoint's CapabilityStatement (GET [base]/metadata). Medplum quirk: the router has no
 * /metadata, so this one is written here: FHIR 4.0.1, JSON, SMART on FHIR security with
 * the oauth-uris extension (SMART App Launch 2.2 "conformance" discovery, still read by
 * older clients such as fhirclient's fallback), read and search-type for each resource
 * type with its search parameters, and batch at system level.
 */
import { getSearchParameters } from '@medplum/core';
import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import type { SandboxEndpoint } from '../topology';

/** The types the viewer reads; any other valid type can still be searched (and is empty). */
export const SUPPORTED_TYPES = [
  'AllergyIntolerance', 'CarePlan', 'Condition', 'Consent', 'Encounter', 'Flag', 'Medication', 'MedicationRequest',
  'MedicationStatement', 'Organization', 'Patient', 'Practitioner', 'PractitionerRole',
  'CareTeam', 'EpisodeOfCare', 'RelatedPerson',
] as const;

const SEARCH_CONTROLS = ['_count', '_offset', '_sort', '_include', '_revinclude', '_summary'];

function resource(type: string): CapabilityStatementRestResource {
  const all = Object.entries(getSearchParameters(type) ?? {});
  const references = all.filter(([, sp]) => sp.type === 'reference').map(([name]) => `${type}:${name}`).sort();
  const params = all.map(([name, sp]) => ({
    name,
    ...(sp.url ? { definition: sp.url } : {}),
    type: sp.type as 'token',
  }));
  return {
    type: type as CapabilityStatementRestResource['type'],
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    versioning: 'no-version',
    readHistory: false,
    updateCreate: false,
    ...(references.length ? { searchInclude: references } : {}),
    searchParam: params.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export function capabilityStatement(
  endpoint: SandboxEndpoint,
  smart: Record<string, unknown>,
  presentTypes: readonly string[],
): CapabilityStatement {
  const types = [...new Set([...SUPPORTED_TYPES, ...presentTypes])].sort();
  const uri = (key: string) => (typeof smart[key] === 'string' ? (smart[key] as string) : undefined);
  const oauth = [
    ['authorize', uri('authorization_endpoint')],
    ['token', uri('token_endpoint')],
  ].flatMap(([url, valueUri]) => (valueUri ? [{ url: url as string, valueUri }] : []));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-01',
    kind: 'instance',
    publisher: endpoint.organisationName,
    software: { name: 'My Care Record sandbox FHIR endpoint (read-only, over @medplum/fhir-router)' },
    implementation: { description: `${endpoint.organisationName} (sandbox)`, url: endpoint.baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: `Read-only. Search controls: ${SEARCH_CONTROLS.join(', ')}; _count defaults to 50 (at most 500).`,
        security: {
          cors: true,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          extension: [{ url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris', extension: oauth }],
        },
        resource: types.map(resource),
        interaction: [{ code: 'batch' }],
      },
    ],
  };
}
