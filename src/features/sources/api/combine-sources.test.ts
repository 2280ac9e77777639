import { describe, expect, it } from 'vitest';
import type { EndpointConfiguration } from '../../../config/types';
import { encounter } from '../../../testing/records';
import { SourceFailure, emptyResult, type SourceResult } from '../source-result';
import { combineSources, sourceStateOf, type SourceQueryView } from './combine-sources';

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

describe('combineSources with the last combined view', () => {
  const endpoints = [endpoint('a'), endpoint('b')];
  const a: SourceQueryView = { isFetching: false, error: null, data: answered('a') };
  const loading: SourceQueryView = { isFetching: true, error: null };
  const views = (...entries: [string, SourceQueryView][]) => new Map(entries);

  it('keeps the record the same object while another source only reports its pages, so nothing built from it is built again', () => {
    const first = combineSources(endpoints, views(['a', a], ['b', loading]), new Map([['b', { state: 'loading', pagesSoFar: 1 } as const]]));
    const next = combineSources(endpoints, views(['a', a], ['b', loading]), new Map([['b', { state: 'loading', pagesSoFar: 2 } as const]]), first);
    expect(next.records).toBe(first.records);
    expect(next.unreadable).toBe(first.unreadable);
    expect(next.sources).not.toBe(first.sources);
    expect(next.sources[1]?.status).toEqual({ state: 'loading', pagesSoFar: 2 });
  });

  it('makes a new record, every source’s items in configuration order, once another source answers', () => {
    const first = combineSources(endpoints, views(['a', a], ['b', loading]), new Map());
    const next = combineSources(endpoints, views(['a', a], ['b', { isFetching: false, error: null, data: answered('b') }]), new Map(), first);
    expect(next.records).not.toBe(first.records);
    expect(next.records.map((r) => r.key)).toEqual(['riverside-gp/Encounter/a-1', 'riverside-gp/Encounter/b-1']);
  });

  it('keeps the record the same object when another source answers with nothing for this person', () => {
    const first = combineSources(endpoints, views(['a', a], ['b', loading]), new Map());
    const nothing: SourceQueryView = { isFetching: false, error: null, data: emptyResult('b', OK) };
    const next = combineSources(endpoints, views(['a', a], ['b', nothing]), new Map(), first);
    expect(next.records).toBe(first.records);
    expect(next.unreadable).toBe(first.unreadable);
    expect(next.sources[1]?.status).toEqual(OK);
    expect(next.records.map((r) => r.key)).toEqual(['riverside-gp/Encounter/a-1']);
  });

  it('drops a source’s items once its fetch fails, the record made anew', () => {
    const first = combineSources(endpoints, views(['a', a]), new Map());
    const next = combineSources(endpoints, views(['a', { ...a, error: failure }]), new Map(), first);
    expect(next.records).toEqual([]);
    expect(first.records.map((r) => r.key)).toEqual(['riverside-gp/Encounter/a-1']);
  });
});
