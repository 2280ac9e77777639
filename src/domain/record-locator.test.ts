import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AHEAD_LIMIT, knownBeforeLocator, likelyToBeNamed, locatedOrganisations, namedByLocator, locatorSearch, registeredPracticeOds, selectEndpoints, type LocatorState } from './record-locator';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const nhsNumber = '9990000018';
const pointer = (ods: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'DocumentReference', status: 'current',
  subject: { identifier: { system: NHS, value: nhsNumber } },
  custodian: { identifier: { system: ODS, value: ods } },
  ...extra,
});
const endpoints = ['A01', 'B02', 'C03', 'D04', 'E05', 'F06'].map((odsCode, i) => ({ id: `e${i}`, odsCode }));

describe('the record locator search and answer (NRL shape)', () => {
  it('searches DocumentReference by the subject’s NHS number', () => {
    expect(locatorSearch(nhsNumber)).toBe('DocumentReference?subject:identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018');
  });

  it('names the custodians of the current pointers, once each', () => {
    const answer = locatedOrganisations([pointer('A01'), pointer('c03'), pointer('A01'), pointer('B02', { status: 'superseded' }), { resourceType: 'OperationOutcome' }], nhsNumber);
    expect(answer).toEqual({ ok: true, odsCodes: ['A01', 'C03'] });
  });

  it('refuses an answer with a pointer about another person, or one naming no organisation', () => {
    expect(locatedOrganisations([pointer('A01'), pointer('B02', { subject: { identifier: { system: NHS, value: '9990000026' } } })], nhsNumber)).toEqual({
      ok: false, reason: 'The record locator answered with a pointer about another person',
    });
    expect(locatedOrganisations([pointer('A01', { custodian: { display: 'Somewhere' } })], nhsNumber)).toEqual({
      ok: false, reason: 'The record locator answered with a pointer that names no organisation',
    });
  });

  it('reads the registered practice from Patient.generalPractitioner by ODS identifier only', () => {
    expect(registeredPracticeOds([{ reference: 'Practitioner/x' }, { identifier: { system: ODS, value: ' d98001 ' } }])).toBe('D98001');
    expect(registeredPracticeOds([{ reference: 'Organization/D98001' }])).toBeUndefined();
    expect(registeredPracticeOds(undefined)).toBeUndefined();
  });
});

describe('selectEndpoints', () => {
  it('asks the located organisations, the registered practice and the launching one; the rest are not known to hold records', () => {
    const s = selectEndpoints({ endpoints, locator: { state: 'answered', odsCodes: ['C03', 'ZZZ99'] }, registeredPracticeOds: 'e05', launchEndpointId: 'e0', askEveryone: false });
    expect(s.basis).toBe('located');
    expect(s.ask.map((e) => e.odsCode)).toEqual(['A01', 'C03', 'E05']);
    expect(s.notKnown.map((e) => e.odsCode)).toEqual(['B02', 'D04', 'F06']);
  });

  it('asks everyone without a locator, when it failed, and when the user asks every organisation', () => {
    const located: LocatorState = { state: 'answered', odsCodes: ['A01'] };
    expect(selectEndpoints({ endpoints, locator: { state: 'none' }, askEveryone: false })).toEqual({ ask: endpoints, notKnown: [], basis: 'no-locator' });
    expect(selectEndpoints({ endpoints, locator: { state: 'failed', reason: 'down' }, askEveryone: false })).toEqual({ ask: endpoints, notKnown: [], basis: 'locator-failed' });
    expect(selectEndpoints({ endpoints, locator: located, askEveryone: true })).toEqual({ ask: endpoints, notKnown: [], basis: 'everyone' });
  });

  it('property: every endpoint is asked or not known, never both; everything named is asked; nothing unnamed is', () => {
    const code = fc.stringMatching(/^[A-F]0[1-6]$/);
    fc.assert(
      fc.property(fc.array(code, { maxLength: 8 }), fc.option(code, { nil: undefined }), fc.option(fc.constantFrom(...endpoints.map((e) => e.id)), { nil: undefined }), (named, gp, launch) => {
        const s = selectEndpoints({ endpoints, locator: { state: 'answered', odsCodes: named }, registeredPracticeOds: gp, launchEndpointId: launch, askEveryone: false });
        expect([...s.ask, ...s.notKnown].map((e) => e.id).sort()).toEqual(endpoints.map((e) => e.id).sort());
        const wanted = new Set([...named, ...(gp ? [gp] : [])]);
        for (const e of s.ask) expect(wanted.has(e.odsCode) || e.id === launch).toBe(true);
        for (const e of s.notKnown) expect(wanted.has(e.odsCode) || e.id === launch).toBe(false);
      }),
    );
  });

  it('property: any failed or absent locator asks every endpoint', () => {
    fc.assert(
      fc.property(fc.constantFrom<LocatorState>({ state: 'none' }, { state: 'failed', reason: 'x' }), fc.boolean(), (locator, askEveryone) => {
        const s = selectEndpoints({ endpoints, locator, askEveryone });
        expect(s.ask).toEqual(endpoints);
        expect(s.notKnown).toEqual([]);
      }),
    );
  });

  it('before the locator answers: the registered practice and the launching organisation only, in configuration order', () => {
    expect(knownBeforeLocator({ endpoints, registeredPracticeOds: 'd04', launchEndpointId: 'e1' }).map((e) => e.odsCode)).toEqual(['B02', 'D04']);
    expect(knownBeforeLocator({ endpoints })).toEqual([]);
  });

  it('property: what is asked before the locator answers is asked whatever it then says', () => {
    const code = fc.stringMatching(/^[A-F]0[1-6]$/);
    fc.assert(
      fc.property(fc.array(code, { maxLength: 8 }), fc.option(code, { nil: undefined }), fc.option(fc.constantFrom(...endpoints.map((e) => e.id)), { nil: undefined }), (named, gp, launch) => {
        const early = knownBeforeLocator({ endpoints, registeredPracticeOds: gp, launchEndpointId: launch });
        const later = selectEndpoints({ endpoints, locator: { state: 'answered', odsCodes: named }, registeredPracticeOds: gp, launchEndpointId: launch, askEveryone: false });
        for (const e of early) expect(later.ask).toContain(e);
      }),
    );
  });

  it('what the locator adds: the organisations it names that were not asked before it answered', () => {
    // Registered practice D04 and the launching e1 (B02) are asked before; C03, D04 and an unknown ZZZ99 named.
    expect(namedByLocator({ endpoints, registeredPracticeOds: 'd04', launchEndpointId: 'e1' }, ['C03', 'd04', 'ZZZ99']).map((e) => e.odsCode)).toEqual(['C03']);
    expect(namedByLocator({ endpoints }, [])).toEqual([]);
  });

  it('property: before and added are apart, and together exactly what is asked', () => {
    const code = fc.stringMatching(/^[A-F]0[1-6]$/);
    fc.assert(
      fc.property(fc.array(code, { maxLength: 8 }), fc.option(code, { nil: undefined }), fc.option(fc.constantFrom(...endpoints.map((e) => e.id)), { nil: undefined }), (named, gp, launch) => {
        const where = { endpoints, registeredPracticeOds: gp, launchEndpointId: launch };
        const early = knownBeforeLocator(where).map((e) => e.id);
        const added = namedByLocator(where, named).map((e) => e.id);
        const asked = selectEndpoints({ ...where, locator: { state: 'answered', odsCodes: named }, askEveryone: false }).ask.map((e) => e.id);
        expect(added.filter((id) => early.includes(id))).toEqual([]);
        expect([...early, ...added].sort()).toEqual([...asked].sort());
      }),
    );
  });
});

describe('likelyToBeNamed: whose token is worth having before the locator answers', () => {
  const region = [
    { id: 'gp-home', odsCode: 'P01', kind: 'gp-practice' },
    { id: 'acute', odsCode: 'R01', kind: 'acute-hospital' },
    { id: 'gp-other', odsCode: 'P02', kind: 'gp-practice' },
    { id: 'community', odsCode: 'R02', kind: 'community-health' },
    { id: 'pharmacy', odsCode: 'F01', kind: 'pharmacy' },
    { id: 'council', odsCode: 'L01', kind: 'social-care' },
    { id: 'ambulance', odsCode: 'R03', kind: 'ambulance' },
    { id: 'mh', odsCode: 'R04', kind: 'mental-health' },
    { id: 'unknown-kind', odsCode: 'X01' },
  ];

  it('the trusts, the council and the ambulance service, in configuration order, less the registered practice and the launching one; no practice or pharmacy', () => {
    expect(likelyToBeNamed({ endpoints: region, registeredPracticeOds: 'P01', launchEndpointId: 'acute' }).map((e) => e.id)).toEqual(['community', 'council', 'ambulance', 'mh']);
  });

  it('never more than AHEAD_LIMIT, never one asked anyway, never a practice or pharmacy, always in configuration order', () => {
    const kinds = ['gp-practice', 'pharmacy', 'acute-hospital', 'community-health', 'mental-health', 'social-care', 'ambulance', undefined];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...kinds), { maxLength: 40 }), fc.option(fc.nat(39)), (ks, launchAt) => {
        const eps = ks.map((kind, i) => ({ id: `e${i}`, odsCode: `O${i}`, ...(kind ? { kind } : {}) }));
        const input = { endpoints: eps, ...(launchAt !== null && launchAt < eps.length ? { launchEndpointId: `e${launchAt}` } : {}) };
        const likely = likelyToBeNamed(input);
        const early = new Set(knownBeforeLocator(input).map((e) => e.id));
        expect(likely.length).toBeLessThanOrEqual(AHEAD_LIMIT);
        for (const e of likely) {
          expect(early.has(e.id)).toBe(false);
          expect(['gp-practice', 'pharmacy', undefined]).not.toContain(e.kind);
        }
        const order = likely.map((e) => eps.indexOf(e));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        // Every population-serving organisation not asked anyway is in, up to the limit.
        const eligible = eps.filter((e) => !early.has(e.id) && e.kind && !['gp-practice', 'pharmacy'].includes(e.kind));
        expect(likely.length).toBe(Math.min(AHEAD_LIMIT, eligible.length));
      }),
    );
  });
});
