import { describe, expect, it } from 'vitest';
import { storeLaunchState } from '../testing/smart-state';
import { checkRedirectState, clearSmartState, installSessionCleanup } from './stored-state';

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
