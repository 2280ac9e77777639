import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../src/testing/server';
import { discoverSmartConfiguration } from './discovery';

const ISS = 'http://localhost:8433/fhir';
const WELL_KNOWN = `${ISS}/.well-known/smart-configuration`;
const discover = () => discoverSmartConfiguration(`${ISS}/`, (i, init) => fetch(i, init));
const kindOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { kind?: string }) => e.kind);

describe('discoverSmartConfiguration', () => {
  it('returns the endpoints of a server offering PKCE S256', async () => {
    server.use(
      http.get(WELL_KNOWN, () =>
        HttpResponse.json({ authorization_endpoint: 'http://a/auth', token_endpoint: 'http://a/token', code_challenge_methods_supported: ['S256'] }),
      ),
    );
    await expect(discover()).resolves.toEqual({ authorizationEndpoint: 'http://a/auth', tokenEndpoint: 'http://a/token', capabilities: [] });
  });

  it('calls a network failure, an HTTP error or a non-JSON reply unreachable', async () => {
    server.use(http.get(WELL_KNOWN, () => HttpResponse.error()));
    expect(await kindOf(discover())).toBe('unreachable');
    server.use(http.get(WELL_KNOWN, () => new HttpResponse('down', { status: 503 })));
    await expect(discover()).rejects.toMatchObject({ kind: 'unreachable', detail: 'HTTP 503' });
    server.use(http.get(WELL_KNOWN, () => new HttpResponse('<html>', { headers: { 'content-type': 'text/html' } })));
    expect(await kindOf(discover())).toBe('unreachable');
  });

  it('calls a server without endpoints or without S256 unsupported', async () => {
    server.use(http.get(WELL_KNOWN, () => HttpResponse.json({ token_endpoint: 'http://a/token', code_challenge_methods_supported: ['S256'] })));
    expect(await kindOf(discover())).toBe('unsupported-server');
    server.use(http.get(WELL_KNOWN, () => HttpResponse.json({ authorization_endpoint: 'http://a/auth', token_endpoint: 'http://a/token' })));
    expect(await kindOf(discover())).toBe('unsupported-server');
  });
});
