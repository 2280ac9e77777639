import { http, HttpResponse } from 'msw';
import { ErrorResponse } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { server } from '../testing/server';
import { refreshForResource } from './token-request';

const TOKEN = 'https://auth.example/token';
const REQ = { tokenEndpoint: TOKEN, clientId: 'viewer', refreshToken: 'rt-1', resource: 'https://gp.example/fhir', scope: 'openid user/*.rs' };

function answer(status: number, body: Record<string, unknown>) {
  server.use(http.post(TOKEN, () => HttpResponse.json(body as never, { status })));
}

describe('refreshForResource', () => {
  it('sends a form POST with the refresh token, the resource (RFC 8707) and the scopes, and reads the answer', async () => {
    let form: URLSearchParams | undefined;
    let type: string | null = null;
    server.use(
      http.post(TOKEN, async ({ request }) => {
        type = request.headers.get('content-type');
        form = new URLSearchParams(await request.text());
        return HttpResponse.json({ access_token: 'at', token_type: 'bearer', expires_in: 300, scope: 'openid user/*.rs', refresh_token: 'rt-2' });
      }),
    );
    const t = await refreshForResource(REQ, undefined, () => 1_000);
    expect(type).toBe('application/x-www-form-urlencoded');
    expect(form?.getAll('resource')).toEqual(['https://gp.example/fhir']);
    expect(Object.fromEntries(form!)).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-1', client_id: 'viewer', resource: 'https://gp.example/fhir', scope: 'openid user/*.rs' });
    expect(t).toEqual({ accessToken: 'at', scope: 'openid user/*.rs', expiresAt: 301_000, refreshToken: 'rt-2' });
  });

  it('keeps no time limit it cannot trust, and no refresh token the server did not rotate', async () => {
    answer(200, { access_token: 'at', token_type: 'Bearer', expires_in: -5 });
    expect(await refreshForResource(REQ)).toEqual({ accessToken: 'at' });
  });

  it('turns an OAuth error into its code (RFC 6749 §5.2), never the server’s description', async () => {
    answer(400, { error: 'invalid_target', error_description: 'resource indicator is missing, or unknown' });
    const e = await refreshForResource(REQ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ErrorResponse);
    expect(e).toMatchObject({ error: 'invalid_target' });
    expect((e as Error).message).not.toContain('unknown');
  });

  it('refuses an answer without an access token, or with a token that is not a bearer token', async () => {
    answer(200, { token_type: 'Bearer' });
    await expect(refreshForResource(REQ)).rejects.toThrow('returned no access token');
    answer(200, { access_token: 'at', token_type: 'DPoP' });
    await expect(refreshForResource(REQ)).rejects.toThrow('not a bearer token');
    server.use(http.post(TOKEN, () => new HttpResponse('<html>busy</html>', { status: 503 })));
    await expect(refreshForResource(REQ)).rejects.toThrow('HTTP 503');
  });

  it('refuses a JWT access token whose audience is not the server asked for (a server that ignored `resource`), and takes one that is', async () => {
    const jwt = (claims: object) => `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;
    answer(200, { access_token: jwt({ aud: 'https://other.example/fhir' }), token_type: 'Bearer' });
    await expect(refreshForResource(REQ)).rejects.toThrow('a token for another server');
    answer(200, { access_token: jwt({ aud: ['https://gp.example/fhir', 'https://other.example/fhir'] }), token_type: 'Bearer' });
    await expect(refreshForResource(REQ)).rejects.toThrow('a token for another server');
    const own = jwt({ aud: 'https://gp.example/fhir' });
    answer(200, { access_token: own, token_type: 'Bearer' });
    expect((await refreshForResource(REQ)).accessToken).toBe(own);
  });
});
