import { describe, expect, it } from 'vitest';
import type { EndpointConfiguration } from '../../../config/types';
import { encounter } from '../../../testing/records';
import { SourceFailure, emptyResult, type SourceResult } from '../source-result';
import { combineSources, sourceStateOf } from './combine-sources';

const endpoint = (id: string): EndpointConfiguration => ({
  id, organisationName: `Org ${id}`, odsCode: id, region: 'r', kind: 'gp-practice', fhirBaseUrl: `https://${id}.example/fhir`,
  auth: { type: 'smart', scope: 'user/*.rs' }, timeoutMs: 15000,
});
const OK = { state: 'ok', counts: { encounter: 1 }, tookMs: 5, asOf: '2026-11-21T10:00:00Z', unreadable: 0 } as const;
const answered = (id: string): SourceResult => ({ ...emptyResult(id, OK), records: [encounter(`${id}-1`)] });
const failure = new SourceFailure({ state: 'failed', reason: 'Could not connect to the server', retryable: true });

describe('sourceStateOf', () => {
  it('is busy with the reported progress while fetching, even on a retry after a failure', () => {
    expect(sourceStateOf({ isFetching: true, error: null }, { state: 'loading', pagesSoFar: 3 })).toEqual({ state: 'loading', pagesSoFar: 3 });
    expect(sourceStateOf({ isFetching: true, error: failure }, undefined)).toEqual({ state: 'waiting' });
  });

  it('is the failure, else the settled result', () => {
    expect(sourceStateOf({ isFetching: false, error: failure }, undefined)).toEqual(failure.state);
    expect(sourceStateOf({ isFetching: false, error: new Error('bug') }, undefined)).toMatchObject({ state: 'failed', retryable: true });
    expect(sourceStateOf({ isFetching: false, error: null, data: answered('a') }, { state: 'loading', pagesSoFar: 1 })).toEqual(OK);
  });
});

describe('combineSources', () => {
  it('lists every configured organisation in order, whether or not it has answered', () => {
    const views = new Map([
      ['a', { isFetching: false, error: null, data: answered('a') }],
      ['b', { isFetching: true, error: null }],
    ]);
    const out = combineSources([endpoint('a'), endpoint('b'), endpoint('c')], views, new Map([['b', { state: 'authorising' } as const]]));
    expect(out.sources.map((s) => [s.organisationName, s.status.state])).toEqual([
      ['Org a', 'ok'],
      ['Org b', 'authorising'],
      ['Org c', 'failed'], // no access for it: a set-up fault, shown, never silently left out
    ]);
    expect(out.records.map((r) => r.key)).toEqual(['riverside-gp/Encounter/a-1']);
  });

  it('leaves out the records of a source whose latest fetch failed', () => {
    const views = new Map([['a', { isFetching: false, error: failure, data: answered('a') }]]);
    const out = combineSources([endpoint('a')], views, new Map());
    expect(out.sources[0]?.status).toEqual(failure.state);
    expect(out.records).toEqual([]);
  });
});
