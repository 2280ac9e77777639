import { describe, expect, it } from 'vitest';
import type { Bundle, DocumentReference, Patient } from 'fhir/r4';
import { generateWorld } from '../../data/world';
import { sandboxAppConfig } from '../app-config';
import { sandboxTopology, endpointCountFromEnv } from '../topology';
import { createLocatorHandler, locatorIndex, NHS_NUMBER_SYSTEM } from './locator-handler';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';

describe('a region: SANDBOX_ENDPOINTS=100', () => {
  const t = sandboxTopology(40000, 100);
  const world = generateWorld({ topology: t });

  it('runs 100 endpoints, most of them general practices, each with its own origin and ODS code, today’s eight first', () => {
    expect(t.endpoints).toHaveLength(100);
    expect(t.endpoints.slice(0, 8)).toEqual(sandboxTopology(40000).endpoints);
    expect(t.endpoints.filter((e) => e.kind === 'gp-practice').length).toBeGreaterThan(90);
    expect(new Set(t.endpoints.map((e) => new URL(e.baseUrl).origin)).size).toBe(100);
    expect(new Set(t.endpoints.map((e) => e.odsCode)).size).toBe(100);
    expect(new Set(t.endpoints.map((e) => e.id)).size).toBe(100);
    const servicePorts = [t.audit.port, t.objectionRegister.port, t.recordLocator.port, Number(new URL(t.appOrigin).port), Number(new URL(t.authIssuer).port)];
    for (const e of t.endpoints) expect(servicePorts).not.toContain(e.port);
  });

  it('keeps today’s eight organisations’ world as it was', () => {
    const today = generateWorld();
    for (const id of Object.keys(today.byEndpoint)) expect(world.byEndpoint[id]?.slice(0, today.byEndpoint[id]!.length)).toEqual(today.byEndpoint[id]);
    expect(world.people.slice(0, today.people.length)).toEqual(today.people);
  });

  it('registers every generated practice’s people there, and has one person known to exactly five organisations', () => {
    const five = world.people.find((p) => p.key === world.cases.knownToFive)!;
    expect(Object.keys(five.patientIds)).toHaveLength(5);
    expect(Object.keys(five.patientIds)).toContain('ouse-valley-acute');
    const atHospital = world.byEndpoint['ouse-valley-acute']!.find((r) => r.id === five.patientIds['ouse-valley-acute']) as Patient;
    const gpOds = atHospital.generalPractitioner?.[0]?.identifier?.value;
    const gp = t.endpoints.find((e) => e.odsCode === gpOds)!;
    expect(gp.id).toMatch(/^gp-\d{3}$/);
    expect(five.patientIds[gp.id]).toBeDefined();
    for (const e of t.endpoints.slice(8)) {
      const registered = world.byEndpoint[e.id]!.filter((r): r is Patient => r.resourceType === 'Patient' && r.generalPractitioner?.[0]?.identifier?.value === e.odsCode);
      expect(registered.length, e.id).toBeGreaterThan(0);
    }
  });

  it('the locator names exactly the organisations that hold a Patient with the NHS number (NRL shape)', async () => {
    const pointers = locatorIndex(t, world.byEndpoint);
    const five = world.people.find((p) => p.key === world.cases.knownToFive)!;
    const handler = createLocatorHandler({ topology: t, pointers });
    const res = await handler(new Request(`${t.recordLocator.baseUrl}/DocumentReference?subject:identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${five.nhsNumber}`)}`));
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as Bundle<DocumentReference>;
    const custodians = (bundle.entry ?? []).map((e) => e.resource!.custodian!.identifier!);
    expect(custodians.every((c) => c.system === ODS)).toBe(true);
    const expected = Object.keys(five.patientIds).map((id) => t.endpoints.find((e) => e.id === id)!.odsCode);
    expect(custodians.map((c) => c.value).sort()).toEqual(expected.sort());
    const refused = await handler(new Request(`${t.recordLocator.baseUrl}/DocumentReference?patient=1`));
    expect(refused.status).toBe(400);
  });

  it('answers the same search POSTed to DocumentReference/_search as a form, the NHS number in the body, not the URL', async () => {
    const five = world.people.find((p) => p.key === world.cases.knownToFive)!;
    const handler = createLocatorHandler({ topology: t, pointers: locatorIndex(t, world.byEndpoint) });
    const form = (body: string) =>
      handler(new Request(`${t.recordLocator.baseUrl}/DocumentReference/_search`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));
    const res = await form(`subject:identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${five.nhsNumber}`)}`);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as Bundle<DocumentReference>;
    const expected = Object.keys(five.patientIds).map((id) => t.endpoints.find((e) => e.id === id)!.odsCode);
    expect((bundle.entry ?? []).map((e) => e.resource!.custodian!.identifier!.value).sort()).toEqual(expected.sort());
    // The viewer's warm-up before the decision (a search for no resource) is refused: the locator searches by NHS number only.
    expect((await form('_id=no-such-resource')).status).toBe(400);
  });

  it('names the locator in the app configuration only when asked', () => {
    expect(sandboxAppConfig(t)).not.toHaveProperty('recordLocator');
    expect(sandboxAppConfig(t, { locator: true }).recordLocator?.fhirBaseUrl).toBe(t.recordLocator.baseUrl);
  });

  it('reads SANDBOX_ENDPOINTS, refusing what it cannot run', () => {
    expect(endpointCountFromEnv({})).toBe(8);
    expect(endpointCountFromEnv({ SANDBOX_ENDPOINTS: '100' })).toBe(100);
    expect(() => endpointCountFromEnv({ SANDBOX_ENDPOINTS: '7' })).toThrow(/SANDBOX_ENDPOINTS must be a whole number from 8 to 300/);
    expect(() => endpointCountFromEnv({ SANDBOX_ENDPOINTS: 'lots' })).toThrow(/SANDBOX_ENDPOINTS/);
  });
});
