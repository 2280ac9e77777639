import fc from 'fast-check';
import type { Consent } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { objectionsTo, ODS_SYSTEM, type HeldConsent } from './objection';

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
    // …but not on the register, which names organisations by ODS code only.
    expect(objectionsTo(FENLAND, at('register', consent({}, { actor: byRef('Organization/org-17') })), NOW)).toHaveLength(0);
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
