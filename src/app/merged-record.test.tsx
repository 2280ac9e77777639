import { QueryClientProvider } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import { delay, http } from 'msw';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { launchIdentity } from '../domain/patient-identity';
import { configInput } from '../testing/config';
import { renderWithQuery } from '../testing/render';
import { server } from '../testing/server';
import { baseUrlOf, fakeAccesses, loadWorld, organisationOf, personByKey, worldConfig } from '../testing/world';
import { AWAITING_LOCATOR } from './record-locator-gate';
import { MergedRecord } from './merged-record';

const identity = { nhsNumber: '9990000018', family: 'Ashby', given: ['Eleanor'], birthDate: '1941-03-02' };
const now = () => new Date('2026-12-05T12:00:00Z');

describe('the record while the record locator has not answered', () => {
  it('says it is still loading the organisations not yet named, and never "Complete"', async () => {
    // No organisation known yet (no registered practice, launched from outside the region).
    renderWithQuery(<MergedRecord identity={identity} config={{ ...configInput(), endpoints: [] }} accesses={new Map()} now={now} awaiting={AWAITING_LOCATOR} />);
    const overall = (await screen.findAllByRole('status')).find((e) => e.classList.contains('source-overall'))!;
    expect(overall).toHaveTextContent('Still loading: Other organisations (the record locator is being asked which hold records)');
    expect(overall).not.toHaveTextContent(/Complete/);
    // Each section is still loading, rather than saying none are recorded or that no one answered.
    const alerts = screen.getByRole('region', { name: /Alerts/ });
    expect(within(alerts).getByText('Loading alerts…')).toBeInTheDocument();
    expect(within(alerts).queryByText(/No organisation answered|No alerts/)).not.toBeInTheDocument();
  });

  it('once the locator answered (nothing awaited), no such line is left', async () => {
    renderWithQuery(<MergedRecord identity={identity} config={{ ...configInput(), endpoints: [] }} accesses={new Map()} now={now} />);
    const overall = (await screen.findAllByRole('status')).find((e) => e.classList.contains('source-overall'))!;
    expect(overall).not.toHaveTextContent(/record locator/);
  });
});

/**
 * The record for Arthur Pennington, first asked of Riverside alone, then (rerendered with
 * `more`) of Riverside and Ouse Community, which answers 400 ms after being asked.
 * `commits` gives the overall line as each commit left it, repeats included (a
 * Profiler's onRender runs in the commit, after the page has changed), so a line that
 * lasts one commit is seen too; `withAsked(n)` only the commits drawn with n organisations
 * asked, so that a commit still due from the earlier props is not taken for one of the new.
 */
async function recordWithLateOrganisation() {
  const { world, handlers } = await loadWorld();
  server.use(...handlers);
  const person = personByKey(world, 'pennington-arthur');
  const launch = launchIdentity(await (await fetch(`${baseUrlOf('riverside-gp')}/Patient/${person.patientIds['riverside-gp']}`)).json());
  if (!launch.ok) throw new Error(launch.reason);
  server.use(http.post(baseUrlOf('ouse-community'), async () => void (await delay(400))));
  const first = worldConfig({ only: ['riverside-gp'] });
  const more = worldConfig({ only: ['riverside-gp', 'ouse-community'] });
  const accesses = fakeAccesses(more);
  const drawn: { asked: number; line: string }[] = [];
  const commits = {
    all: () => drawn.map((d) => d.line),
    withAsked: (n: number) => drawn.filter((d) => d.asked === n).map((d) => d.line),
  };
  const record = (config: typeof first, awaiting?: typeof AWAITING_LOCATOR) => (
    <Profiler id="record" onRender={() => drawn.push({ asked: config.endpoints.length, line: document.querySelector('.source-overall')?.textContent ?? '' })}>
      <MergedRecord identity={launch.identity} config={config} accesses={accesses} now={now} awaiting={awaiting} />
    </Profiler>
  );
  return { first, more, commits, record };
}

describe('the record when the organisations asked change', () => {
  it('never reads "Complete" before the organisations the record locator named have answered', async () => {
    const { first, more, commits, record } = await recordWithLateOrganisation();
    const view = renderWithQuery(record(first, AWAITING_LOCATOR));
    const line = async (id: string) => within((await screen.findByText(organisationOf(id))).closest('li')!);
    expect(await (await line('riverside-gp')).findByText(/^Up to date · \d+ items/, {}, { timeout: 10_000 })).toBeInTheDocument();
    // The locator answers: Ouse Community is asked, and nothing is awaited any more.
    view.rerender(<QueryClientProvider client={view.queryClient}>{record(more)}</QueryClientProvider>);
    await waitFor(() => expect(commits.all().at(-1)).toBe('Complete: all 2 organisations answered'), { timeout: 10_000 });
    expect([...new Set(commits.all().filter((l) => l.startsWith('Complete')))]).toEqual(['Complete: all 2 organisations answered']);
  }, 20_000);

  it('when more organisations are asked of a complete record (every organisation, as the user chose), drops "Complete" in the same commit', async () => {
    const { first, more, commits, record } = await recordWithLateOrganisation();
    const view = renderWithQuery(record(first));
    await waitFor(() => expect(commits.all().at(-1)).toBe('Complete: all 1 organisation answered'), { timeout: 10_000 });
    view.rerender(<QueryClientProvider client={view.queryClient}>{record(more)}</QueryClientProvider>);
    // The first commit drawn for two organisations already says what is still loading.
    expect(commits.withAsked(2)[0]).toBe('Still loading: Ouse Community Health NHS Trust');
    await waitFor(() => expect(commits.all().at(-1)).toBe('Complete: all 2 organisations answered'), { timeout: 10_000 });
    expect(commits.withAsked(2)).not.toContain('Complete: all 1 organisation answered');
  }, 20_000);
});
