import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantsSearch, scopeNeeded, splitByGrant } from './granted-scope';

const search = (resourceType: string) => ({ resourceType, path: `${resourceType}?patient=1` });
const TYPES = ['Patient', 'Consent', 'Observation', 'Condition', 'Encounter', 'MedicationRequest', 'DocumentReference'];

describe('grantsSearch: SMART v1 and v2 scope syntax', () => {
  it.each([
    ['patient/Observation.read', 'Observation', true],
    ['patient/Observation.rs', 'Observation', true],
    ['user/Observation.s', 'Observation', true],
    ['user/Observation.cruds', 'Observation', true],
    ['user/Observation.*', 'Observation', true],
    ['patient/*.read', 'Condition', true],
    ['patient/*.rs', 'Condition', true],
    ['user/*.rs', 'DocumentReference', true],
    ['system/*.read', 'Encounter', true],
    // Read alone is not search; write and create are neither.
    ['user/Observation.r', 'Observation', false],
    ['user/Observation.write', 'Observation', false],
    ['user/*.c', 'Observation', false],
    ['user/Observation.rs', 'Condition', false],
    ['openid fhirUser launch online_access', 'Patient', false],
    // A granular v2 scope covers only a category, not every Observation.
    ['patient/Observation.rs?category=laboratory', 'Observation', false],
    ['', 'Patient', false],
  ])('%s → search %s: %s', (scope, type, allowed) => {
    expect(grantsSearch(scope, type)).toBe(allowed);
  });
});

describe('scopeNeeded names the missing scope as the grant is written', () => {
  it('v2, user context', () => expect(scopeNeeded('Observation', 'openid user/Condition.rs')).toBe('user/Observation.rs'));
  it('v1, patient context', () => expect(scopeNeeded('Observation', 'launch patient/Condition.read')).toBe('patient/Observation.read'));
  it('nothing granted: v2, user', () => expect(scopeNeeded('Consent', 'openid fhirUser')).toBe('user/Consent.rs'));
});

describe('splitByGrant', () => {
  it('keeps the allowed searches in order and names each one not granted with its scope', () => {
    const planned = ['Patient', 'Consent', 'Observation', 'Condition'].map(search);
    const { allowed, notGranted } = splitByGrant(planned, 'openid patient/Patient.rs patient/Consent.rs patient/Condition.rs');
    expect(allowed.map((s) => s.resourceType)).toEqual(['Patient', 'Consent', 'Condition']);
    expect(notGranted).toEqual([{ search: planned[2], scope: 'patient/Observation.rs' }]);
  });

  it('allows everything when what was granted is unknown', () => {
    const planned = TYPES.map(search);
    expect(splitByGrant(planned, undefined)).toEqual({ allowed: planned, notGranted: [] });
  });

  it('property: every search is either sent or named, never both, never lost, and a wildcard read sends all', () => {
    const scopeWord = fc.oneof(
      fc.constantFrom('openid', 'fhirUser', 'launch', 'online_access'),
      fc
        .tuple(fc.constantFrom('patient', 'user', 'system'), fc.constantFrom(...TYPES, '*'), fc.constantFrom('read', 'write', '*', 'rs', 'r', 's', 'c', 'cruds'))
        .map(([c, t, p]) => `${c}/${t}.${p}`),
    );
    fc.assert(
      fc.property(fc.array(scopeWord, { maxLength: 8 }), fc.array(fc.constantFrom(...TYPES), { maxLength: 12 }), (words, types) => {
        const granted = words.join(' ');
        const planned = types.map(search);
        const { allowed, notGranted } = splitByGrant(planned, granted);
        expect(allowed.length + notGranted.length).toBe(planned.length);
        for (const s of allowed) expect(grantsSearch(granted, s.resourceType)).toBe(true);
        for (const n of notGranted) {
          expect(grantsSearch(granted, n.search.resourceType)).toBe(false);
          // The named scope is one that would allow it.
          expect(grantsSearch(`${granted} ${n.scope}`, n.search.resourceType)).toBe(true);
        }
        expect(splitByGrant(planned, `${granted} user/*.rs`).notGranted).toEqual([]);
        expect(splitByGrant(planned, `${granted} patient/*.read`).notGranted).toEqual([]);
      }),
    );
  });
});
