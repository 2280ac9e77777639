import { QueryClient } from '@tanstack/react-query';
import type { Consent, FhirResource } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { objectionsTo } from '../../../domain/policy/objection';
import type { FhirTransport } from '../../../fhir/types';
import type { EndpointAccess } from '../../../smart/endpoint-access';
import { registerQueries } from './register-queries';

const NHS = '9434765919';
const NOW = new Date('2026-11-21T10:00:00Z');
const FENLAND = { odsCode: 'R9M01', fhirBaseUrl: 'http://localhost:8431/fhir', otherOdsCodes: ['D99001', 'R9A01'] };
const PRIVACY = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] };
const deny = (id: string, patient: Consent['patient'], actor: unknown, scope: Consent['scope'] = PRIVACY): Consent =>
  ({ resourceType: 'Consent', id, status: 'active', scope, category: [{ text: 'Patient consent' }], patient, provision: { type: 'deny', actor: [{ reference: actor }] } }) as Consent;
const ods = (value: string) => ({ identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value } });

/** What a register sends for one patient: four objections in four shapes, and one about someone else. */
const REGISTER: FhirResource[] = [
  deny('spaced', { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '943 476 5919' } }, ods('R9M01')),
  deny('by-reference', { reference: 'Patient/reg-77' }, { reference: 'Organization/R9M01' }),
  deny('no-system', { identifier: { value: NHS } }, ods('R9M01'), { coding: [{ system: 'http://hl7.org/fhir/consentscope', code: 'patient-privacy' }] }),
  deny('exact', { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: NHS } }, ods('R9M01')),
  deny('someone-else', { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9876543210' } }, ods('R9M01')),
];

const transport: FhirTransport = {
  baseUrl: 'http://localhost:8450/fhir',
  get: () => Promise.reject(new Error('not used')),
  searchAll: async () => ({ resources: REGISTER, outcomes: [], pages: 1 }),
  batchSearch: () => Promise.reject(new Error('not used')),
};
const access = { authorise: async () => ({ state: 'authorised' }) } as unknown as EndpointAccess;

describe('the objection register’s answer', () => {
  it('keeps every objection about this patient, whatever shape it came in, and none about anyone else', async () => {
    const consents = await new QueryClient().fetchQuery(registerQueries.consents({ nhsNumber: NHS, access, transport, timeoutMs: 5000 }));
    expect(consents.map((c) => c.id)).toEqual(['spaced', 'by-reference', 'no-system', 'exact']);
    const objections = objectionsTo(FENLAND, consents.map((consent) => ({ consent, heldBy: 'register' as const })), NOW);
    expect(objections.map((o) => o.consentId)).toEqual(['spaced', 'by-reference', 'no-system', 'exact']);
  });

  it('is no answer when it says it is not all of them: the record waits, with the reason (fail closed)', async () => {
    const answers: Array<[Awaited<ReturnType<FhirTransport['searchAll']>>, string]> = [
      [{ resources: [], outcomes: [{ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'too-costly' }] }], pages: 1 }, 'The objection register said it did not send every objection (too-costly)'],
      [{ resources: REGISTER.slice(0, 1), outcomes: [{ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'suppressed' }] }], pages: 1 }, 'The objection register said it did not send every objection (suppressed)'],
      [{ resources: [], outcomes: [], pages: 1, total: 1 }, 'The objection register counted 1 objection but sent 0'],
    ];
    for (const [answer, reason] of answers) {
      const partial: FhirTransport = { ...transport, searchAll: async () => answer };
      await expect(new QueryClient().fetchQuery(registerQueries.consents({ nhsNumber: NHS, access, transport: partial, timeoutMs: 5000 }))).rejects.toMatchObject({ name: 'RegisterUnavailable', message: reason });
    }
  });
});
