import { describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../../domain/source-status';
import { NOT_ANSWERING_AFTER_MS, overallText, retryableSources, seconds, sourceMessage, stateText } from './source-state-text';

const OK = { state: 'ok', counts: { medication: 10, encounter: 4 }, tookMs: 812, asOf: '2026-11-21T10:00:00Z', unreadable: 0 } as const;
const named = (organisationName: string, status: SourceStatus['status']): SourceStatus => ({ endpointId: organisationName, organisationName, status });
const ORG = 'Fenland Mental Health';

describe('sourceMessage: what happened, what to do, and the technical detail apart', () => {
  it('says the settled states in words', () => {
    expect(sourceMessage({ state: 'waiting' }, ORG).summary).toBe('Waiting');
    expect(sourceMessage({ state: 'authorising' }, ORG).summary).toBe('Signing in');
    expect(sourceMessage({ state: 'loading', pagesSoFar: 0 }, ORG).summary).toBe('Loading');
    expect(sourceMessage({ state: 'loading', pagesSoFar: 2 }, ORG).summary).toBe('Loading (2 pages)');
    expect(sourceMessage(OK, ORG).summary).toBe('Up to date · 14 items · 0.8 s');
    expect(sourceMessage({ state: 'no-record', tookMs: 1, asOf: '' }, ORG).summary).toBe('No record for this patient');
    expect(stateText({ state: 'objected', heldBy: ['register'] })).toBe(
      'Patient objected: The patient has objected to sharing records from this organisation: nothing from it is shown',
    );
  });

  it('says "Not answering" as soon as a busy source has gone 4 seconds without progress, not only at the time limit', () => {
    expect(NOT_ANSWERING_AFTER_MS).toBe(4000);
    expect(sourceMessage({ state: 'authorising' }, ORG, 3999).summary).toBe('Signing in');
    const hanging = sourceMessage({ state: 'authorising' }, ORG, 4000);
    expect(hanging.summary).toBe('Not answering');
    expect(hanging.advice).toBe('Fenland Mental Health has not answered for 4 seconds. The viewer keeps waiting for a while; if it still does not answer you can try again.');
    expect(sourceMessage({ state: 'loading', pagesSoFar: 1 }, ORG, 9000).summary).toBe('Not answering');
    const timedOut = sourceMessage({ state: 'timed-out', afterMs: 15000 }, ORG);
    expect(timedOut).toEqual({
      summary: 'Not answering',
      advice: 'Fenland Mental Health did not answer within 15 seconds, so none of its records are shown. Try again. If it keeps happening, contact your IT service desk.',
      technical: 'Timed out after 15 s',
      retry: true,
    });
  });

  it('turns each kind of failure into plain words and keeps the server’s words for support staff', () => {
    const failed = (problem: NonNullable<Extract<SourceStatus['status'], { state: 'failed' }>['problem']>, reason: string, retryable = true) =>
      sourceMessage({ state: 'failed', reason, retryable, problem }, ORG);
    expect(failed('server-error', 'The server answered 500 Internal Server Error: Simulated server failure')).toEqual({
      summary: 'Its system had a problem',
      advice: 'Fenland Mental Health’s system reported a fault and sent no records. Try again in a few minutes. If it keeps happening, contact your IT service desk.',
      technical: 'The server answered 500 Internal Server Error: Simulated server failure',
      retry: true,
    });
    expect(failed('unreachable', 'Could not reach the sign-in service for Fenland Mental Health.').summary).toBe('Cannot be reached');
    expect(failed('busy', 'The server answered 429 Too Many Requests').summary).toBe('Busy');
    const refused = failed('refused', 'The server answered 400 Bad Request: bad search', false);
    expect(refused.summary).toBe('Request refused');
    expect(refused.advice).toContain('Trying again will not help');
    expect(refused.retry).toBe(false);
    expect(failed('unreadable', 'The server’s answer could not be read: it is not JSON', false).summary).toBe('Answer could not be read');
    expect(failed('objection-check', 'x').summary).toBe('Objections could not be checked');
    // No status code or server text in what the clinician reads first.
    for (const p of ['server-error', 'unreachable', 'busy', 'refused', 'unreadable'] as const) {
      const m = failed(p, 'The server answered 503 Service Unavailable');
      expect(`${m.summary} ${m.advice}`).not.toMatch(/\d{3}|Unavailable|JSON/);
    }
  });

  it('says a rejected token means signing in again, with the 401 kept as detail', () => {
    const m = sourceMessage({ state: 'sign-in-needed', reason: 'The server did not accept the sign-in (401 Unauthorized)', problem: 'rejected-sign-in' }, ORG);
    expect(m.summary).toBe('Sign-in needed');
    expect(m.advice).toBe('Fenland Mental Health no longer accepts your sign-in (it may have expired). Sign in again to see its records.');
    expect(m.technical).toBe('The server did not accept the sign-in (401 Unauthorized)');
    expect(sourceMessage({ state: 'sign-in-needed', reason: 'Session ended' }, ORG).advice).toBe('Session ended');
  });

  it('names what was not granted and the missing scope, and offers no "Try again" for it', () => {
    const partial: SourceStatus['status'] = {
      state: 'partial', counts: { alert: 1 }, failed: [], notGranted: [{ type: 'Observation', scope: 'user/Observation.rs' }], reason: 'Not granted…', asOf: '', unreadable: 0,
    };
    const m = sourceMessage(partial, ORG);
    expect(m.summary).toBe('Some records missing · 1 item shown');
    expect(m.advice).toBe(`${ORG} did not grant the viewer access to results (missing scope user/Observation.rs), so they are not shown. Trying again will not help: ask your IT service desk to have the scope granted.`);
    expect(m.retry).toBe(false);
    expect(sourceMessage({ state: 'failed', reason: 'r', retryable: false, problem: 'not-granted' }, ORG)).toMatchObject({ summary: 'Access not granted', retry: false });
  });

  it('names the missing parts of a partial source in plain words', () => {
    const partial: SourceStatus['status'] = { state: 'partial', counts: { alert: 1 }, failed: ['Encounter', 'CarePlan'], reason: 'The server answered 500', asOf: '', unreadable: 0 };
    expect(sourceMessage(partial, ORG)).toEqual({
      summary: 'Some records missing · 1 item shown',
      advice: 'Not retrieved from Fenland Mental Health: encounters, care plans. What did arrive is shown. Try again to fetch the rest.',
      technical: 'The server answered 500',
      retry: true,
    });
    expect(sourceMessage({ ...partial, failed: [], reason: '2 records about another patient were dropped' }, ORG).summary).toBe(
      'Incomplete: 2 records about another patient were dropped · 1 item shown',
    );
  });

  it('shows seconds with at most one decimal', () => {
    expect([seconds(15000), seconds(800), seconds(1234), seconds(0)]).toEqual(['15', '0.8', '1.2', '0']);
  });
});

describe('retryableSources', () => {
  it('offers "Try again" where asking again may help, never for a refusal that will not change', () => {
    const sources = [
      named('A', OK),
      named('B', { state: 'failed', reason: 'x', retryable: true, problem: 'server-error' }),
      named('C', { state: 'timed-out', afterMs: 1 }),
      named('D', { state: 'failed', reason: 'x', retryable: false, problem: 'refused' }),
      named('E', { state: 'excluded', reason: 'x' }),
    ];
    expect(retryableSources(sources).map((s) => s.organisationName)).toEqual(['B', 'C']);
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
        named('E', { state: 'timed-out', afterMs: 1 }),
        named('F', { state: 'objected', heldBy: ['organisation'] }),
      ]),
    ).toBe('Incomplete record: B (not retrieved), C (not included), D (incomplete), E (not answering), F (patient objected)');
    expect(overallText([])).toBe('Incomplete record: no organisations are set up');
  });
});
