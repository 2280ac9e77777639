import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, OperationOutcome } from 'fhir/r4';
import { generateWorld } from '../../data/world';
import type { AccessTokenVerifier } from '../auth/verify';
import { endpointById, sandboxTopology, type SandboxTopology } from '../topology';
import { createFhirEngine, type FhirEngine } from './engine';
import { createFhirHandler } from './handler';

/** SANDBOX_AUTH=strict at a FHIR endpoint: the token's scopes decide what it answers. */
const relaxed = sandboxTopology(47100);
const strict: SandboxTopology = { ...relaxed, authMode: 'strict' };
const endpoint = endpointById(relaxed, 'riverside-gp');
const base = endpoint.baseUrl;
const world = generateWorld();
const person = world.people[0]!;
let engine: FhirEngine;
beforeAll(async () => {
  engine = await createFhirEngine(world.byEndpoint[endpoint.id] ?? []);
});

/** Every token verifies, with the scope given. */
const withScope = (scope: string): AccessTokenVerifier => async () => ({
  ok: true,
  claims: { sub: 'u', aud: base, scope, iss: relaxed.authIssuer, client_id: 'x', exp: 0, iat: 0 },
});
const handler = (topology: SandboxTopology, scope: string) => createFhirHandler({ endpoint, topology, engine, verify: withScope(scope) });
const get = (h: (r: Request) => Promise<Response>, path: string) => h(new Request(`${base}${path}`, { headers: { authorization: 'Bearer t' } }));
const patientSearch = `/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${person.nhsNumber}`;

describe('strict mode scope enforcement', () => {
  it('answers a search the scopes cover (v1 and v2, wildcards)', async () => {
    for (const scope of ['user/Patient.rs', 'patient/Patient.read', 'user/*.rs', 'patient/*.read']) {
      expect((await get(handler(strict, scope), patientSearch)).status, scope).toBe(200);
    }
  });

  it('refuses a search of a type no granted scope covers: 403, insufficient_scope, OperationOutcome', async () => {
    const res = await get(handler(strict, 'openid fhirUser user/Patient.rs'), '/Observation?patient=x');
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('insufficient_scope');
    const body = (await res.json()) as OperationOutcome;
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]).toMatchObject({ code: 'forbidden' });
    expect(body.issue[0]?.diagnostics).toMatch(/^insufficient_scope/);
  });

  it('tells read from search: .r reads but does not search, .s searches', async () => {
    const patient = ((await (await get(handler(strict, 'user/*.rs'), patientSearch)).json()) as Bundle).entry?.[0]?.resource;
    expect(patient?.id).toBeTruthy();
    expect((await get(handler(strict, 'user/Patient.r'), `/Patient/${patient!.id}`)).status).toBe(200);
    expect((await get(handler(strict, 'user/Patient.r'), patientSearch)).status).toBe(403);
    expect((await get(handler(strict, 'user/Patient.s'), patientSearch)).status).toBe(200);
  });

  it('checks a batch entry by entry', async () => {
    const res = await handler(strict, 'user/Patient.rs')(
      new Request(base, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Bundle',
          type: 'batch',
          entry: [{ request: { method: 'GET', url: patientSearch.slice(1) } }, { request: { method: 'GET', url: 'Condition?patient=x' } }],
        }),
      }),
    );
    expect(res.status).toBe(200);
    const entries = ((await res.json()) as Bundle).entry ?? [];
    expect(entries.map((e) => e.response?.status)).toEqual(['200 OK', expect.stringMatching(/^403/)]);
    expect((entries[1]?.response?.outcome as OperationOutcome).issue[0]?.diagnostics).toMatch(/^insufficient_scope/);
  });

  it('leaves metadata and discovery open', async () => {
    expect((await get(handler(strict, ''), '/metadata')).status).toBe(200);
    expect((await get(handler(strict, ''), '/.well-known/smart-configuration')).status).toBe(200);
  });

  it('changes nothing in the default mode: a narrow token still reads everything', async () => {
    expect((await get(handler(relaxed, 'user/Patient.rs'), '/Observation?patient=x')).status).toBe(200);
  });
});
