import { afterEach, describe, expect, it, vi } from 'vitest';
import { callbackKind, runAuthCallback } from './auth-callback';

afterEach(() => {
  Reflect.deleteProperty(window, 'opener');
});

describe('the sign-in callback page', () => {
  it('tells a hidden iframe (it has a parent) from a pop-up', () => {
    expect(callbackKind(window)).toBe('popup');
    expect(callbackKind({ parent: {} } as unknown as Window)).toBe('silent');
  });

  it('posts the redirect URL to the opening window on this origin only, then drops the code from history', async () => {
    const postMessage = vi.fn();
    Object.defineProperty(window, 'opener', { value: { postMessage }, configurable: true });
    window.history.replaceState(null, '', '/auth-callback/?code=c1&state=s1&iss=http%3A%2F%2Flocalhost%3A8420');
    const href = window.location.href;
    const status = document.createElement('p');
    await runAuthCallback(window, status);
    expect(postMessage).toHaveBeenCalledWith({ source: 'oidc-client', url: href, keepOpen: false }, window.location.origin);
    expect(window.location.search).toBe('');
    expect(status.textContent).toBe('');
  });
});
