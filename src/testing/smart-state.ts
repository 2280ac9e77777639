/**
 * Test builders for what fhirclient's authorize() leaves in sessionStorage and what a
 * token endpoint returns. Shapes follow fhirclient 2.6 (lib/smart.js): SMART_KEY holds the
 * JSON-encoded key; the key holds the state.
 */
export const ISS = 'http://localhost:8430/fhir';
export const TOKEN_URI = 'http://localhost:8420/token';
export const AUTHORIZE_URI = 'http://localhost:8420/authorize';
export const APP_ROOT = `${location.origin}/`;

export interface LaunchStateOptions {
  accessToken?: string;
  patient?: string;
}

/** Stores a launch in progress (or, with accessToken, a completed one) under `key`. */
export function storeLaunchState(key: string, opts: LaunchStateOptions = {}): void {
  const state = {
    clientId: 'my-care-record-viewer',
    scope: 'launch openid fhirUser online_access patient/Patient.rs',
    redirectUri: APP_ROOT,
    serverUrl: ISS,
    tokenResponse: opts.accessToken ? { access_token: opts.accessToken, patient: opts.patient ?? 'p1' } : {},
    key,
    completeInTarget: true,
    registrationUri: '',
    authorizeUri: AUTHORIZE_URI,
    tokenUri: TOKEN_URI,
    codeChallengeMethods: ['S256'],
    codeChallenge: 'challenge',
    codeVerifier: 'verifier',
  };
  sessionStorage.setItem('SMART_KEY', JSON.stringify(key));
  sessionStorage.setItem(key, JSON.stringify(state));
}

/** An unsigned JWT (base64url, as servers send it) carrying `claims`. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const b64url = (o: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
}

/** Puts the app at `/` with the given query, as the authorisation server's redirect would. */
export function openAppAt(query: string): void {
  window.history.replaceState(null, '', `/${query}`);
}
