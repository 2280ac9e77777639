import { describe, expect, it } from 'vitest';
import { ISS, storeLaunchState } from '../testing/smart-state';
import { checkRedirectState, clearSmartState, installSessionCleanup, launchingServer } from './stored-state';

const check = (query: string) => checkRedirectState(new URLSearchParams(query), sessionStorage);

describe('checkRedirectState', () => {
  it('lets a redirect for the launch in progress through', () => {
    storeLaunchState('k1');
    expect(check('?code=c&state=k1')).toBeUndefined();
  });

  it('lets a page with a completed session (no code) through', () => {
    storeLaunchState('k1', { accessToken: 'at' });
    expect(check('')).toBeUndefined();
  });

  it('rejects a state it has no record of (tampered or from another window)', () => {
    storeLaunchState('k1');
    expect(check('?code=c&state=k2')).toBe('bad-state');
  });

  it('rejects a replayed redirect for a state that already has a token', () => {
    storeLaunchState('k1', { accessToken: 'at' });
    expect(check('?code=c&state=k1')).toBe('bad-state');
  });

  it('rejects a code without a state', () => {
    storeLaunchState('k1');
    expect(check('?code=c')).toBe('bad-state');
  });

  it('rejects a state without a code or token', () => {
    storeLaunchState('k1');
    expect(check('?state=k1')).toBe('bad-state');
  });

  it('calls a page opened directly no-launch', () => {
    expect(check('')).toBe('no-launch');
    storeLaunchState('k1'); // a sign-in abandoned at the authorisation server
    expect(check('')).toBe('no-launch');
    sessionStorage.setItem('SMART_KEY', '{broken');
    expect(check('')).toBe('no-launch');
  });
});

describe('clearing the session', () => {
  it('removes the current state, the named state and SMART_KEY, nothing else', () => {
    storeLaunchState('k1', { accessToken: 'at' });
    sessionStorage.setItem('k2', '{}');
    sessionStorage.setItem('other', 'kept');
    clearSmartState(sessionStorage, 'k2');
    expect(Object.keys(sessionStorage)).toEqual(['other']);
  });

  it('clears on pagehide once installed', () => {
    storeLaunchState('k1', { accessToken: 'at' });
    const uninstall = installSessionCleanup(window);
    window.dispatchEvent(new Event('pagehide'));
    expect(sessionStorage.getItem('k1')).toBeNull();
    expect(sessionStorage.getItem('SMART_KEY')).toBeNull();
    uninstall();
  });
});

describe('launchingServer', () => {
  const server = (query: string) => launchingServer(new URLSearchParams(query), sessionStorage);

  it('names the server of the launch this redirect completes, as the launch page stored it', () => {
    storeLaunchState('k1');
    expect(server('?code=c&state=k1')).toBe(ISS);
  });

  it('names none for a redirect the checks refuse, or for a page that is not a redirect with a code', () => {
    storeLaunchState('k1');
    expect(server('?code=c&state=k2')).toBeUndefined(); // tampered state
    expect(server('?code=c')).toBeUndefined();
    expect(server('?state=k1')).toBeUndefined();
    expect(server('')).toBeUndefined();
    storeLaunchState('k2', { accessToken: 'at' });
    expect(server('?code=c&state=k2')).toBeUndefined(); // replayed
  });

  it('names none where the stored server is not an http(s) URL', () => {
    storeLaunchState('k1');
    const state = JSON.parse(sessionStorage.getItem('k1') ?? '{}') as Record<string, unknown>;
    for (const serverUrl of ['ftp://fhir.example/fhir', '', 42, 'https:///x']) {
      sessionStorage.setItem('k1', JSON.stringify({ ...state, serverUrl }));
      expect(server('?code=c&state=k1'), String(serverUrl)).toBeUndefined();
    }
  });
});
