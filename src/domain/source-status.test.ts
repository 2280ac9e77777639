import { describe, expect, it } from 'vitest';
import { completeness, type SourceState, type SourceStatus } from './source-status';

const src = (status: SourceState, id = 'x'): SourceStatus => ({ endpointId: id, organisationName: id, status });
const ok: SourceState = { state: 'ok', counts: { medication: 1 }, tookMs: 10, asOf: '2026-11-21T10:00:00Z', unreadable: 0 };
const none: SourceState = { state: 'no-record', tookMs: 5, asOf: '2026-11-21T10:00:00Z' };

describe('completeness', () => {
  it('is complete only when every source answered in full (ok, or holds no record)', () => {
    expect(completeness([src(ok), src(none)])).toBe('complete');
  });

  it('is in progress while any source is still working', () => {
    for (const busy of [{ state: 'waiting' }, { state: 'authorising' }, { state: 'loading', pagesSoFar: 2 }] as SourceState[]) {
      expect(completeness([src(ok), src(busy)])).toBe('in-progress');
    }
  });

  it('is incomplete when any source failed, timed out, was excluded, needs sign-in or was partial', () => {
    const gaps: SourceState[] = [
      { state: 'failed', reason: 'x', retryable: true },
      { state: 'timed-out', afterMs: 15000 },
      { state: 'excluded', reason: 'Date of birth differs' },
      { state: 'sign-in-needed', reason: 'x' },
      { state: 'partial', counts: {}, failed: ['Encounter'], reason: 'x', asOf: '2026-11-21T10:00:00Z', unreadable: 0 },
    ];
    for (const gap of gaps) expect(completeness([src(ok), src(gap)]), gap.state).toBe('incomplete');
  });

  it('is never complete with no sources at all', () => {
    expect(completeness([])).toBe('incomplete');
  });
});
