import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../testing/server';
import { discoverSmartConfiguration } from './smart-discovery';

const BASE = 'http://localhost:8431/fhir';
const WELL_KNOWN = `${BASE}/.well-known/smart-configuration`;
const GOOD = {
  issuer: 'http://localhost:8420',
  jwks_uri: 'http://localhost:8420/jwks',
  authorization_endpoint: 'http://localhost:8420/auth',
  token_endpoint: 'http://localhost:8420/token',
  code_challenge_methods_supported: ['S256'],
  capabilities: ['launch-standalone'],
};

describe('discoverSmartConfiguration', () => {
  it('reads the FHIR server’s .well-known/smart-configuration', async () => {
    server.use(http.get(WELL_KNOWN, () => HttpResponse.json(GOOD)));
    await expect(discoverSmartConfiguration(`${BASE}/`)).resolves.toEqual({
      issuer: GOOD.issuer,
      jwks_uri: GOOD.jwks_uri,
      authorization_endpoint: GOOD.authorization_endpoint,
      token_endpoint: GOOD.token_endpoint,
      code_challenge_methods_supported: ['S256'],
      capabilities: ['launch-standalone'],
    });
  });

  it.each([
    ['an HTTP error', () => HttpResponse.json({}, { status: 503 })],
    ['a network failure', () => HttpResponse.error()],
    ['no token endpoint', () => HttpResponse.json({ ...GOOD, token_endpoint: undefined })],
    ['no PKCE S256', () => HttpResponse.json({ ...GOOD, code_challenge_methods_supported: ['plain'] })],
  ])('refuses %s', async (_, answer) => {
    server.use(http.get(WELL_KNOWN, answer));
    await expect(discoverSmartConfiguration(BASE)).rejects.toMatchObject({ name: 'DiscoveryError' });
  });
});
