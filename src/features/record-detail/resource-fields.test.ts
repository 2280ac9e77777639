import type { MedicationRequest } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { humanise, resourceFields } from './resource-fields';

const request: MedicationRequest = {
  resourceType: 'MedicationRequest',
  id: 'mr-1',
  meta: { lastUpdated: '2026-10-20T09:00:00Z' },
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div>' },
  status: 'active',
  intent: 'order',
  medicationCodeableConcept: { coding: [{ system: 'https://dmd.nhs.uk', code: '325278007', display: 'Metformin 500mg tablets' }] },
  subject: { reference: 'Patient/p1' },
  dosageInstruction: [{ text: 'One tablet twice a day' }, { text: 'Extra at night', asNeededBoolean: true }],
};

describe('resourceFields', () => {
  it('lists every value with a readable path, numbering repeated elements only', () => {
    const { fields, more } = resourceFields(request);
    expect(more).toBe(0);
    expect(fields).toEqual([
      { label: 'Resource type', value: 'MedicationRequest' },
      { label: 'Id', value: 'mr-1' },
      { label: 'Meta › Last updated', value: '2026-10-20T09:00:00Z' },
      { label: 'Status', value: 'active' },
      { label: 'Intent', value: 'order' },
      { label: 'Medication codeable concept › Coding › System', value: 'https://dmd.nhs.uk' },
      { label: 'Medication codeable concept › Coding › Code', value: '325278007' },
      { label: 'Medication codeable concept › Coding › Display', value: 'Metformin 500mg tablets' },
      { label: 'Subject › Reference', value: 'Patient/p1' },
      { label: 'Dosage instruction 1 › Text', value: 'One tablet twice a day' },
      { label: 'Dosage instruction 2 › Text', value: 'Extra at night' },
      { label: 'Dosage instruction 2 › As needed boolean', value: 'true' },
      { label: 'Narrative status', value: 'generated' },
    ]);
  });

  it('never lists narrative XHTML as a field, even in contained resources', () => {
    const { fields } = resourceFields({ ...request, contained: [{ resourceType: 'Medication', id: 'm', text: { status: 'generated', div: '<div>x</div>' } }] });
    expect(fields.some((f) => f.value.includes('<'))).toBe(false);
    expect(fields).toContainEqual({ label: 'Contained › Text › Status', value: 'generated' });
  });

  it('stops at the limit and says how many more there were', () => {
    const { fields, more } = resourceFields(request, 3);
    expect(fields).toHaveLength(3);
    expect(more).toBe(10);
  });

  it('humanises FHIR element names', () => {
    expect(humanise('dosageInstruction')).toBe('Dosage instruction');
    expect(humanise('valueCodeableConcept')).toBe('Value codeable concept');
    expect(humanise('id')).toBe('Id');
  });
});

describe('resourceFields on hostile shapes', () => {
  it('walks an Encounter nested 5,000 extensions deep without overflowing, and says what it left out', () => {
    let ext: Record<string, unknown> = { url: 'http://example.org/leaf', valueString: 'bottom' };
    for (let i = 0; i < 5000; i++) ext = { url: `http://example.org/level-${i}`, extension: [ext] };
    const encounter = { resourceType: 'Encounter', id: 'e1', status: 'finished', extension: [ext] };
    const out = resourceFields(encounter);
    expect(out.fields.slice(0, 3)).toEqual([
      { label: 'Resource type', value: 'Encounter' },
      { label: 'Id', value: 'e1' },
      { label: 'Status', value: 'finished' },
    ]);
    expect(out.tooDeep).toBe(1);
    expect(out.fields.some((f) => f.value === 'bottom')).toBe(false);
  });
});
