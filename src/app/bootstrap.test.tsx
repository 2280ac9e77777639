import { act, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../config';
import { readySession } from '../smart';
import { configInput } from '../testing/config';
import { server } from '../testing/server';
import { testSession } from '../testing/session';
import { ISS, TOKEN_URI, openAppAt, storeLaunchState } from '../testing/smart-state';
import { bootstrap } from './bootstrap';

let root: Root | undefined;

beforeEach(() => {
  vi.spyOn(console, 'info').mockImplementation(() => undefined); // the developer log of failures
});

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/** Boots the app as main.tsx does, at the current URL with the current sessionStorage. */
async function boot(loadConfig = async () => ({ ...configInput(), endpoints: [] }), reloaded = false): Promise<HTMLElement> {
  const container = document.body.appendChild(document.createElement('div'));
  await act(async () => {
    root = await bootstrap(container, {
      readySession: () => readySession(),
      now: () => new Date('2026-11-21T10:00:00Z'),
      loadConfig,
      endpointAccesses: () => new Map(),
      wasReloaded: () => reloaded,
    });
  });
  return container;
}

describe('bootstrap: launch failures show a plain page', () => {
  it('a tampered state: the bad-state page, and the code is not exchanged', async () => {
    storeLaunchState('the-real-state');
    openAppAt('?code=stolen-code&state=a-different-state');
    const page = await boot();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Sign-in failed a security check');
    expect(page).toHaveTextContent('Open the record again from your clinical system.');
    expect(page.textContent).not.toContain('stolen-code');
    expect(location.search).toBe('');
    expect(console.info).toHaveBeenCalledWith('Launch failed: bad-state', '');
  });

  it('a replayed redirect: the bad-state page', async () => {
    storeLaunchState('k1', { accessToken: 'used-token' });
    openAppAt('?code=old-code&state=k1');
    const page = await boot();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Sign-in failed a security check');
    expect(page.textContent).not.toMatch(/used-token|old-code/);
  });

  it('the user declined: the denied page', async () => {
    storeLaunchState('k1');
    openAppAt('?error=access_denied&error_description=The+user+denied+the+request&state=k1');
    const page = await boot();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Access was not given');
    expect(page).toHaveTextContent('Details for support: access_denied');
    expect(page.textContent).not.toContain('The user denied the request');
  });

  it('the launch expired: the expired-launch page', async () => {
    storeLaunchState('k1');
    openAppAt('?error=invalid_request&error_description=launch+expired&state=k1');
    await boot();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('This launch has expired');
  });

  it('opened without a launch: says to open it from the clinical system', async () => {
    const page = await boot();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Open this record from your clinical system');
    expect(page).toHaveTextContent('The viewer was opened directly.');
  });

  it('reloaded: says truthfully that the session has ended and to reopen it from the clinical system', async () => {
    const page = await boot(undefined, true);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('This session has ended');
    expect(page).toHaveTextContent('the record and the sign-in were cleared from this browser when the page was reloaded');
    expect(page).toHaveTextContent('open it from the patient’s record in your clinical system');
    expect(page.textContent).not.toContain('opened directly');
  });

  it('the token exchange fails: the token-failed page, no stack, no code', async () => {
    storeLaunchState('k1');
    openAppAt('?code=c-123&state=k1');
    server.use(http.post(TOKEN_URI, () => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 })));
    const page = await boot();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Sign-in did not complete');
    expect(page).toHaveTextContent('Details for support: HTTP 400');
    expect(page.textContent).not.toMatch(/c-123|Error|\.[jt]sx?:\d+/);
  });
});

describe('bootstrap: a good launch', () => {
  it('completes the launch and shows the app with the patient banner', async () => {
    storeLaunchState('k1');
    openAppAt('?code=c&state=k1');
    server.use(
      http.post(TOKEN_URI, () => HttpResponse.json({ access_token: 'at', token_type: 'Bearer', patient: 'p1' })),
      http.get(`${ISS}/Patient/p1`, () =>
        HttpResponse.json({ resourceType: 'Patient', id: 'p1', name: [{ family: 'Jones', given: ['Margaret'] }], birthDate: '1948-03-04' }),
      ),
    );
    await boot();
    expect(await screen.findByRole('heading', { name: 'JONES, Margaret' })).toBeInTheDocument();
    expect(screen.getByText('Signed-in user not known.')).toBeInTheDocument();
  });
});

describe('bootstrap: the launching server is read at once', () => {
  it('asks for the patient and the signed-in user before the app has rendered', async () => {
    const session = { ...testSession(), readPatient: vi.fn(() => new Promise<never>(() => undefined)), readUser: vi.fn(() => new Promise<never>(() => undefined)) };
    const container = document.body.appendChild(document.createElement('div'));
    root = await bootstrap(container, {
      readySession: async () => session,
      now: () => new Date('2026-11-21T10:00:00Z'),
      loadConfig: async () => ({ ...configInput(), endpoints: [] }),
      endpointAccesses: () => new Map(),
    });
    // React has not rendered yet: its work waits for a task.
    expect(container.querySelector('h1')).toBeNull();
    expect(session.readPatient).toHaveBeenCalledTimes(1);
    expect(session.readUser).toHaveBeenCalledTimes(1);
  });
});

describe('bootstrap: the configuration', () => {
  it('a bad /config.json after a good launch: the not-set-up page naming the field', async () => {
    storeLaunchState('k1');
    openAppAt('?code=c&state=k1');
    server.use(http.post(TOKEN_URI, () => HttpResponse.json({ access_token: 'at', token_type: 'Bearer', patient: 'p1' })));
    const page = await boot(async () => {
      throw new ConfigError('endpoints[0].fhirBaseUrl must be an absolute http(s) URL', 'endpoints[0].fhirBaseUrl');
    });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('The viewer is not set up correctly');
    expect(page).toHaveTextContent('Details for support: endpoints[0].fhirBaseUrl must be an absolute http(s) URL');
    expect(console.info).toHaveBeenCalledWith('Launch failed: bad-config', expect.anything());
  });
});
