import type { fhirclient } from 'fhirclient/lib/types';
import { smartApi } from '../smart/fhirclient';
import { createSession, type SmartSession } from '../smart/session';
import { ISS } from './smart-state';

/**
 * A real SmartSession (real fhirclient Client, real reads through MSW) for a completed
 * launch with this token response. Tests serve the FHIR reads with `server.use(...)`.
 */
export function testSession(tokenResponse: Partial<fhirclient.TokenResponse> = {}): SmartSession {
  const client = smartApi().client({
    serverUrl: ISS,
    tokenResponse: { access_token: 'test-access-token', token_type: 'Bearer', patient: 'p1', ...tokenResponse },
  });
  return createSession(client);
}
