import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../../domain/source-status';
import { overallText, seconds, stateText } from './source-state-text';

const OK = { state: 'ok', counts: { medication: 10, encounter: 4 }, tookMs: 812, asOf: '2026-11-21T10:00:00Z', unreadable: 0 } as const;
const named = (organisationName: string, status: SourceStatus['status']): SourceStatus => ({ endpointId: organisationName, organisationName, status });

describe('stateText', () => {
  it('says each state in words', () => {
    expect(stateText({ state: 'waiting' })).toBe('Waiting');
    expect(stateText({ state: 'authorising' })).toBe('Signing in');
    expect(stateText({ state: 'loading', pagesSoFar: 0 })).toBe('Loading');
    expect(stateText({ state: 'loading', pagesSoFar: 1 })).toBe('Loading (1 page)');
    expect(stateText({ state: 'loading', pagesSoFar: 2 })).toBe('Loading (2 pages)');
    expect(stateText(OK)).toBe('Up to date · 14 items · 0.8 s');
    expect(stateText({ state: 'failed', reason: 'Could not connect to the server', retryable: true })).toBe('Failed: Could not connect to the server');
    expect(stateText({ state: 'timed-out', afterMs: 15000 })).toBe('Timed out after 15 s');
    expect(stateText({ state: 'objected', heldBy: ['register'] })).toBe(
      'The patient has objected to sharing records from this organisation: nothing from it is shown',
    );
    expect(overallText([named('Fenland', { state: 'objected', heldBy: ['organisation'] }), named('GP', OK)])).toBe('Incomplete record: Fenland (patient objected)');
    expect(stateText({ state: 'excluded', reason: 'No record for this NHS number at this organisation' })).toBe(
      'Not included: No record for this NHS number at this organisation',
    );
    expect(stateText({ state: 'sign-in-needed', reason: 'Session ended' })).toBe('Sign-in needed: Session ended');
  });

  it('names the failed searches of a partial source in plain words', () => {
    const partial: SourceStatus['status'] = { state: 'partial', counts: { alert: 1 }, failed: ['Encounter', 'CarePlan'], reason: 'The server answered 500', asOf: '', unreadable: 0 };
    expect(stateText(partial)).toBe('Some searches failed: encounters, care plans (The server answered 500) · 1 item shown');
    expect(stateText({ ...partial, failed: [], reason: '2 records about another patient were dropped' })).toBe(
      'Incomplete: 2 records about another patient were dropped · 1 item shown',
    );
  });

  it('shows seconds with at most one decimal', () => {
    expect([seconds(15000), seconds(800), seconds(1234), seconds(0)]).toEqual(['15', '0.8', '1.2', '0']);
  });
});

describe('overallText', () => {
  it('says complete only when every organisation answered in full', () => {
    expect(overallText([named('A', OK), named('B', OK)])).toBe('Complete: all 2 organisations answered');
  });

  it('says what is still loading while anything is', () => {
    expect(overallText([named('A', OK), named('B', { state: 'loading', pagesSoFar: 1 }), named('C', { state: 'waiting' })])).toBe('Still loading: B, C');
  });

  it('names every gap in an incomplete record', () => {
    expect(
      overallText([
        named('A', OK),
        named('B', { state: 'failed', reason: 'x', retryable: false }),
        named('C', { state: 'excluded', reason: 'x' }),
        named('D', { state: 'partial', counts: {}, failed: [], reason: 'x', asOf: '', unreadable: 0 }),
      ]),
    ).toBe('Incomplete record: B (failed), C (not included), D (incomplete)');
    expect(overallText([])).toBe('Incomplete record: no organisations are set up');
  });
});
