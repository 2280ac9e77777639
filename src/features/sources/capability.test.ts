import type { CapabilityStatement } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { offersSearch } from './capability';

const statement = (resource: NonNullable<CapabilityStatement['rest']>[number]['resource'], mode: 'server' | 'client' = 'server'): CapabilityStatement => ({
  resourceType: 'CapabilityStatement', status: 'active', date: '2026-11-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
  rest: [{ mode, ...(resource ? { resource } : {}) }],
});

describe('offersSearch (CapabilityStatement.rest.resource.interaction search-type)', () => {
  it('is true only for a server-mode resource entry of that type with search-type', () => {
    expect(offersSearch(statement([{ type: 'Composition', interaction: [{ code: 'read' }, { code: 'search-type' }] }]), 'Composition')).toBe(true);
    expect(offersSearch(statement([{ type: 'Composition', interaction: [{ code: 'read' }] }]), 'Composition')).toBe(false);
    expect(offersSearch(statement([{ type: 'DocumentReference', interaction: [{ code: 'search-type' }] }]), 'Composition')).toBe(false);
    expect(offersSearch(statement([{ type: 'Composition', interaction: [{ code: 'search-type' }] }], 'client'), 'Composition')).toBe(false);
    expect(offersSearch(statement(undefined), 'Composition')).toBe(false);
  });

  it('is false for anything that is not a CapabilityStatement, and for broken shapes', () => {
    for (const bad of [undefined, null, 'metadata', 42, {}, { resourceType: 'OperationOutcome' }, { resourceType: 'CapabilityStatement', rest: {} },
      { resourceType: 'CapabilityStatement', rest: [null, { mode: 'server', resource: [null, { type: 'Composition', interaction: 'search-type' }] }] }]) {
      expect(offersSearch(bad, 'Composition')).toBe(false);
    }
  });
});
