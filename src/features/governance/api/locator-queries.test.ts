import { describe, expect, it } from 'vitest';
import type { FhirTransport } from '../../../fhir/types';
import type { EndpointAccess } from '../../../smart/endpoint-access';
import { locatorQueries, LocatorUnavailable } from './locator-queries';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const nhsNumber = '9990000018';
const pointer = (ods: string, value = nhsNumber) => ({
  resourceType: 'DocumentReference', status: 'current', subject: { identifier: { system: NHS, value } }, custodian: { identifier: { system: ODS, value: ods } },
});

function run(opts: { resources?: unknown[]; fail?: unknown; signedIn?: boolean; batch?: boolean; entryFails?: unknown }) {
  const asked: string[] = [];
  const transport = {
    baseUrl: 'http://locator.example/fhir',
    searchAll: async (path: string) => {
      asked.push(path);
      if (opts.fail) throw opts.fail;
      return { resources: opts.resources ?? [] };
    },
    batchSearch: async (paths: string[]) => {
      asked.push(...paths.map((p) => `BATCH ${p}`));
      if (opts.fail) throw opts.fail;
      return paths.map((path) => (opts.entryFails ? { path, ok: false, error: opts.entryFails } : { path, ok: true, result: { resources: opts.resources ?? [] } }));
    },
  } as unknown as FhirTransport;
  const access = { authorise: async () => (opts.signedIn === false ? { state: 'sign-in-needed', reason: 'x' } : { state: 'authorised' }) } as unknown as EndpointAccess;
  const o = locatorQueries.organisations({ nhsNumber, access, transport, timeoutMs: 1000, ...(opts.batch === undefined ? {} : { batch: async () => opts.batch! }) });
  const fn = o.queryFn as unknown as (ctx: { signal: AbortSignal }) => Promise<string[]>;
  return { answer: fn({ signal: new AbortController().signal }), asked };
}

describe('locatorQueries.organisations', () => {
  it('asks the locator by NHS number and returns the ODS codes of the current pointers', async () => {
    const { answer, asked } = run({ resources: [pointer('D98001'), pointer('R9A01')] });
    await expect(answer).resolves.toEqual(['D98001', 'R9A01']);
    expect(asked).toEqual([`DocumentReference?subject:identifier=${encodeURIComponent(`${NHS}|${nhsNumber}`)}`]);
  });

  it('fails (so every organisation is asked) on a pointer about someone else, an error, or no sign-in', async () => {
    await expect(run({ resources: [pointer('D98001'), pointer('R9A01', '9990000026')] }).answer).rejects.toThrow(
      new LocatorUnavailable('The record locator answered with a pointer about another person'),
    );
    await expect(run({ fail: { reason: 'The server answered 500' } }).answer).rejects.toThrow('The server answered 500');
    const notSignedIn = run({ signedIn: false });
    await expect(notSignedIn.answer).rejects.toBeInstanceOf(LocatorUnavailable);
    expect(notSignedIn.asked).toEqual([]);
  });

  it('asks as a one-entry batch at the base where its probe said it takes batch (the preflight paid before the decision)', async () => {
    const search = `DocumentReference?subject:identifier=${encodeURIComponent(`${NHS}|${nhsNumber}`)}`;
    const batched = run({ resources: [pointer('D98001')], batch: true });
    await expect(batched.answer).resolves.toEqual(['D98001']);
    expect(batched.asked).toEqual([`BATCH ${search}`]);
    const plain = run({ resources: [pointer('D98001')], batch: false });
    await expect(plain.answer).resolves.toEqual(['D98001']);
    expect(plain.asked).toEqual([search]);
    await expect(run({ batch: true, entryFails: { reason: 'The server answered 403' } }).answer).rejects.toThrow(new LocatorUnavailable('The server answered 403'));
  });
});
