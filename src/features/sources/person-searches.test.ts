import { describe, expect, it } from 'vitest';
import { personSearches } from './person-searches';
import { summarySearches } from './summary-searches';

const NHS = '9990000026';
const ID = encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${NHS}`);

describe('personSearches', () => {
  it('constrains every summary search and the Consents to the person by chained NHS number and date of birth', () => {
    const s = personSearches({ nhsNumber: NHS, birthDate: '1941-05-12', family: 'Pennington' })!;
    expect(s.identifier).toBe(`Patient?identifier=${ID}`);
    expect(s.consent).toBe(`Consent?patient.identifier=${ID}&patient.birthdate=1941-05-12&status=active&_count=1000`);
    expect(s.summary.find((x) => x.resourceType === 'Condition')?.path).toBe(
      `Condition?patient.identifier=${ID}&patient.birthdate=1941-05-12&_count=1000`,
    );
    // One per summary search, in the same order: a search added to summary-searches.ts joins the batch.
    expect(s.summary.map((x) => x.resourceType)).toEqual(summarySearches('x').map((x) => x.resourceType));
    // The Patient itself (for its registered GP) by the same number and date of birth.
    expect(s.summary.find((x) => x.resourceType === 'Patient')?.path).toBe(`Patient?identifier=${ID}&birthdate=1941-05-12`);
    for (const x of s.summary.filter((y) => y.resourceType !== 'Patient')) {
      const params = new URLSearchParams(x.path.split('?')[1]);
      expect(params.get('patient.identifier'), x.path).toBe(`https://fhir.nhs.uk/Id/nhs-number|${NHS}`);
      expect(params.get('patient.birthdate'), x.path).toBe('1941-05-12');
      expect(params.has('patient'), x.path).toBe(false);
    }
    expect(new URLSearchParams(s.summary[0]!.path.split('?')[1]).get('_include')).toBe('MedicationRequest:medication');
  });

  it('gives nothing to batch without a usable date of birth: the caller matches first', () => {
    expect(personSearches({ nhsNumber: NHS, family: 'Pennington' })).toBeUndefined();
    expect(personSearches({ nhsNumber: NHS, birthDate: '12/05/1941', family: 'Pennington' })).toBeUndefined();
  });
});
