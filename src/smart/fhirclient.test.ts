import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../testing/server';
import { discoveryFetch, interopDefault, smartApi } from './fhirclient';

describe('fhirclient interop', () => {
  class Adapter {}

  it('takes the class from either shape of a CommonJS default import', () => {
    expect(interopDefault(Adapter)).toBe(Adapter); // vitest: __esModule unwrapped
    expect(interopDefault({ default: Adapter, __esModule: true })).toBe(Adapter); // Vite build: module.exports
  });

  it('gives a SMART API with authorize and ready', () => {
    const api = smartApi();
    expect(typeof api.authorize).toBe('function');
    expect(typeof api.ready).toBe('function');
  });
});

describe('discoveryFetch', () => {
  const WELL_KNOWN = 'https://gp.example/fhir/.well-known/smart-configuration';
  const doc = { authorization_endpoint: 'https://auth.example/auth', token_endpoint: 'https://auth.example/token', code_challenge_methods_supported: ['S256'] };

  it('reads the SMART configuration through fhirclient and answers as fetch would', async () => {
    server.use(http.get(WELL_KNOWN, () => HttpResponse.json(doc)));
    const res = await discoveryFetch(WELL_KNOWN, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(doc);
  });

  it('keeps an HTTP failure as its status, so the launch can say the server was unreachable', async () => {
    server.use(http.get(WELL_KNOWN, () => new HttpResponse('down', { status: 503 })));
    expect((await discoveryFetch(WELL_KNOWN)).status).toBe(503);
  });

  it('passes any other URL to fetch unchanged', async () => {
    server.use(http.get('https://gp.example/config.json', () => HttpResponse.json({ a: 1 })));
    expect(await (await discoveryFetch('https://gp.example/config.json')).json()).toEqual({ a: 1 });
  });
});
