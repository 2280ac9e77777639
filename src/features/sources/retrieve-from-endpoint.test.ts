import type { CapabilityStatement, FhirResource, OperationOutcome, Patient } from 'fhir/r4';
import { http as mswHttp, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { EndpointConfiguration } from '../../config/types';
import type { PatientIdentity } from '../../domain/patient-identity';
import type { SourceState } from '../../domain/source-status';
import { createByteBudget, createFhirTransport } from '../../fhir';
import { FhirError } from '../../fhir/errors';
import { server } from '../../testing/server';
import type { BatchSearchResult, EndpointProbe, FhirTransport, SearchResult } from '../../fhir/types';
import type { EndpointAccess, EndpointAuthState } from '../../smart/endpoint-access';
import { normaliseResources, prenormalise } from '../../domain/normalise';
import { retrieveFromEndpoint, type RetrieveOptions } from './retrieve-from-endpoint';

// The read-ahead of first pages (domain/normalise prenormalise), watched: it passes through.
vi.mock(import('../../domain/normalise'), async (original) => {
  const actual = await original();
  return { ...actual, prenormalise: vi.fn(actual.prenormalise), normaliseResources: vi.fn(actual.normaliseResources) };
});

const NHS = '9990000026';
const IDENTITY: PatientIdentity = { nhsNumber: NHS, birthDate: '1941-05-12', family: 'Pennington' };
const ENDPOINT: EndpointConfiguration = {
  id: 'fenland-mh', organisationName: 'Fenland Mental Health NHS Foundation Trust', odsCode: 'R9M01', region: 'Cambs',
  kind: 'mental-health', fhirBaseUrl: 'https://fenland.example/fhir', auth: { type: 'smart', scope: 'user/*.rs' }, timeoutMs: 2000,
};
const PATIENT: Patient = {
  resourceType: 'Patient', id: 'MH1',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: NHS }],
  name: [{ use: 'official', family: 'Pennington', given: ['Arthur'] }], birthDate: '1941-05-12',
};
const subject = { reference: 'Patient/MH1' };
const RECORDS: Record<string, FhirResource[]> = {
  Encounter: [
    { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, subject, period: { start: '2026-10-01' } },
    { resourceType: 'Encounter', id: 'e2', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/someone-else' } },
  ],
  Flag: [{ resourceType: 'Flag', id: 'f1', status: 'active', code: { text: 'Lives alone' }, subject }],
};
const CAPS = (batch: boolean): CapabilityStatement => ({
  resourceType: 'CapabilityStatement', status: 'active', date: '2026-11-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
  rest: [{ mode: 'server', ...(batch ? { interaction: [{ code: 'batch' as const }] } : {}) }],
});

const typeOf = (path: string) => path.split('?')[0] as string;
const found = (resources: FhirResource[], outcomes: OperationOutcome[] = []): SearchResult => ({ resources, outcomes, pages: 1 });
const http = (status: number) => new FhirError({ kind: 'http', status, reason: `The server answered HTTP ${status}` });

/** A plain fake transport: each search answered from `answer(path)` (a result or a thrown error). */
function fakeTransport(answer: (path: string) => Promise<SearchResult> = defaultAnswer, caps: Promise<unknown> = Promise.resolve(CAPS(true))) {
  const calls: string[] = [];
  const transport: FhirTransport = {
    baseUrl: ENDPOINT.fhirBaseUrl,
    get: vi.fn(async (path: string) => {
      calls.push(`GET ${path}`);
      return (await caps) as never;
    }),
    searchAll: vi.fn(async (path: string, opts) => {
      calls.push(`SEARCH ${path}`);
      opts?.onPage?.({ pages: 1, resources: 0 });
      return answer(path);
    }),
    batchSearch: vi.fn(async (paths: string[], opts) => {
      calls.push(`BATCH ${paths.map(typeOf).join(',')}`);
      opts?.onPage?.({ pages: paths.length, resources: 0 });
      return Promise.all(
        paths.map((path) => answer(path).then((result): BatchSearchResult => ({ path, ok: true, result }), (error: FhirError): BatchSearchResult => ({ path, ok: false, error }))),
      );
    }),
  };
  return { transport, calls };
}

async function defaultAnswer(path: string): Promise<SearchResult> {
  if (path.startsWith('Patient?')) return found([PATIENT]);
  return found(RECORDS[typeOf(path)] ?? []);
}

function fakeAccess(auth: EndpointAuthState = { state: 'authorised' }, grantedScope?: string): EndpointAccess {
  return {
    ...(grantedScope !== undefined ? { grantedScope: () => grantedScope } : {}),
    endpointId: ENDPOINT.id, origin: 'https://fenland.example', authorise: vi.fn(async () => auth), signInInteractively: vi.fn(async () => auth),
    getHeaders: async () => ({}), reauthorise: async () => undefined, dispose: () => undefined, subscribe: () => () => undefined, current: () => auth,
  };
}

function run(overrides: Partial<RetrieveOptions> & { transport: FhirTransport }) {
  const progress: SourceState[] = [];
  let t = 0;
  const result = retrieveFromEndpoint({
    endpoint: ENDPOINT, access: fakeAccess(), identity: IDENTITY, now: () => new Date('2026-11-21T10:00:00Z'),
    elapsed: () => (t += 400), onProgress: (s) => progress.push(s), ...overrides,
  });
  return { result, progress };
}

describe('retrieveFromEndpoint', () => {
  it('asks for everything in one batch, each search constrained to the person, then matches and normalises', async () => {
    const { transport, calls } = fakeTransport();
    const { result, progress } = run({ transport });
    const r = await result;
    expect(calls).toEqual([
      'GET metadata',
      'BATCH Patient,Consent,MedicationRequest,MedicationStatement,Encounter,CarePlan,Flag,AllergyIntolerance,Observation,DiagnosticReport,DocumentReference,Condition,Patient,CareTeam,EpisodeOfCare,RelatedPerson',
    ]);
    const sent = vi.mocked(transport.batchSearch).mock.calls[0]?.[0] ?? [];
    const person = `patient.identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${NHS}`)}&patient.birthdate=1941-05-12`;
    expect(sent[0]).toBe(`Patient?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${NHS}`)}`);
    expect(sent[1]).toBe(`Consent?${person}&status=active&_count=1000`);
    expect(sent).toContain(`Condition?${person}&_count=1000`);
    expect(sent.join(' ')).not.toContain('MH1');
    expect(r.records.map((x) => x.key)).toEqual(['fenland-mh/Encounter/e1', 'fenland-mh/Flag/f1']);
    expect(r.records[0]?.source).toEqual({ endpointId: 'fenland-mh', organisationName: ENDPOINT.organisationName, odsCode: 'R9M01' });
    // e2 is about someone else: dropped, and the source is not complete.
    expect(r.status).toEqual({
      state: 'partial', counts: { encounter: 1, alert: 1 }, failed: [], reason: '1 record about another patient was dropped',
      asOf: '2026-11-21T10:00:00.000Z', unreadable: 0,
    });
    expect(progress[0]).toEqual({ state: 'authorising' });
    // One page for each of the batch's 16 searches (identifier, Consents and 14 sections).
    expect(progress).toContainEqual({ state: 'loading', pagesSoFar: 16 });
  });

  it('is ok with counts and the time taken when everything arrives about the right patient', async () => {
    const { transport } = fakeTransport((p) => (p.startsWith('Encounter') ? Promise.resolve(found([RECORDS.Encounter?.[0] as FhirResource])) : defaultAnswer(p)));
    const r = await run({ transport }).result;
    expect(r.status).toEqual({ state: 'ok', counts: { encounter: 1, alert: 1 }, tookMs: 400, asOf: '2026-11-21T10:00:00.000Z', unreadable: 0 });
  });

  it('matches first, then asks by the local id, when the server does not offer batch, or metadata fails', async () => {
    for (const caps of [Promise.resolve(CAPS(false)), Promise.reject(http(404))]) {
      const { transport, calls } = fakeTransport(defaultAnswer, caps);
      const r = await run({ transport }).result;
      expect(transport.batchSearch).not.toHaveBeenCalled();
      expect(calls.filter((c) => c.startsWith('SEARCH'))).toHaveLength(16);
      expect(r.records).toHaveLength(2);
    }
  });

  it('waits for the server’s capabilities (probed while the user read the question) before its one request', async () => {
    let release: (v: unknown) => void = () => undefined;
    const { transport, calls } = fakeTransport(defaultAnswer, new Promise((resolve) => (release = resolve)));
    const pending = run({ transport, metadataGraceMs: 5000 }).result;
    await vi.waitFor(() => expect(calls).toEqual(['GET metadata']));
    release(CAPS(true));
    await pending;
    expect(transport.batchSearch).toHaveBeenCalledTimes(1);
    expect(transport.searchAll).not.toHaveBeenCalled();
  });

  it('takes the probe’s answer over metadata where the caller has one', async () => {
    const { transport, calls } = fakeTransport(defaultAnswer, Promise.resolve(CAPS(false)));
    await run({ transport, probe: async () => ({ batch: true }) }).result;
    expect(calls).toEqual([expect.stringMatching(/^BATCH Patient,Consent,/)]);
  });

  it('asks for Compositions only where the server lists Composition search, and lists them as documents', async () => {
    const composition: FhirResource = {
      resourceType: 'Composition', id: 'c1', status: 'final', type: { text: 'Care summary' }, title: 'Community nursing care summary',
      date: '2026-10-02', subject, author: [{ display: 'District nursing team' }],
    };
    const answer = (p: string) => (p.startsWith('Composition?') ? Promise.resolve(found([composition])) : defaultAnswer(p));
    const withComposition: CapabilityStatement = {
      ...CAPS(true),
      rest: [{ mode: 'server', interaction: [{ code: 'batch' }], resource: [{ type: 'Composition', interaction: [{ code: 'read' }, { code: 'search-type' }] }] }],
    };
    const offered = fakeTransport(answer);
    const r = await run({ transport: offered.transport, probe: async () => ({ batch: true, statement: withComposition }) }).result;
    expect(offered.calls).toEqual([
      'BATCH Patient,Consent,MedicationRequest,MedicationStatement,Encounter,CarePlan,Flag,AllergyIntolerance,Observation,DiagnosticReport,DocumentReference,Composition,Condition,Patient,CareTeam,EpisodeOfCare,RelatedPerson',
    ]);
    expect(r.records.filter((x) => x.kind === 'document').map((x) => [x.key, x.kind === 'document' && x.title])).toEqual([['fenland-mh/Composition/c1', 'Community nursing care summary']]);

    // Read only (no search-type), or no statement at all: not asked.
    const readOnly: CapabilityStatement = { ...CAPS(true), rest: [{ mode: 'server', interaction: [{ code: 'batch' }], resource: [{ type: 'Composition', interaction: [{ code: 'read' }] }] }] };
    for (const statement of [readOnly, undefined]) {
      const other = fakeTransport(answer);
      await run({ transport: other.transport, probe: async () => ({ batch: true, ...(statement ? { statement } : {}) }) }).result;
      expect(other.calls).toHaveLength(1);
      expect(other.calls[0]).not.toContain('Composition');
    }
  });

  describe('a server not probed before the decision (optimistic)', () => {
    const composition: FhirResource = {
      resourceType: 'Composition', id: 'c1', status: 'final', type: { text: 'Care summary' }, title: 'Community nursing care summary',
      date: '2026-10-02', subject, author: [{ display: 'District nursing team' }],
    };
    const withComposition: CapabilityStatement = {
      ...CAPS(true),
      rest: [{ mode: 'server', interaction: [{ code: 'batch' }], resource: [{ type: 'Composition', interaction: [{ code: 'search-type' }] }] }],
    };

    it('sends its one batch at once, Composition included, with the probe alongside, not after it', async () => {
      let answerProbe: (p: EndpointProbe) => void = () => undefined;
      const probe = vi.fn(() => new Promise<EndpointProbe>((resolve) => (answerProbe = resolve)));
      const { transport, calls } = fakeTransport((p) => (p.startsWith('Composition?') ? Promise.resolve(found([composition])) : defaultAnswer(p)));
      const pending = run({ transport, probe, optimistic: true, metadataGraceMs: 5000 }).result;
      await vi.waitFor(() => expect(calls).toEqual([expect.stringMatching(/^BATCH Patient,Consent,.*,Composition,/)]));
      expect(probe).toHaveBeenCalledTimes(1);
      answerProbe({ batch: true, statement: withComposition });
      const r = await pending;
      expect(calls).toHaveLength(1);
      expect(r.records.map((x) => x.key)).toEqual(['fenland-mh/Encounter/e1', 'fenland-mh/Flag/f1', 'fenland-mh/Composition/c1']);
      expect(r.status.state).toBe('partial'); // the other patient's Encounter
    });

    it('drops the Composition search, failed or not, where the probe does not say it is offered', async () => {
      for (const answer of [(p: string) => (p.startsWith('Composition?') ? Promise.reject(http(400)) : defaultAnswer(p)), (p: string) => (p.startsWith('Composition?') ? Promise.resolve(found([composition])) : defaultAnswer(p))]) {
        const { transport } = fakeTransport(answer);
        const r = await run({ transport, probe: async () => ({ batch: true, statement: CAPS(true) }), optimistic: true }).result;
        expect(r.records.map((x) => x.key)).toEqual(['fenland-mh/Encounter/e1', 'fenland-mh/Flag/f1']);
        expect(JSON.stringify(r.status)).not.toMatch(/Composition|document/i);
      }
    });

    it('asks search by search, still constrained to the person, where the server refuses the batch', async () => {
      const { transport, calls } = fakeTransport();
      vi.mocked(transport.batchSearch).mockRejectedValue(http(405));
      const r = await run({ transport, probe: async () => ({ batch: false }), optimistic: true }).result;
      const searches = calls.filter((c) => c.startsWith('SEARCH ')).map((c) => c.slice('SEARCH '.length));
      const PERSON = 'patient.identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000026&patient.birthdate=1941-05-12';
      expect(searches).toHaveLength(17); // the identifier search, the Consents and the 15 section searches, Composition included
      expect(searches.filter((p) => !p.startsWith('Patient?')).every((p) => p.includes(PERSON))).toBe(true);
      expect(searches.filter((p) => p.startsWith('Patient?'))).toEqual([
        'Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000026',
        'Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000026&birthdate=1941-05-12',
      ]);
      expect(r.records.map((x) => x.key)).toEqual(['fenland-mh/Encounter/e1', 'fenland-mh/Flag/f1']);
    });
  });

  it('matches, then asks by the local id, when the server refuses chained search', async () => {
    const { transport, calls } = fakeTransport((p) => (p.includes('patient.identifier') ? Promise.reject(http(400)) : defaultAnswer(p)));
    const r = await run({ transport }).result;
    expect(calls.slice(2)).toEqual([
      'SEARCH Consent?patient=MH1&status=active&_count=200',
      'BATCH MedicationRequest,MedicationStatement,Encounter,CarePlan,Flag,AllergyIntolerance,Observation,DiagnosticReport,DocumentReference,Condition,Patient,CareTeam,EpisodeOfCare,RelatedPerson',
    ]);
    expect(r.records.map((x) => x.key)).toEqual(['fenland-mh/Encounter/e1', 'fenland-mh/Flag/f1']);
  });

  it('does not wait long for a slow metadata: it searches without batch', async () => {
    const { transport } = fakeTransport(defaultAnswer, new Promise(() => undefined));
    const r = await run({ transport, metadataGraceMs: 10 }).result;
    expect(transport.batchSearch).not.toHaveBeenCalled();
    expect(r.records).toHaveLength(2);
  });

  it('stops before any request when the user must sign in', async () => {
    const { transport, calls } = fakeTransport();
    const r = await run({ transport, access: fakeAccess({ state: 'sign-in-needed', reason: 'Your session there has ended' }) }).result;
    expect(r.status).toEqual({ state: 'sign-in-needed', reason: 'Your session there has ended' });
    expect(calls).toEqual([]);
  });

  it('fails, retryably, when signing in fails', async () => {
    const { transport, calls } = fakeTransport();
    const r = await run({ transport, access: fakeAccess({ state: 'failed', reason: 'The sign-in service could not be reached' }) }).result;
    expect(r.status).toEqual({ state: 'failed', reason: 'The sign-in service could not be reached', retryable: true, problem: 'unreachable' });
    expect(calls).toEqual([]);
  });

  it('excludes the source, with the reason, when the patient does not match: nothing the batch brought is kept', async () => {
    const { transport } = fakeTransport((p) => (p.startsWith('Patient?') ? Promise.resolve(found([{ ...PATIENT, birthDate: '1941-12-05' }])) : defaultAnswer(p)));
    const r = await run({ transport }).result;
    expect(r.status).toEqual({ state: 'excluded', reason: expect.stringContaining('Date of birth differs') });
    expect(r.records).toEqual([]);
  });

  it('without batch, excludes a patient who does not match before asking for anything else', async () => {
    const { transport, calls } = fakeTransport((p) => Promise.resolve(p.startsWith('Patient?') ? found([{ ...PATIENT, birthDate: '1941-12-05' }]) : found([])), Promise.resolve(CAPS(false)));
    const r = await run({ transport }).result;
    expect(r.status).toEqual({ state: 'excluded', reason: expect.stringContaining('Date of birth differs') });
    expect(calls.filter((c) => c.startsWith('SEARCH') || c.startsWith('BATCH'))).toHaveLength(1);
  });

  it('is partial when some searches fail: what arrived is kept, the failed ones are named', async () => {
    const { transport } = fakeTransport((p) => (p.startsWith('Encounter') || p.startsWith('CarePlan') ? Promise.reject(http(500)) : defaultAnswer(p)));
    const r = await run({ transport }).result;
    expect(r.status).toMatchObject({ state: 'partial', failed: ['Encounter', 'CarePlan'], reason: 'The server answered HTTP 500', counts: { alert: 1 } });
    expect(r.records.map((x) => x.kind)).toEqual(['alert']);
  });

  it('fails when every search fails, retryable for a server error and not for a refusal', async () => {
    // RFC 9110 §15.6 (5xx: the server failed), RFC 6585 §4 (429: too many requests), §15.5.4 (403: refused).
    for (const [status, retryable, problem] of [[503, true, 'server-error'], [429, true, 'busy'], [403, false, 'refused']] as const) {
      const { transport } = fakeTransport((p) => ((p.startsWith('Patient?identifier') && !p.includes('birthdate')) || p.startsWith('Consent?') ? defaultAnswer(p) : Promise.reject(http(status))));
      const r = await run({ transport }).result;
      expect(r.status).toEqual({ state: 'failed', reason: `The server answered HTTP ${status}`, retryable, problem });
    }
  });

  it('fails retryably when the identifier search cannot reach the server', async () => {
    const { transport } = fakeTransport(() => Promise.reject(new FhirError({ kind: 'network', reason: 'The server could not be reached' })));
    expect((await run({ transport }).result).status).toEqual({ state: 'failed', reason: 'The server could not be reached', retryable: true, problem: 'unreachable' });
  });

  it('asks the user to sign in when the server still refuses the token after re-authorising', async () => {
    const { transport } = fakeTransport(() => Promise.reject(new FhirError({ kind: 'unauthorized', reason: 'The organisation did not accept the sign-in' })));
    expect((await run({ transport }).result).status).toEqual({ state: 'sign-in-needed', reason: 'The organisation did not accept the sign-in', problem: 'rejected-sign-in' });
  });

  it('falls back to separate searches when the server refuses the batch itself', async () => {
    const { transport } = fakeTransport();
    vi.mocked(transport.batchSearch).mockRejectedValueOnce(http(405));
    const r = await run({ transport }).result;
    expect(transport.searchAll).toHaveBeenCalledTimes(16);
    expect(r.records).toHaveLength(2);
  });

  it('does not ask search by search where its probe showed it takes batch: the refusal is of the searches, asked once', async () => {
    const { transport } = fakeTransport();
    vi.mocked(transport.batchSearch).mockRejectedValueOnce(http(400));
    const r = await run({ transport, probe: async () => ({ batch: true }) }).result;
    expect(transport.batchSearch).toHaveBeenCalledTimes(1);
    expect(transport.searchAll).not.toHaveBeenCalled();
    expect(r.status).toMatchObject({ state: 'failed' });
  });

  it('sent before its probe answered (optimistic), a refused batch waits for the probe: asked search by search only if it takes no batch', async () => {
    const takesBatch = fakeTransport();
    vi.mocked(takesBatch.transport.batchSearch).mockRejectedValueOnce(http(400));
    const refused = await run({ transport: takesBatch.transport, probe: () => new Promise((r) => setTimeout(() => r({ batch: true }), 20)), optimistic: true }).result;
    expect(takesBatch.transport.searchAll).not.toHaveBeenCalled();
    expect(refused.status).toMatchObject({ state: 'failed' });

    const noBatch = fakeTransport();
    vi.mocked(noBatch.transport.batchSearch).mockRejectedValueOnce(http(405));
    const asked = await run({ transport: noBatch.transport, probe: () => new Promise((r) => setTimeout(() => r({ batch: false }), 20)), optimistic: true }).result;
    expect(noBatch.transport.searchAll).toHaveBeenCalled();
    expect(asked.records).toHaveLength(2);
  });

  it('times out after endpoint.timeoutMs and aborts what is in flight', async () => {
    let seen: AbortSignal | undefined;
    const { transport } = fakeTransport();
    vi.mocked(transport.batchSearch).mockImplementation((_p, opts) => {
      seen = opts?.signal;
      return new Promise(() => undefined);
    });
    const r = await run({ transport, endpoint: { ...ENDPOINT, timeoutMs: 30 } }).result;
    expect(r.status).toEqual({ state: 'timed-out', afterMs: 30 });
    expect(seen?.aborted).toBe(true);
  });

  it('counts its time limit from `timedFrom` (the permission stored), not from when it was prepared', async () => {
    const { transport } = fakeTransport();
    vi.mocked(transport.batchSearch).mockImplementation(() => new Promise(() => undefined));
    let stored: () => void = () => undefined;
    const settledAt: number[] = [];
    const started = Date.now();
    const pending = run({ transport, endpoint: { ...ENDPOINT, timeoutMs: 30 }, timedFrom: new Promise<void>((r) => (stored = r)) }).result.then((r) => {
      settledAt.push(Date.now() - started);
      return r;
    });
    await new Promise((r) => setTimeout(r, 100));
    // Far past its 30 ms while the permission was being stored: not timed out.
    expect(settledAt).toEqual([]);
    stored();
    const r = await pending;
    expect(r.status).toEqual({ state: 'timed-out', afterMs: 30 });
    expect(settledAt[0]).toBeGreaterThanOrEqual(125);
  });

  it('counts what the server says it withheld', async () => {
    const withheld: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'suppressed', diagnostics: 'Some records withheld' }] };
    const { transport } = fakeTransport((p) => (p.startsWith('Flag') ? Promise.resolve(found([], [withheld])) : defaultAnswer(p)));
    const r = await run({ transport }).result;
    expect(r.withheld).toBe(1);
    expect(r.outcomes).toEqual([withheld]);
  });

  describe('objections (docs/access-policy.md)', () => {
    const deny = (actor: { reference?: string; identifier?: { system: string; value: string } }, patient: object = subject): FhirResource => ({
      resourceType: 'Consent', id: 'c1', status: 'active', dateTime: '2025-06-10T10:30:00Z',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ text: 'Patient consent' }], patient,
      provision: { type: 'deny', actor: [{ role: { text: 'custodian' }, reference: actor }] },
    });
    const register = [deny({ identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'R9M01' } }, { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: NHS } })];

    it('keeps nothing of the record when the register holds an objection to this organisation', async () => {
      const { transport } = fakeTransport();
      const r = await run({ transport, objection: { registerConsents: register, overridden: false } }).result;
      expect(r.status).toEqual({ state: 'objected', heldBy: ['register'] });
      expect(r.objections).toEqual([{ heldBy: 'register', consentId: 'c1', recorded: '2025-06-10T10:30:00Z' }]);
      expect(r.records).toEqual([]);
    });

    it('without batch, asks for nothing of the record when the register holds an objection', async () => {
      const { transport, calls } = fakeTransport(defaultAnswer, Promise.resolve(CAPS(false)));
      const r = await run({ transport, objection: { registerConsents: register, overridden: false } }).result;
      expect(r.status).toEqual({ state: 'objected', heldBy: ['register'] });
      expect(calls.filter((c) => !c.startsWith('GET metadata'))).toEqual([`SEARCH Patient?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${NHS}`)}`]);
    });

    it('settles nothing before the register has answered, which is asked alongside', async () => {
      let answer: (consents: readonly unknown[]) => void = () => undefined;
      const registerConsents = new Promise<readonly unknown[]>((resolve) => (answer = resolve));
      const { transport } = fakeTransport();
      let settled = false;
      const pending = run({ transport, objection: { registerConsents, overridden: false } }).result.then((r) => ((settled = true), r));
      await vi.waitFor(() => expect(transport.batchSearch).toHaveBeenCalled());
      await new Promise((r) => setTimeout(r, 20));
      expect(settled).toBe(false);
      answer(register);
      expect((await pending).status).toEqual({ state: 'objected', heldBy: ['register'] });
    });

    it('shows nothing when the register could not be read', async () => {
      const { transport } = fakeTransport();
      const r = await run({ transport, objection: { registerConsents: Promise.reject(new Error('The objection register could not be reached')), overridden: false } }).result;
      expect(r.status).toEqual({ state: 'failed', retryable: true, reason: 'Could not check the objection register, so none of this organisation’s records are shown (The objection register could not be reached)' });
      expect(r.records).toEqual([]);
    });

    it('finds the organisation’s own objection among the batch’s answers, and keeps nothing else', async () => {
      const { transport } = fakeTransport((p) => (p.startsWith('Consent?') ? Promise.resolve(found([deny({ reference: 'Organization/R9M01' })])) : defaultAnswer(p)));
      const r = await run({ transport }).result;
      expect(r.status).toEqual({ state: 'objected', heldBy: ['organisation'] });
      expect(r.records).toEqual([]);
    });

    it('retrieves under an override, saying so, when the user overrode the objection', async () => {
      const { transport } = fakeTransport();
      const r = await run({ transport, objection: { registerConsents: register, overridden: true } }).result;
      expect(r.status.state).toBe('partial');
      expect(r.records).toHaveLength(2);
      expect(r.overridden).toBe(true);
      expect(r.objections).toHaveLength(1);
    });

    it('says, for the audit trail, that an answer already received was set aside unread, and why; never where nothing was received', async () => {
      const notes: string[] = [];
      const onDiscarded = (why: string) => notes.push(why);
      // One batch: the records came with the objection.
      await run({ transport: fakeTransport().transport, objection: { registerConsents: register, overridden: false }, onDiscarded }).result;
      await run({ transport: fakeTransport((p) => (p.startsWith('Consent?') ? Promise.resolve(found([deny({ reference: 'Organization/R9M01' })])) : defaultAnswer(p))).transport, onDiscarded }).result;
      await run({ transport: fakeTransport().transport, objection: { registerConsents: Promise.reject(new Error('down')), overridden: false }, onDiscarded }).result;
      await run({ transport: fakeTransport((p) => (p.startsWith('Consent?') ? Promise.reject(http(503)) : defaultAnswer(p))).transport, onDiscarded }).result;
      expect(notes).toEqual([
        'Not shown: the patient objects to sharing this organisation’s records (recorded by the objection register)',
        'Not shown: the patient objects to sharing this organisation’s records (recorded by this organisation)',
        'Not shown: the objection register could not be checked',
        'Not shown: whether the patient objected to sharing this organisation’s records could not be checked',
      ]);
      // Without batch the objection is found before the record is asked for: nothing to set aside.
      await run({ transport: fakeTransport(defaultAnswer, Promise.resolve(CAPS(false))).transport, objection: { registerConsents: register, overridden: false }, onDiscarded }).result;
      // Under an override the record is shown.
      await run({ transport: fakeTransport().transport, objection: { registerConsents: register, overridden: true }, onDiscarded }).result;
      expect(notes).toHaveLength(4);
    });

    it('shows nothing from an organisation whose objections could not be checked', async () => {
      const { transport, calls } = fakeTransport((p) => (p.startsWith('Consent?') ? Promise.reject(http(503)) : defaultAnswer(p)));
      const r = await run({ transport }).result;
      expect(r.status).toEqual({
        state: 'failed', retryable: true, problem: 'objection-check',
        reason: 'Could not check whether the patient objected to sharing this organisation’s records, so none are shown (The server answered HTTP 503)',
      });
      expect(r.records).toEqual([]);
      expect(calls.some((c) => c.startsWith('BATCH'))).toBe(true);
    });
  });

  describe('the first pages read ahead while the later pages are fetched', () => {
    const later: FhirResource = { resourceType: 'Encounter', id: 'e3', status: 'finished', class: { code: 'AMB' }, subject, period: { start: '2026-10-03' } };
    const e1 = RECORDS.Encounter![0]!;
    const f1 = RECORDS.Flag![0]!;
    /** A batch whose Encounter search has a second page: the first pages are given as the batch is answered, the whole answer after. */
    function pagedTransport(consents: FhirResource[] = [], consentsComplete = true): FhirTransport {
      const first = (path: string): FhirResource[] =>
        path.startsWith('Patient?') ? [PATIENT] : path.startsWith('Consent?') ? consents : path.startsWith('Encounter?') ? [e1] : path.startsWith('Flag?') ? [f1] : [];
      return {
        baseUrl: ENDPOINT.fhirBaseUrl,
        get: vi.fn(async () => CAPS(true) as never),
        searchAll: vi.fn(async () => found([])),
        batchSearch: vi.fn(async (paths: string[], opts) => {
          opts?.onFirstPages?.(paths.map((p) => ({ result: found(first(p)), complete: p.startsWith('Consent?') ? consentsComplete : !p.startsWith('Encounter?') })));
          await new Promise((r) => setTimeout(r, 5));
          return paths.map((path): BatchSearchResult => ({ path, ok: true, result: found(path.startsWith('Encounter?') ? [e1, later] : first(path)) }));
        }),
      };
    }
    const denyHere: FhirResource = {
      resourceType: 'Consent', id: 'c9', status: 'active', dateTime: '2025-06-10T10:30:00Z', patient: subject,
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ text: 'Patient consent' }], provision: { type: 'deny', actor: [{ role: { text: 'custodian' }, reference: { reference: 'Organization/R9M01' } }] },
    };

    it('reads the sections’ first pages ahead, once, and the record is the whole answer’s', async () => {
      vi.mocked(prenormalise).mockClear();
      const r = await run({ transport: pagedTransport() }).result;
      expect(prenormalise).toHaveBeenCalledTimes(1);
      // The sections' searches only (the Patient again, for its registered GP), not the identifier search nor the Consents.
      expect(prenormalise).toHaveBeenCalledWith([e1, f1, PATIENT], { endpointId: 'fenland-mh', organisationName: ENDPOINT.organisationName, odsCode: 'R9M01' });
      expect(r.records.map((x) => x.key)).toEqual(['fenland-mh/Encounter/e1', 'fenland-mh/Encounter/e3', 'fenland-mh/Flag/f1']);
      expect(r.status).toMatchObject({ state: 'ok', counts: { encounter: 2, alert: 1 } });
    });

    it('hands what it read ahead to the reading of the whole answer', async () => {
      vi.mocked(prenormalise).mockClear();
      vi.mocked(normaliseResources).mockClear();
      await run({ transport: pagedTransport() }).result;
      const memo = vi.mocked(prenormalise).mock.results[0]?.value;
      expect(memo).toBeDefined();
      expect(normaliseResources).toHaveBeenCalledTimes(1);
      expect(vi.mocked(normaliseResources).mock.calls[0]?.[2]).toBe(memo);
    });

    it('reads nothing ahead where the batch’s answer is the whole answer', async () => {
      vi.mocked(prenormalise).mockClear();
      const { transport } = fakeTransport();
      const whole = transport.batchSearch;
      transport.batchSearch = vi.fn(async (paths: string[], opts) => {
        opts?.onFirstPages?.(paths.map(() => ({ result: found([]), complete: true })));
        return whole(paths, opts);
      });
      await run({ transport }).result;
      await new Promise((r) => setTimeout(r, 20));
      expect(prenormalise).not.toHaveBeenCalled();
    });

    it('reads nothing ahead for an organisation whose own Consents object, nor where the register objects', async () => {
      vi.mocked(prenormalise).mockClear();
      const own = await run({ transport: pagedTransport([denyHere]) }).result;
      expect(own.status).toEqual({ state: 'objected', heldBy: ['organisation'] });
      const register = [{ ...denyHere, patient: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: NHS } }, provision: { type: 'deny', actor: [{ role: { text: 'custodian' }, reference: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'R9M01' } } }] } }];
      const held = await run({ transport: pagedTransport(), objection: { registerConsents: register, overridden: false } }).result;
      expect(held.status).toEqual({ state: 'objected', heldBy: ['register'] });
      expect(prenormalise).not.toHaveBeenCalled();
    });

    it('reads nothing ahead while the organisation’s Consents run past their first page', async () => {
      vi.mocked(prenormalise).mockClear();
      const r = await run({ transport: pagedTransport([], false) }).result;
      expect(prenormalise).not.toHaveBeenCalled();
      expect(r.records.map((x) => x.key)).toEqual(['fenland-mh/Encounter/e1', 'fenland-mh/Encounter/e3', 'fenland-mh/Flag/f1']);
    });
  });

  describe('an answer about objections that says it is not all of them', () => {
    // FHIR R4: a searchset may carry an OperationOutcome (search.mode = outcome) saying what it left out or could not do.
    const note = (severity: string, code: string) => ({ resourceType: 'OperationOutcome', issue: [{ severity, code }] }) as OperationOutcome;
    const cases: Array<[string, SearchResult, string]> = [
      ['withheld Consents', found([], [note('information', 'suppressed')]), 'The organisation said it did not send every objection (suppressed)'],
      ['a search too costly to finish', found([], [note('error', 'too-costly')]), 'The organisation said it did not send every objection (too-costly)'],
      ['a total above what it sent', { ...found([]), total: 1 }, 'The organisation counted 1 objection but sent 0'],
      ['a note that cannot be read', found([], [{ resourceType: 'OperationOutcome', issue: { code: 'suppressed' } } as unknown as OperationOutcome]), 'The organisation sent a note with its answer that could not be read, so it may not have sent every objection'],
    ];
    for (const [what, consents, why] of cases) {
      it(`withholds every record, saying why: ${what}`, async () => {
        const { transport } = fakeTransport((p) => (p.startsWith('Consent?') ? Promise.resolve(consents) : defaultAnswer(p)));
        const r = await run({ transport }).result;
        expect(r.status).toEqual({
          state: 'failed', retryable: false, problem: 'objection-check',
          reason: `Could not check whether the patient objected to sharing this organisation’s records, so none are shown (${why})`,
        });
        expect(r.records).toEqual([]);
      });
    }

    it('takes a note that leaves nothing out (a warning about something else) and a total it met as it takes no note', async () => {
      const statusWith = async (consents: SearchResult) => {
        const { transport } = fakeTransport((p) => (p.startsWith('Consent?') ? Promise.resolve(consents) : defaultAnswer(p)));
        return (await run({ transport }).result).status;
      };
      const plain = await statusWith(found([]));
      expect(plain.state).toBe('partial'); // the default answers hold a record about someone else
      expect(await statusWith({ ...found([], [note('warning', 'informational')]), total: 0 })).toEqual(plain);
    });
  });

  it('rejects when the caller cancels, instead of reporting a failure', async () => {
    const controller = new AbortController();
    const { transport } = fakeTransport();
    vi.mocked(transport.batchSearch).mockImplementation((_p, opts) => new Promise((_resolve, reject) => {
      opts?.signal?.addEventListener('abort', () => reject(new FhirError({ kind: 'aborted', reason: 'Cancelled' })));
    }));
    const pending = run({ transport, signal: controller.signal }).result;
    controller.abort();
    await expect(pending).rejects.toBeDefined();
  });

  it('excludes a source whose Patient has a numeric NHS number or an object for a list, with the reason, instead of failing the page', async () => {
    const shapes: unknown[] = [
      { ...PATIENT, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: Number(NHS) }] },
      { ...PATIENT, identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: NHS } },
      { ...PATIENT, name: { family: 'Pennington' } },
    ];
    for (const bad of shapes) {
      const { transport } = fakeTransport(async (path) => (path.startsWith('Patient?') ? found([bad as Patient]) : defaultAnswer(path)));
      const r = await run({ transport }).result;
      expect(r.status).toEqual({ state: 'excluded', reason: expect.stringMatching(/^A patient record here is not in the expected form \(.+\), so the match cannot be confirmed$/) });
      expect(r.records).toEqual([]);
    }
  });

  it('ends a shape nobody foresaw as this source’s failure with a reason, never an error for the page', async () => {
    const outcome = { resourceType: 'OperationOutcome', issue: { code: 'suppressed' } } as unknown as OperationOutcome;
    const odd = { ...PATIENT, get birthDate(): string { throw new TypeError('boom'); } } as Patient;
    for (const answer of [
      async (path: string) => (path.startsWith('Patient?') ? found([odd]) : defaultAnswer(path)),
    ]) {
      const { transport } = fakeTransport(answer);
      const r = await run({ transport }).result;
      expect(r.status).toEqual({ state: 'failed', reason: 'This organisation’s answer was not in the expected form, so nothing from it is shown', retryable: false });
    }
    // A server-withheld outcome whose issue is not a list, on a data search, is read as none, not a crash.
    const { transport } = fakeTransport(async (path) =>
      path.startsWith('Patient?') ? found([PATIENT]) : path.startsWith('Consent?') ? found([]) : found(RECORDS[typeOf(path)] ?? [], [outcome]));
    expect((await run({ transport }).result).status.state).not.toBe('failed');
  });

  describe('granted scopes', () => {
    const GRANTED = 'openid fhirUser patient/Patient.rs patient/Consent.rs patient/Encounter.rs patient/Flag.rs';

    it('sends only the granted searches and says which scopes are missing: partial, never silently empty', async () => {
      const { transport, calls } = fakeTransport((p) => (p.startsWith('Encounter') ? Promise.resolve(found([RECORDS.Encounter?.[0] as FhirResource])) : defaultAnswer(p)));
      const r = await run({ transport, access: fakeAccess({ state: 'authorised' }, GRANTED) }).result;
      expect(calls).toContain('BATCH Patient,Consent,Encounter,Flag,Patient');
      expect(r.records.map((x) => x.key)).toEqual(['fenland-mh/Encounter/e1', 'fenland-mh/Flag/f1']);
      expect(r.status.state).toBe('partial');
      if (r.status.state !== 'partial') return;
      expect(r.status.failed).toEqual([]);
      expect(r.status.notGranted?.map((n) => n.type)).toEqual([
        'MedicationRequest', 'MedicationStatement', 'CarePlan', 'AllergyIntolerance', 'Observation', 'DiagnosticReport', 'DocumentReference', 'Condition', 'CareTeam', 'EpisodeOfCare', 'RelatedPerson',
      ]);
      expect(r.status.notGranted).toContainEqual({ type: 'Observation', scope: 'patient/Observation.rs' });
      expect(r.status.reason).toContain('Observation (needs patient/Observation.rs)');
    });

    it('filters the searches by the local id too (no batch)', async () => {
      const { transport, calls } = fakeTransport(defaultAnswer, Promise.resolve(CAPS(false)));
      const r = await run({ transport, access: fakeAccess({ state: 'authorised' }, GRANTED) }).result;
      expect(calls.filter((c) => c.startsWith('SEARCH')).map((c) => c.slice(7).split('?')[0])).toEqual(['Patient', 'Consent', 'Encounter', 'Flag', 'Patient']);
      expect(r.status.state === 'partial' && r.status.notGranted?.length).toBe(11);
    });

    it.each([
      ['Consent', 'openid patient/Patient.rs patient/Encounter.rs', /did not grant patient\/Consent\.rs, so the patient’s objections cannot be checked there/],
      ['Patient', 'openid patient/Consent.rs patient/*.r', /did not grant patient\/Patient\.rs, so the patient cannot be matched there/],
    ])('fails closed, asking nothing, when %s is not granted', async (_type, scope, reason) => {
      const { transport, calls } = fakeTransport();
      const r = await run({ transport, access: fakeAccess({ state: 'authorised' }, scope) }).result;
      expect(calls.filter((c) => !c.startsWith('GET metadata'))).toEqual([]);
      expect(r.records).toEqual([]);
      expect(r.status).toMatchObject({ state: 'failed', retryable: false, problem: 'not-granted', reason: expect.stringMatching(reason) });
    });

    it('sends everything when every type is granted (wildcard) or what was granted is unknown', async () => {
      for (const access of [fakeAccess({ state: 'authorised' }, 'openid user/*.rs'), fakeAccess({ state: 'authorised' }, 'launch patient/*.read'), fakeAccess()]) {
        const { transport, calls } = fakeTransport();
        await run({ transport, access }).result;
        expect(calls[1]?.split(',')).toHaveLength(16);
      }
    });
  });
});

describe('retrieveFromEndpoint with the real transport: a byte budget per source, across pages', () => {
  const BASE = ENDPOINT.fhirBaseUrl;
  const searchset = (entries: FhirResource[], next?: string) =>
    ({ resourceType: 'Bundle', type: 'searchset', entry: entries.map((resource) => ({ resource })), link: next ? [{ relation: 'next', url: next }] : [] }) as const;
  /** Encounters in pages of about 6 KB each, every page under any per-answer limit. */
  const encounterPage = (n: number, last: number) =>
    searchset(
      [{ resourceType: 'Encounter', id: `e${n}`, status: 'finished', class: { code: 'AMB' }, subject, period: { start: '2026-10-01' }, meta: { tag: [{ code: 'x'.repeat(6_000) }] } }],
      n < last ? `${BASE}/Encounter?subject=MH1&page=${n + 1}` : undefined,
    );

  async function retrieveWithBudget(budgetBytes: number, encounterPages: number) {
    server.use(
      mswHttp.get(`${BASE}/metadata`, () => HttpResponse.json(CAPS(false))),
      mswHttp.get(`${BASE}/:type`, ({ params, request }) => {
        const type = String(params.type);
        if (type === 'Patient') return HttpResponse.json(searchset([PATIENT]));
        if (type === 'Encounter') return HttpResponse.json(encounterPage(Number(new URL(request.url).searchParams.get('page') ?? '1'), encounterPages));
        return HttpResponse.json(searchset([]));
      }),
    );
    const transport = createFhirTransport({ baseUrl: BASE, getHeaders: async () => ({}), budget: createByteBudget(budgetBytes) });
    return (await run({ transport }).result).status;
  }

  it('keeps every page while the organisation stays under its budget', async () => {
    const status = await retrieveWithBudget(100_000, 4);
    expect(status).toMatchObject({ state: 'ok', counts: { encounter: 4 } });
  });

  it('marks the source partial, with a plain reason, once its pages together pass the budget', async () => {
    const status = await retrieveWithBudget(30_000, 20);
    expect(status).toMatchObject({
      state: 'partial',
      failed: expect.arrayContaining(['Encounter']),
      reason: expect.stringContaining('this organisation sent more than 29 KB in all across its pages, so the rest was not read'),
    });
  });
});
