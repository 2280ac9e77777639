/**
 * Real NHS prescribing shapes: the 208 published examples of the Electronic Prescription
 * Service, vendored with their licence and origin in mocks/data/nhs-eps (README there). Every one must
 * normalise without throwing and give a name, a status and, where it has authoredOn,
 * that date.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Medication, MedicationRequest } from 'fhir/r4';
import type { MedicationRecord, SourceRef } from '../records';
import { normaliseMedicationRequest } from './index';

const file = resolve(import.meta.dirname, '../../../mocks/data/nhs-eps/medication-requests.ndjson');
const examples = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { source: string; resource: MedicationRequest });
const source: SourceRef = { endpointId: 'eps', organisationName: 'Electronic Prescription Service examples', odsCode: 'X26' };

/**
 * The one example naming its medicine by `medicationReference: urn:uuid:…` points at a
 * Medication elsewhere in its message Bundle (examples/secondary-care/community/acute/
 * nominated-pharmacy/nurse/medication-reference/1-Prepare-Request-200_OK.json, entry
 * fullUrl urn:uuid:495df5c5-…), which the ndjson does not carry. This is that entry.
 */
const bundleMedications = new Map<string, Medication>([
  ['urn:uuid:495df5c5-5931-4795-960d-d2188bec3c2e', {
    resourceType: 'Medication',
    code: { coding: [{ system: 'http://snomed.info/sct', code: '15517911000001104', display: 'Methotrexate 10mg/0.2ml solution for injection pre-filled syringes' }] },
  }],
]);

const FHIR_STATUSES = ['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown'];

describe('the NHS EPS MedicationRequest examples', () => {
  it('are all there', () => {
    expect(examples).toHaveLength(208);
    expect(examples.every((e) => e.resource.resourceType === 'MedicationRequest')).toBe(true);
  });

  it('each normalise, as a server holding them would send them, to a name, a status and the authoredOn date', () => {
    const records: MedicationRecord[] = [];
    examples.forEach(({ source: file, resource }, i) => {
      // Message bundles identify entries by fullUrl; a FHIR server gives every resource an id.
      const stored = resource.id ? resource : { ...resource, id: `eps-${i}` };
      let result: ReturnType<typeof normaliseMedicationRequest> | undefined;
      expect(() => (result = normaliseMedicationRequest(stored, source, bundleMedications)), file).not.toThrow();
      if (!result?.ok) throw new Error(`${file}: ${result?.unreadable.problem}`);
      const r = result.record;
      expect(r.name.trim(), file).not.toBe('');
      expect(FHIR_STATUSES, file).toContain(r.status);
      expect(r.status).toBe(resource.status);
      expect(r.statusGroup).toBe(resource.status === 'active' ? 'current' : 'past');
      expect(r.date, file).toBe(resource.authoredOn);
      expect(r.codes.length, file).toBeGreaterThan(0);
      records.push(r);
    });
    expect(records).toHaveLength(208);
    expect(records.filter((r) => r.date !== undefined)).toHaveLength(6);
    expect(records.filter((r) => r.statusGroup === 'current')).toHaveLength(183);
    expect(records.filter((r) => r.dose !== undefined).length).toBeGreaterThanOrEqual(199);
    expect(records.filter((r) => r.courseOfTherapy !== undefined)).toHaveLength(199);
    expect(records.find((r) => r.key === 'eps/MedicationRequest/a51041ce-9a43-4bc4-a277-cffa434bdd63')?.name).toBe(
      'Methotrexate 10mg/0.2ml solution for injection pre-filled syringes',
    );
  });

  it('as published: those without an id, or with an unresolved Medication, are reported unreadable, not dropped or guessed', () => {
    const results = examples.map((e) => normaliseMedicationRequest(e.resource, source));
    const problems = results.flatMap((r) => (r.ok ? [] : [r.unreadable.problem]));
    expect(problems.filter((p) => p === 'No id, so the record cannot be referred to')).toHaveLength(75);
    expect(problems.filter((p) => p === 'No medicine name')).toHaveLength(1);
    expect(problems).toHaveLength(76);
    expect(results.filter((r) => r.ok)).toHaveLength(132);
  });
});
