/**
 * Writes AuditEvents to the configured audit repository (config `audit`): always a FHIR
 * batch of creates POSTed to the base (FHIR R4 http.html#transaction), one event or many,
 * with a token from the audit service's own access (scope user/AuditEvent.c). One URL for
 * every write means one CORS preflight for the whole session, paid by `warm()` while the
 * user reads the permission question (the browser caches it for the server's
 * Access-Control-Max-Age; `cache: 'no-store'` is not set, since it would bypass that
 * cache and a POST is never stored in the HTTP cache anyway). A write counts only when the
 * server says it stored every entry; any other answer is an AuditWriteError whose reason
 * is plain words (no URL, no token).
 */
import type { AuditEvent, Bundle } from 'fhir/r4';
import type { EndpointAccess } from '../../smart/endpoint-access';

const FHIR_JSON = 'application/fhir+json';

export class AuditWriteError extends Error {
  override readonly name = 'AuditWriteError';
}

export interface AuditClient {
  /** Resolves once every event is stored; rejects with an AuditWriteError otherwise. */
  write(events: AuditEvent[]): Promise<void>;
  /**
   * Signs in and sends an empty batch (stores nothing), so the connection and the CORS
   * preflight of later writes are paid before the user decides. Never throws.
   */
  warm(): Promise<void>;
}

export interface AuditClientOptions {
  baseUrl: string;
  access: EndpointAccess;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const created = (status: string | undefined) => /^\s*20[01]\b/.test(status ?? '');

function batch(events: AuditEvent[]): Bundle {
  return { resourceType: 'Bundle', type: 'batch', entry: events.map((resource) => ({ resource, request: { method: 'POST', url: 'AuditEvent' } })) };
}

async function stored(response: Response, count: number): Promise<boolean> {
  if (response.status !== 200) return false;
  const body = (await response.json().catch(() => undefined)) as Bundle | undefined;
  const entries = body?.type === 'batch-response' ? (body.entry ?? []) : [];
  return entries.length === count && entries.every((e) => created(e.response?.status));
}

export function createAuditClient({ baseUrl, access, timeoutMs, fetch: fetchImpl }: AuditClientOptions): AuditClient {
  const base = baseUrl.replace(/\/+$/, '');
  const send = (url: string, body: unknown) =>
    access.getHeaders(url).then((auth) =>
      (fetchImpl ?? globalThis.fetch)(url, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': FHIR_JSON, Accept: FHIR_JSON },
        body: JSON.stringify(body),
        credentials: 'omit',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      }),
    );

  async function signedIn(): Promise<void> {
    if (access.current().state === 'authorised') return;
    const state = await access.authorise().catch(() => ({ state: 'failed' as const, reason: '' }));
    if (state.state !== 'authorised') {
      throw new AuditWriteError(`The viewer could not sign in to the audit service${'reason' in state && state.reason ? ` (${state.reason})` : ''}`);
    }
  }

  return {
    async warm() {
      try {
        await signedIn();
        const response = await send(base, batch([]));
        void response.body?.cancel().catch(() => undefined);
      } catch {
        // Only a head start: the first write signs in and pays the preflight itself.
      }
    },
    async write(events) {
      if (events.length === 0) return;
      const url = base;
      const body = batch(events);
      let response: Response;
      try {
        await signedIn();
        response = await send(url, body);
        if (response.status === 401) {
          await access.reauthorise();
          response = await send(url, body);
        }
      } catch (e) {
        if (e instanceof AuditWriteError) throw e;
        const timeout = (e as { name?: unknown } | null)?.name === 'TimeoutError';
        throw new AuditWriteError(timeout ? 'The audit service did not answer in time' : 'The audit service could not be reached', { cause: e });
      }
      if (!(await stored(response, events.length))) {
        throw new AuditWriteError(`The audit service did not store the record (HTTP ${response.status || 'redirect'})`);
      }
    },
  };
}
