import { describe, expect, it } from 'vitest';
import { LaunchError, launchErrorFromRedirect, toLaunchError } from './launch-error';
import { launchErrorText } from './launch-error-text';

describe('launchErrorFromRedirect', () => {
  it('maps a user who declined to denied', () => {
    expect(launchErrorFromRedirect('access_denied', 'The user denied access')).toMatchObject({ kind: 'denied', detail: 'access_denied' });
  });

  it('maps an expired or reused launch to expired-launch', () => {
    expect(launchErrorFromRedirect('invalid_request', 'launch expired').kind).toBe('expired-launch');
    expect(launchErrorFromRedirect('invalid_request', 'Unknown or expired launch parameter').kind).toBe('expired-launch');
  });

  it('maps any other error to auth-failed, echoing only a well-formed code', () => {
    expect(launchErrorFromRedirect('invalid_request', 'missing redirect_uri')).toMatchObject({ kind: 'auth-failed', detail: 'invalid_request' });
    expect(launchErrorFromRedirect('server_error', null)).toMatchObject({ kind: 'auth-failed', detail: 'server_error' });
    expect(launchErrorFromRedirect(null, 'something').detail).toBeUndefined();
    expect(launchErrorFromRedirect('<b>call 0800 000</b>', null).detail).toBeUndefined();
  });
});

describe('toLaunchError', () => {
  it('keeps a LaunchError and wraps anything else without showing it', () => {
    const e = new LaunchError('no-patient');
    expect(toLaunchError(e)).toBe(e);
    const wrapped = toLaunchError(new Error('secret stack'), 'unreachable');
    expect(wrapped).toMatchObject({ kind: 'unreachable', detail: undefined });
    expect(launchErrorText(wrapped).happened).not.toContain('secret');
  });
});
