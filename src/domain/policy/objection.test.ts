import fc from 'fast-check';
import type { Consent } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { consentPatient, incompleteObjectionAnswer, objectionsTo, ODS_SYSTEM, periodEndBound, type HeldConsent } from './objection';

const NOW = new Date('2026-11-21T10:00:00Z');
const FENLAND = { odsCode: 'R9M01', fhirBaseUrl: 'http://localhost:8431/fhir' };

function consent(o: Partial<Consent> = {}, provision: Consent['provision'] = {}): Consent {
  return {
    resourceType: 'Consent', id: 'c1', status: 'active', dateTime: '2025-06-10T10:30:00Z',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ text: 'Patient consent' }],
    provision: { type: 'deny', period: { start: '2025-06-10' }, ...provision },
    ...o,
  };
}
const CUSTODIAN = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'CST' }] };
const byOds = (value: string) => [{ role: CUSTODIAN, reference: { identifier: { system: ODS_SYSTEM, value } } }];
const byRef = (reference: string) => [{ role: CUSTODIAN, reference: { reference } }];
const at = (heldBy: HeldConsent['heldBy'], c: Consent): HeldConsent[] => [{ heldBy, consent: c }];

describe('objectionsTo', () => {
  it('finds the register’s objection naming the organisation by ODS code', () => {
    expect(objectionsTo(FENLAND, at('register', consent({}, { actor: byOds('R9M01') })), NOW)).toEqual([
      { heldBy: 'register', consentId: 'c1', recorded: '2025-06-10T10:30:00Z' },
    ]);
    expect(objectionsTo({ ...FENLAND, odsCode: 'D99001' }, at('register', consent({}, { actor: byOds('R9M01') })), NOW)).toEqual([]);
  });

  it('finds the organisation’s own objection by its local or absolute reference, or by authored data', () => {
    expect(objectionsTo(FENLAND, at('organisation', consent({}, { actor: byRef('Organization/R9M01') })), NOW)).toHaveLength(1);
    expect(objectionsTo(FENLAND, at('organisation', consent({}, { actor: byRef(`${FENLAND.fhirBaseUrl}/Organization/R9M01`) })), NOW)).toHaveLength(1);
    const authored = { data: [{ meaning: 'authoredby' as const, reference: { reference: 'Organization/R9M01' } }] };
    expect(objectionsTo(FENLAND, at('organisation', consent({}, authored)), NOW)).toHaveLength(1);
  });

  it('treats a local organisation reference it cannot resolve as this organisation (the cautious reading)', () => {
    expect(objectionsTo(FENLAND, at('organisation', consent({}, { actor: byRef('Organization/org-17') })), NOW)).toHaveLength(1);
    // …and on the register too, with the reason, unless it names another configured organisation.
    expect(objectionsTo(FENLAND, at('register', consent({}, { actor: byRef('Organization/org-17') })), NOW)).toEqual([
      expect.objectContaining({ heldBy: 'register', unplaced: expect.stringContaining('Organization/org-17') }),
    ]);
    expect(objectionsTo({ ...FENLAND, otherOdsCodes: ['D99001'] }, at('register', consent({}, { actor: byRef('Organization/D99001') })), NOW)).toEqual([]);
  });

  it('treats a deny naming nobody as an objection to every organisation', () => {
    expect(objectionsTo(FENLAND, at('register', consent({}, {})), NOW)).toHaveLength(1);
  });

  it('ignores consents that are not active privacy denials in force now', () => {
    const ignored = [
      consent({ status: 'inactive' }, { actor: byOds('R9M01') }),
      consent({ status: 'proposed' }, { actor: byOds('R9M01') }),
      consent({ scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] } }, { actor: byOds('R9M01') }),
      consent({}, { type: 'permit', actor: byOds('R9M01') }),
      consent({}, { actor: byOds('R9M01'), period: { start: '2027-01-01' } }),
      consent({}, { actor: byOds('R9M01'), period: { start: '2024-01-01', end: '2026-11-20' } }),
      { resourceType: 'Flag' } as unknown as Consent,
    ];
    for (const c of ignored) expect(objectionsTo(FENLAND, at('register', c), NOW), JSON.stringify(c)).toEqual([]);
  });

  it('honours an exception for this organisation, and a denial nested under a permit', () => {
    const exception = consent({}, { provision: [{ type: 'permit', actor: byOds('R9M01') }] });
    expect(objectionsTo(FENLAND, at('register', exception), NOW)).toEqual([]);
    const nested = consent({}, { type: 'permit', provision: [{ type: 'deny', actor: byOds('R9M01') }] });
    expect(objectionsTo(FENLAND, at('register', nested), NOW)).toHaveLength(1);
  });

  it('never misses an active deny that names the organisation, whatever else is in the list', () => {
    const noise = fc.array(
      fc.constantFrom(consent({ status: 'inactive' }), consent({}, { type: 'permit' }), consent({}, { actor: byOds('E99002') })),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(noise, noise, fc.constantFrom<HeldConsent['heldBy']>('register', 'organisation'), (before, after, heldBy) => {
        const list = [...before, consent({ id: 'the-one' }, { actor: byOds('R9M01') }), ...after].map((c) => ({ heldBy, consent: c }));
        return objectionsTo(FENLAND, list, NOW).some((o) => o.consentId === 'the-one');
      }),
    );
  });
});

describe('objections in every shape a register sends', () => {
  const OTHERS = { ...FENLAND, otherOdsCodes: ['D99001', 'E99002', 'R9A01'] };

  it('places a deny whose actor is an Organization reference by its ODS code, on the register', () => {
    expect(objectionsTo(OTHERS, at('register', consent({}, { actor: byRef('Organization/R9M01') })), NOW)).toEqual([
      { heldBy: 'register', consentId: 'c1', recorded: '2025-06-10T10:30:00Z' },
    ]);
    expect(objectionsTo(OTHERS, at('register', consent({}, { actor: byRef('Organization/E99002') })), NOW)).toEqual([]);
  });

  it('places an ODS identifier written without its system', () => {
    const noSystem = [{ role: CUSTODIAN, reference: { identifier: { value: 'r9m01' } } }];
    expect(objectionsTo(OTHERS, at('register', consent({}, { actor: noSystem })), NOW)).toHaveLength(1);
    const other = [{ role: CUSTODIAN, reference: { identifier: { value: 'D99001' } } }];
    expect(objectionsTo(OTHERS, at('register', consent({}, { actor: other })), NOW)).toEqual([]);
  });

  it('counts a scope coded in the FHIR core consentscope system', () => {
    const core = { coding: [{ system: 'http://hl7.org/fhir/consentscope', code: 'patient-privacy' }] };
    expect(objectionsTo(OTHERS, at('register', consent({ scope: core }, { actor: byOds('R9M01') })), NOW)).toHaveLength(1);
  });

  it('treats a Consent it cannot read as an objection to every organisation, and says why', () => {
    const broken = consent({}, { actor: { role: CUSTODIAN, reference: { reference: 'Organization/R9M01' } } as never });
    for (const org of [OTHERS, { ...OTHERS, odsCode: 'D99001' }]) {
      expect(objectionsTo(org, at('register', broken), NOW)).toEqual([
        expect.objectContaining({ heldBy: 'register', unplaced: expect.stringMatching(/could not be read \(provision.actor is not a list\)/) }),
      ]);
    }
    const oddType = consent({}, { type: 'maybe' as never });
    expect(objectionsTo(OTHERS, at('organisation', oddType), NOW)[0]?.unplaced).toMatch(/could not be read/);
  });

  it('holds an objection to the end of a partial period.end (FHIR Period upper bound)', () => {
    const until = (end: string) => consent({}, { actor: byOds('R9M01'), period: { start: '2025-01-01', end } });
    expect(objectionsTo(OTHERS, at('register', until('2026')), NOW)).toHaveLength(1);
    expect(objectionsTo(OTHERS, at('register', until('2026-11')), NOW)).toHaveLength(1);
    expect(objectionsTo(OTHERS, at('register', until('2026-11-21')), NOW)).toHaveLength(1);
    expect(objectionsTo(OTHERS, at('register', until('2026-10')), NOW)).toEqual([]);
    expect(objectionsTo(OTHERS, at('register', until('2025')), NOW)).toEqual([]);
    expect(new Date(periodEndBound('2026')).toISOString()).toBe('2026-12-31T23:59:59.999Z');
    expect(new Date(periodEndBound('2024-02')).toISOString()).toBe('2024-02-29T23:59:59.999Z');
  });
});

describe('consentPatient', () => {
  const about = (patient: unknown) => ({ resourceType: 'Consent', patient });
  it('compares NHS numbers as digits only, and keeps what it cannot place', () => {
    expect(consentPatient(about({ identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '943 476 5919' } }), '9434765919')).toBe('this');
    expect(consentPatient(about({ identifier: { value: '9434765919' } }), '9434765919')).toBe('this');
    expect(consentPatient(about({ reference: 'Patient/123' }), '9434765919')).toBe('unclear');
    expect(consentPatient(about(undefined), '9434765919')).toBe('unclear');
    expect(consentPatient(about({ identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9876543210' } }), '9434765919')).toBe('other');
  });
});

describe('an answer about objections that is not all of them', () => {
  const consent = { resourceType: 'Consent', id: 'c1' };
  const note = (issue: unknown) => ({ resourceType: 'OperationOutcome', issue });

  it('is taken when it says nothing was left out and holds what it counted', () => {
    expect(incompleteObjectionAnswer({ resources: [], outcomes: [] }, 'The register')).toBeUndefined();
    expect(incompleteObjectionAnswer({ resources: [consent], outcomes: [], total: 1 }, 'The register')).toBeUndefined();
    expect(incompleteObjectionAnswer({ resources: [consent], outcomes: [note([{ severity: 'information', code: 'informational' }])] }, 'The register')).toBeUndefined();
  });

  it('says why it is not, in words naming who sent it', () => {
    expect(incompleteObjectionAnswer({ resources: [], outcomes: [note([{ severity: 'information', code: 'suppressed' }])] }, 'The register')).toBe('The register said it did not send every objection (suppressed)');
    expect(incompleteObjectionAnswer({ resources: [], outcomes: [note([{ severity: 'fatal' }])] }, 'The register')).toBe('The register said it did not send every objection');
    expect(incompleteObjectionAnswer({ resources: [consent], outcomes: [], total: 3 }, 'The organisation')).toBe('The organisation counted 3 objections but sent 1');
    expect(incompleteObjectionAnswer({ resources: [], outcomes: [note('suppressed')] }, 'The register')).toMatch(/could not be read/);
  });

  it('is never taken when a note of severity error or fatal comes with it, whatever else it holds', () => {
    const issue = fc.record({ severity: fc.constantFrom('error', 'fatal'), code: fc.option(fc.string(), { nil: undefined }) });
    const other = fc.record({ severity: fc.constantFrom('information', 'warning'), code: fc.constantFrom('informational', 'business-rule', 'processing') });
    fc.assert(fc.property(fc.array(other), issue, fc.array(other), fc.nat(5), (before, bad, after, n) => {
      const answer = { resources: Array.from({ length: n }, (_, i) => ({ resourceType: 'Consent', id: `c${i}` })), outcomes: [note([...before, bad, ...after])] };
      expect(incompleteObjectionAnswer(answer, 'The register')).toBeDefined();
    }));
  });

  it('is never taken when it counts more Consents than it holds, and always when it counts no more (without notes)', () => {
    fc.assert(fc.property(fc.nat(6), fc.nat(6), (held, total) => {
      const answer = { resources: Array.from({ length: held }, (_, i) => ({ resourceType: 'Consent', id: `c${i}` })), outcomes: [], total };
      expect(incompleteObjectionAnswer(answer, 'The register') === undefined).toBe(total <= held);
    }));
  });
});
