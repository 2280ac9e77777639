/**
 * The whole retrieval of one organisation's part of the record (sign-in → identifier
 * search → match → batch of searches with paging → normalise) against the REAL sandbox
 * servers: oidc-provider tokens, medplum search, the same HTTP the browser sees.
 */
import type { FhirResource, Patient } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchIdentity, type PatientIdentity } from '../../../src/domain/patient-identity';
import { createFhirTransport } from '../../../src/fhir/transport';
import { retrieveFromEndpoint } from '../../../src/features/sources/retrieve-from-endpoint';
import type { EndpointConfiguration } from '../../../src/config/types';
import type { EndpointAccess, EndpointAuthState } from '../../../src/smart/endpoint-access';
import { sandboxAppConfig } from '../app-config';
import { SignedInBrowser, startIntegrationSandbox, type IntegrationSandbox } from './sandbox-endpoints';

const GP = 'riverside-gp';
const IDS = [GP, 'fenland-mh', 'ouse-community', 'stort-acute'];

let sandbox: IntegrationSandbox;
const tokens = new Map<string, string>();

/** A signed-in access holding a real token (the browser's oidc-client-ts part is tested elsewhere). */
function accessWith(endpoint: EndpointConfiguration): EndpointAccess {
  const origin = new URL(endpoint.fhirBaseUrl).origin;
  const authorised: EndpointAuthState = { state: 'authorised' };
  return {
    endpointId: endpoint.id,
    origin,
    authorise: async () => authorised,
    signInInteractively: async () => authorised,
    getHeaders: async (url) => {
      if (new URL(url).origin !== origin) throw new Error('token for another origin');
      return { authorization: `Bearer ${tokens.get(endpoint.id)}` };
    },
    reauthorise: async () => {},
    dispose: () => {},
    subscribe: () => () => {},
    current: () => authorised,
  };
}

function endpointConfig(id: string): EndpointConfiguration {
  return sandboxAppConfig(sandbox.topology).endpoints.find((e) => e.id === id)!;
}

function identityOf(personKey: string): PatientIdentity {
  const person = sandbox.world.people.find((p) => p.key === personKey)!;
  const patient = (sandbox.world.byEndpoint[GP] as FhirResource[]).find((r): r is Patient => r.resourceType === 'Patient' && r.id === person.patientIds[GP])!;
  const id = launchIdentity(patient);
  if (!id.ok) throw new Error(id.reason);
  return id.identity;
}

async function retrieve(endpointId: string, personKey: string) {
  const endpoint = endpointConfig(endpointId);
  const access = accessWith(endpoint);
  const transport = createFhirTransport({ baseUrl: endpoint.fhirBaseUrl, getHeaders: access.getHeaders, onUnauthorized: access.reauthorise });
  return retrieveFromEndpoint({ endpoint, access, transport, identity: identityOf(personKey), now: () => new Date('2026-11-21T10:00:00Z') });
}

/** What the world holds for a person at an endpoint, by resource type. */
function heldAt(endpointId: string, personKey: string, type: string): number {
  const person = sandbox.world.people.find((p) => p.key === personKey)!;
  const ref = `Patient/${person.patientIds[endpointId]}`;
  return (sandbox.world.byEndpoint[endpointId] ?? []).filter(
    (r) => r.resourceType === type && JSON.stringify(r).includes(`"reference":"${ref}"`),
  ).length;
}

beforeAll(async () => {
  sandbox = await startIntegrationSandbox(IDS);
  const person = sandbox.world.people.find((p) => p.key === sandbox.world.cases.sixOrganisations)!;
  const browser = new SignedInBrowser(sandbox);
  tokens.set(GP, String((await browser.launch(person.patientIds[GP]!)).access_token));
  for (const id of IDS.filter((x) => x !== GP)) {
    tokens.set(id, String((await browser.silentSignIn(sandbox.endpoint(id).baseUrl)).access_token));
  }
}, 60_000);
afterAll(() => sandbox?.close());

describe('retrieval against the real sandbox', () => {
  it('brings every organisation’s records for the six-organisation patient, each with its source', async () => {
    const key = sandbox.world.cases.sixOrganisations;
    for (const id of IDS) {
      const result = await retrieve(id, key);
      expect(result.status.state, `${id}: ${JSON.stringify(result.status)}`).toBe('ok');
      expect(result.records.length).toBeGreaterThan(0);
      expect(new Set(result.records.map((r) => r.source.endpointId))).toEqual(new Set([id]));
      expect(result.records.filter((r) => r.kind === 'encounter')).toHaveLength(heldAt(id, key, 'Encounter'));
    }
  }, 30_000);

  it('follows every page of the 5,000-resource record and loses nothing', async () => {
    const key = sandbox.world.cases.largeRecord;
    const result = await retrieve('ouse-community', key);
    expect(result.status.state).toBe('ok');
    const encounters = result.records.filter((r) => r.kind === 'encounter');
    expect(encounters.length).toBeGreaterThan(1000);
    expect(encounters).toHaveLength(heldAt('ouse-community', key, 'Encounter'));
    expect(new Set(encounters.map((r) => r.key)).size).toBe(encounters.length);
  }, 30_000);

  it('excludes an organisation whose record gives another date of birth, saying so', async () => {
    const result = await retrieve('stort-acute', sandbox.world.cases.dobMismatch);
    expect(result.status).toEqual({ state: 'excluded', reason: expect.stringMatching(/^Date of birth differs/) });
    expect(result.records).toEqual([]);
  });

  it('reports an organisation with no record of the person as answered, with nothing to show', async () => {
    const result = await retrieve('fenland-mh', sandbox.world.cases.dobMismatch);
    expect(result.status.state).toBe('no-record');
    expect(result.records).toEqual([]);
  });
});
