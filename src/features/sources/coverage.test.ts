import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../domain/source-status';
import { coverageFor } from './coverage';

const source = (organisationName: string, status: SourceStatus['status']): SourceStatus => ({ endpointId: organisationName, organisationName, status });
const OK = { state: 'ok', counts: {}, tookMs: 1, asOf: '2026-11-21T10:00:00Z', unreadable: 0 } as const;

describe('coverageFor', () => {
  it('sorts sources into answered, loading and missing with why', () => {
    const sources = [
      source('A', OK),
      source('B', { state: 'loading', pagesSoFar: 2 }),
      source('C', { state: 'failed', reason: 'x', retryable: true }),
      source('D', { state: 'timed-out', afterMs: 15000 }),
      source('E', { state: 'excluded', reason: 'No record' }),
      source('F', { state: 'sign-in-needed', reason: 'x' }),
      source('G', { state: 'waiting' }),
    ];
    expect(coverageFor(sources, ['Encounter'])).toEqual({
      answered: ['A'],
      loading: ['B', 'G'],
      missing: [
        { name: 'C', why: 'failed' },
        { name: 'D', why: 'timed out' },
        { name: 'E', why: 'not included' },
        { name: 'F', why: 'sign-in needed' },
      ],
    });
  });

  it('counts a partial source as answered unless one of the section’s own searches failed there', () => {
    const partial = source('P', { state: 'partial', counts: {}, failed: ['Encounter'], reason: 'HTTP 500', asOf: '', unreadable: 0 });
    expect(coverageFor([partial], ['Encounter'])).toMatchObject({ answered: [], missing: [{ name: 'P', why: 'search failed' }] });
    expect(coverageFor([partial], ['MedicationRequest', 'MedicationStatement'])).toMatchObject({ answered: ['P'], missing: [] });
  });

  it('names the missing scope where a section’s search was not granted, and still counts the source for other sections', () => {
    const partial = source('P', { state: 'partial', counts: {}, failed: [], notGranted: [{ type: 'Observation', scope: 'user/Observation.rs' }], reason: 'x', asOf: '', unreadable: 0 });
    expect(coverageFor([partial], ['Observation', 'DiagnosticReport'])).toMatchObject({ answered: [], missing: [{ name: 'P', why: 'not granted: needs scope user/Observation.rs' }] });
    expect(coverageFor([partial], ['Encounter'])).toMatchObject({ answered: ['P'], missing: [] });
  });
});
