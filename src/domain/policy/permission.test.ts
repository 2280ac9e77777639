import { describe, expect, it } from 'vitest';
import { permissionQuestion } from './permission';

describe('permissionQuestion', () => {
  it('asks a living patient’s permission, with the same three answers for every role', () => {
    for (const role of ['clinical', 'social-care', 'unknown'] as const) {
      expect(permissionQuestion(false, role)).toEqual({
        legend: 'Has the patient given permission to view their shared record?',
        bases: ['patient-consented', 'best-interests', 'patient-refused'],
      });
    }
  });

  it('offers confirming or certifying a death to a clinician only: never to a social worker, nor to a role it cannot tell', () => {
    const legend = 'The patient has died. Why are you viewing their shared record?';
    expect(permissionQuestion(true, 'clinical')).toEqual({ legend, bases: ['confirming-death', 'safeguarding', 'care-of-family'] });
    expect(permissionQuestion(true, 'social-care')).toEqual({ legend, bases: ['safeguarding', 'care-of-family'] });
    expect(permissionQuestion(true, 'unknown')).toEqual({ legend, bases: ['safeguarding', 'care-of-family'] });
  });
});
