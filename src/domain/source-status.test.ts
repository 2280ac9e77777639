import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeness, mayStandFor, type SourceState, type SourceStatus } from './source-status';

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

describe('a copy of the sources taken a moment ago may stand for the current ones', () => {
  const loading: SourceState = { state: 'loading', pagesSoFar: 0 };
  const failed: SourceState = { state: 'failed', reason: 'x', retryable: true };

  it('when it lags only in answers: the same organisations, one still loading in the copy', () => {
    expect(mayStandFor([src(ok, 'a'), src(loading, 'b')], [src(ok, 'a'), src(ok, 'b')])).toBe(true);
    expect(mayStandFor([src(ok, 'a'), src(failed, 'b')], [src(ok, 'a'), src(loading, 'b')])).toBe(true);
  });

  it('not when the organisations asked changed (the locator named more, or everyone is asked)', () => {
    expect(mayStandFor([src(ok, 'a')], [src(ok, 'a'), src(loading, 'b')])).toBe(false);
    expect(mayStandFor([src(ok, 'a'), src({ state: 'waiting' }, 'locator')], [src(ok, 'a'), src(loading, 'b')])).toBe(false);
    expect(mayStandFor([src(ok, 'a'), src(ok, 'b')], [src(ok, 'b'), src(ok, 'a')])).toBe(false);
  });

  it('not when it would say "Complete" and the current states do not (an organisation asked again)', () => {
    expect(mayStandFor([src(ok, 'a'), src(ok, 'b')], [src(ok, 'a'), src(loading, 'b')])).toBe(false);
  });

  it('never shows "Complete" for a record the current states call incomplete or in progress, nor other organisations', () => {
    const state = fc.constantFrom<SourceState>(ok, none, loading, failed, { state: 'waiting' }, { state: 'timed-out', afterMs: 1 });
    const sources = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), state), { maxLength: 4 }).map((xs) => xs.map(([id, st]) => src(st, id)));
    fc.assert(
      fc.property(sources, sources, (lagging, current) => {
        if (!mayStandFor(lagging, current)) return;
        expect(lagging.map((s) => s.endpointId)).toEqual(current.map((s) => s.endpointId));
        if (completeness(lagging) === 'complete') expect(completeness(current)).toBe('complete');
      }),
    );
  });
});
