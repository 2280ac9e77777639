import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { QueryClientProvider } from '@tanstack/react-query';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyntheticWorld } from '../../../../mocks/data/world';
import { launchIdentity } from '../../../domain/patient-identity';
import { createTestQueryClient, renderWithQuery } from '../../../testing/render';
import { server } from '../../../testing/server';
import { baseUrlOf, fakeAccesses, loadWorld, personByKey, worldConfig } from '../../../testing/world';
import { SourceStrip } from '../components/source-strip';
import { startSourceQueries, useSourceResults, type UseSourceResultsInput } from './use-source-results';

const NOW = () => new Date('2026-11-21T10:00:00Z');
let world: SyntheticWorld;
beforeAll(async () => {
  ({ world } = await loadWorld());
}, 30_000);
beforeEach(async () => server.use(...(await loadWorld()).handlers));

function Harness(props: UseSourceResultsInput) {
  const r = useSourceResults(props);
  return (
    <>
      <SourceStrip sources={r.sources} withheld={r.withheld} onRetry={r.retry} onSignIn={r.signIn} />
      <p>{`${r.records.length} records`}</p>
    </>
  );
}

async function identityOf(key: string) {
  const person = personByKey(world, key);
  const res = await fetch(`${baseUrlOf('riverside-gp')}/Patient/${person.patientIds['riverside-gp']}`);
  const launch = launchIdentity(await res.json());
  if (!launch.ok) throw new Error(launch.reason);
  return launch.identity;
}

/** Whether a POST at a base is the probe or the warm-up (a batch of nothing but `GET metadata`), not a search. */
async function isProbe(request: Request): Promise<boolean> {
  const body = (await request.clone().json()) as { entry?: { request: { url: string } }[] };
  return body.entry?.every((e) => e.request.url === 'metadata') === true;
}

const line = (name: string) => within(screen.getByText(name).closest('li') as HTMLElement);

describe('useSourceResults', () => {
  it('shows each source as soon as it answers: a slow one does not hold back the others', async () => {
    const slow = baseUrlOf('ouse-community');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(http.post(slow, async () => {
      await gate;
      return undefined; // then on to the world's own handler
    }));
    const config = worldConfig({ only: ['riverside-gp', 'ouse-community'] });
    renderWithQuery(<Harness endpoints={config.endpoints} accesses={fakeAccesses(config)} identity={await identityOf('pennington-arthur')} now={NOW} />);
    expect(await line('Riverside Medical Practice').findByText(/^Up to date/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(line('Ouse Community Health NHS Trust').getByText(/^Loading/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Still loading: Ouse Community Health NHS Trust');
    release();
    expect(await line('Ouse Community Health NHS Trust').findByText(/^Up to date/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Complete: all 2 organisations answered');
  }, 20_000);

  it('asks each server for its capabilities once (its probe), not on every retry', async () => {
    const base = baseUrlOf('fenland-mh');
    let probes = 0;
    let warmUps = 0;
    let failing = true;
    server.use(
      http.post(base, async ({ request }) => {
        if (await isProbe(request)) {
          // Signed in: the probe. Without a token: the warm-up of a server not probed before (once per page load).
          if (request.headers.has('authorization')) probes++;
          else warmUps++;
          return undefined;
        }
        return failing ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 500 }) : undefined;
      }),
    );
    const config = worldConfig({ only: ['fenland-mh'] });
    const { queryClient } = renderWithQuery(
      <Harness endpoints={config.endpoints} accesses={fakeAccesses(config, { 'fenland-mh': { getHeaders: async () => ({ Authorization: 'Bearer fenland-token' }) } })} identity={await identityOf('pennington-arthur')} now={NOW} />,
    );
    expect(await line('Fenland Mental Health NHS Foundation Trust').findByText('Its system had a problem', {}, { timeout: 10_000 })).toBeInTheDocument();
    failing = false;
    await userEvent.click(line('Fenland Mental Health NHS Foundation Trust').getByRole('button', { name: /^Try again for / }));
    expect(await line('Fenland Mental Health NHS Foundation Trust').findByText(/^Up to date/, {}, { timeout: 10_000 })).toBeInTheDocument();
    // One question of its capabilities in all: the token-less warm-up of a server not probed before,
    // whose answer is the probe (fhir/warm.ts), else the signed-in probe; none again on the retry.
    // None at all if an earlier test of this file warmed it already (once per page load).
    expect(probes + warmUps).toBeLessThanOrEqual(1);
    expect(queryClient.getQueryCache().findAll({ queryKey: ['fhir', 'fenland-mh'] }).map((q) => q.queryKey[2])).toEqual(
      expect.arrayContaining(['probe', 'summary', 'summary-progress']),
    );
  }, 20_000);
  it('asks each organisation once when the record is first drawn: re-drawing it does not ask a failed one again', async () => {
    const base = baseUrlOf('fenland-mh');
    let asked = 0;
    server.use(
      http.post(base, async ({ request }) => {
        if (await isProbe(request)) return undefined;
        asked++;
        // A refusal: never retried automatically.
        return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] }, { status: 403 });
      }),
    );
    const config = worldConfig({ only: ['fenland-mh'] });
    const props = { endpoints: config.endpoints, accesses: fakeAccesses(config), identity: await identityOf('pennington-arthur') };
    const { queryClient, rerender } = renderWithQuery(<Harness {...props} now={NOW} />);
    await vi.waitFor(() => expect(queryClient.getQueryCache().findAll({ queryKey: ['fhir', 'fenland-mh', 'summary'] })[0]?.state.status).toBe('error'), { timeout: 10_000 });
    expect(asked).toBe(1);
    // New props each time, so the hook and its queries' options are built anew.
    for (let i = 0; i < 3; i++) rerender(<QueryClientProvider client={queryClient}><Harness {...props} now={() => NOW()} /></QueryClientProvider>);
    await new Promise((r) => setTimeout(r, 200));
    expect(asked).toBe(1);
  }, 20_000);
  it('an organisation started before the record is drawn (the locator named it) is asked once: the record then shows that same query', async () => {
    const base = baseUrlOf('ouse-community');
    let searches = 0;
    server.use(
      http.post(base, async ({ request }) => {
        if (!(await isProbe(request))) searches++;
        return undefined; // on to the world's own handler
      }),
    );
    const config = worldConfig({ only: ['ouse-community'] });
    const props = { endpoints: config.endpoints, accesses: fakeAccesses(config), identity: await identityOf('pennington-arthur'), now: NOW };
    const client = createTestQueryClient();
    startSourceQueries(client, props);
    await vi.waitFor(() => expect(searches).toBe(1), { timeout: 10_000 });
    renderWithQuery(<Harness {...props} />, client);
    expect(await line('Ouse Community Health NHS Trust').findByText(/^Up to date/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(searches).toBe(1);
  }, 20_000);

  it('"Try all" from a strip drawn a moment earlier asks only the organisations failed now, not one that has since recovered', async () => {
    const fenland = baseUrlOf('fenland-mh');
    const ouse = baseUrlOf('ouse-community');
    const asked = { [fenland]: 0, [ouse]: 0 };
    const failing = new Set([fenland, ouse]);
    for (const base of [fenland, ouse]) {
      server.use(
        http.post(base, async ({ request }) => {
          if (await isProbe(request)) return undefined;
          asked[base]!++;
          return failing.has(base) ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 500 }) : undefined;
        }),
      );
    }
    // The strip on screen may be a copy drawn a render earlier (merged-record.tsx): its callbacks are that render's.
    const drawn: Array<() => void> = [];
    function KeepsEachRetryAll(props: UseSourceResultsInput) {
      const r = useSourceResults(props);
      drawn.push(r.retryAll);
      return <SourceStrip sources={r.sources} withheld={r.withheld} onRetry={r.retry} onSignIn={r.signIn} />;
    }
    const config = worldConfig({ only: ['fenland-mh', 'ouse-community'] });
    renderWithQuery(<KeepsEachRetryAll endpoints={config.endpoints} accesses={fakeAccesses(config)} identity={await identityOf('pennington-arthur')} now={NOW} />);
    const fenlandLine = () => line('Fenland Mental Health NHS Foundation Trust');
    const ouseLine = () => line('Ouse Community Health NHS Trust');
    expect(await fenlandLine().findByText('Its system had a problem', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(await ouseLine().findByText('Its system had a problem', {}, { timeout: 10_000 })).toBeInTheDocument();
    const fromWhenBothFailed = drawn.at(-1)!;
    // A server error is asked again once by itself before it is shown: count from here.
    const failed = { ...asked };
    failing.delete(fenland);
    await userEvent.click(fenlandLine().getByRole('button', { name: /^Try again for / }));
    expect(await fenlandLine().findByText(/^Up to date/, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(asked).toEqual({ [fenland]: failed[fenland]! + 1, [ouse]: failed[ouse] });
    act(() => fromWhenBothFailed());
    await vi.waitFor(() => expect(asked[ouse]).toBeGreaterThan(failed[ouse]!), { timeout: 10_000 });
    expect(await ouseLine().findByText('Its system had a problem', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(asked[fenland]).toBe(failed[fenland]! + 1);
    expect(fenlandLine().getByText(/^Up to date/)).toBeInTheDocument();
  }, 20_000);

  it('"Try all" asks again only what its button counts: not an organisation whose refusal asking again cannot mend', async () => {
    const fenland = baseUrlOf('fenland-mh');
    const ouse = baseUrlOf('ouse-community');
    const asked = { [fenland]: 0, [ouse]: 0 };
    server.use(
      http.post(fenland, async ({ request }) => {
        if (await isProbe(request)) return undefined;
        asked[fenland]!++;
        return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 500 });
      }),
      http.post(ouse, async ({ request }) => {
        if (await isProbe(request)) return undefined;
        asked[ouse]!++;
        return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] }, { status: 403 });
      }),
    );
    let retryAll: () => void = () => undefined;
    function WithRetryAll(props: UseSourceResultsInput) {
      const r = useSourceResults(props);
      retryAll = r.retryAll;
      return <SourceStrip sources={r.sources} withheld={r.withheld} onRetry={r.retry} onSignIn={r.signIn} />;
    }
    const config = worldConfig({ only: ['fenland-mh', 'ouse-community'] });
    renderWithQuery(<WithRetryAll endpoints={config.endpoints} accesses={fakeAccesses(config)} identity={await identityOf('pennington-arthur')} now={NOW} />);
    const fenlandLine = () => line('Fenland Mental Health NHS Foundation Trust');
    const ouseLine = () => line('Ouse Community Health NHS Trust');
    expect(await fenlandLine().findByText('Its system had a problem', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(await ouseLine().findByText('Request refused', {}, { timeout: 10_000 })).toBeInTheDocument();
    // The refusal offers no "Try again": asking again would be refused again.
    expect(ouseLine().queryByRole('button', { name: /^Try again for / })).not.toBeInTheDocument();
    const failed = { ...asked };
    act(() => retryAll());
    await vi.waitFor(() => expect(asked[fenland]).toBeGreaterThan(failed[fenland]!), { timeout: 10_000 });
    expect(await fenlandLine().findByText('Its system had a problem', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(asked[ouse]).toBe(failed[ouse]);
  }, 20_000);
});
