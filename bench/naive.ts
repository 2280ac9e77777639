/**
 * The naive strategy the viewer is compared with, in Node with real tokens against the
 * same running sandbox (same latency, same data): for each endpoint, discovery, a silent
 * sign-in through the single sign-on session (the launching endpoint reuses the launch
 * token), the NHS-number search, then each of the app's seven summary searches one after
 * another, every page followed one by one. Endpoints run in parallel (the honest naive:
 * no one would ask eight organisations one after another). Node sends no CORS preflights
 * and loads no sign-in callback page, so this naive client pays fewer round trips per
 * request than any browser app would.
 */
import type { Bundle } from 'fhir/r4';
import { SignedInBrowser } from '../mocks/sandbox/integration/sandbox-endpoints';
import type { TestSandbox } from '../mocks/sandbox/auth/testing';
import type { Sandbox } from '../mocks/sandbox/sandbox';
import { summarySearches } from '../src/features/sources/summary-searches';
import { NHS_NUMBER_SYSTEM } from './drive';

export interface NaiveEndpointResult {
  endpointId: string;
  ms: number;
  requests: number;
  resources: number;
  found: boolean;
}

export interface NaiveResult {
  /** From the first request to the last endpoint finished. */
  totalMs: number;
  /** From each endpoint's token to its last search: the data phase alone (slowest endpoint). */
  dataPhaseMs: number;
  endpoints: NaiveEndpointResult[];
}

async function getJson(url: string, token: string | undefined, count: () => void): Promise<unknown> {
  count();
  const res = await fetch(url, { headers: { accept: 'application/fhir+json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  if (!res.ok) throw new Error(`naive: ${url} answered ${res.status}`);
  return res.json();
}

/** Signs in once through the GP host's EHR launch (untimed), then times the retrieval. */
export async function runNaive(sandbox: Sandbox, personKey: string, launchHostId = 'gp'): Promise<NaiveResult> {
  const t = sandbox.topology;
  const host = t.hosts.find((h) => h.id === launchHostId);
  const person = sandbox.world.people.find((p) => p.key === personKey);
  const launchPatient = host && person?.patientIds[host.endpointId];
  if (!host || !person || !launchPatient) throw new Error(`naive: ${personKey} is not a patient at ${launchHostId}`);
  // SignedInBrowser needs only the topology and the launch store of a sandbox.
  const browser = new SignedInBrowser({ topology: t, launches: sandbox.launches } as unknown as TestSandbox);
  const launch = await browser.launch(launchPatient);
  const launchToken = String(launch.access_token);
  const launchBase = t.endpoints.find((e) => e.id === host.endpointId)!.baseUrl;

  const started = performance.now();
  const endpoints = await Promise.all(
    t.endpoints.map(async (e): Promise<NaiveEndpointResult & { dataMs: number }> => {
      let requests = 0;
      const count = () => void (requests += 1);
      const t0 = performance.now();
      await getJson(`${e.baseUrl}/.well-known/smart-configuration`, undefined, count);
      let token = launchToken;
      if (e.baseUrl !== launchBase) {
        requests += 2; // authorize (a redirect straight to the callback) and token
        token = String((await browser.silentSignIn(e.baseUrl)).access_token);
      }
      const t1 = performance.now();
      const search = `${e.baseUrl}/Patient?identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${person.nhsNumber}`)}`;
      const found = (await getJson(search, token, count)) as Bundle;
      const patientId = found.entry?.find((x) => x.resource?.resourceType === 'Patient')?.resource?.id;
      let resources = 0;
      if (patientId) {
        for (const s of summarySearches(patientId)) {
          let url: string | undefined = `${e.baseUrl}/${s.path}`;
          while (url) {
            const page = (await getJson(url, token, count)) as Bundle;
            resources += page.entry?.length ?? 0;
            url = page.link?.find((l) => l.relation === 'next')?.url;
          }
        }
      }
      const done = performance.now();
      return { endpointId: e.id, ms: Math.round(done - t0), dataMs: done - t1, requests, resources, found: Boolean(patientId) };
    }),
  );
  const totalMs = Math.round(performance.now() - started);
  return {
    totalMs,
    dataPhaseMs: Math.round(Math.max(...endpoints.map((e) => e.dataMs))),
    endpoints: endpoints.map(({ dataMs: _unused, ...rest }) => rest),
  };
}
