import type { PractitionerRole } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { roleCategory } from './role';
import { sectionOrder } from './section-order';

const role = (code: string): PractitionerRole => ({
  resourceType: 'PractitionerRole',
  code: [{ coding: [{ system: 'http://snomed.info/sct', code }] }],
});

describe('sectionOrder', () => {
  it('shows a social worker who is involved first, then alerts, care plans, encounters, problems, medications', () => {
    expect(sectionOrder(roleCategory(role('106328005')))).toEqual(['involvement', 'alerts', 'care-plans', 'encounters', 'problems', 'medications']);
  });

  it('shows a clinician alerts, problems, medications, encounters, care plans, then who is involved', () => {
    expect(sectionOrder(roleCategory(role('62247001')))).toEqual(['alerts', 'problems', 'medications', 'encounters', 'care-plans', 'involvement']);
  });

  it('gives an unknown role the clinical order, alerts still first', () => {
    expect(sectionOrder('unknown')).toEqual(['alerts', 'problems', 'medications', 'encounters', 'care-plans', 'involvement']);
  });

  it('lists every section once, whatever the role, and returns a fresh array', () => {
    for (const r of ['clinical', 'social-care', 'unknown'] as const) {
      const order = sectionOrder(r);
      expect(new Set(order).size).toBe(6);
      order.pop();
      expect(sectionOrder(r)).toHaveLength(6);
    }
  });
});
