/**
 * Writes AuditEvents to the configured audit repository (config `audit`): always a FHIR
 * batch of creates POSTed to the base (FHIR R4 http.html#transaction), one event or many,
 * with a token from the audit service's own access (scope user/AuditEvent.c). One URL for
 * every write means one CORS preflight for the whole session, paid by `warm()` while the
 * user reads the permission question (the browser caches it for the server's
 * Access-Control-Max-Age). Sent through the FHIR transport's one request path
 * (fhir/request.ts: headers per URL, no cookies, no redirects, one
 * re-authorisation on 401, the answer's body read in full before the timeout ends), so
 * the audit trail has no fetch of its own. A write counts only when the server says it
 * stored it; any other answer is an AuditWriteError whose reason is plain words.
 */
import type { AuditEvent, Bundle } from 'fhir/r4';
import { isFhirError } from '../../fhir/errors';
import { createSender } from '../../fhir/request';
import type { EndpointAccess } from '../../smart/endpoint-access';

export class AuditWriteError extends Error {
  override readonly name = 'AuditWriteError';
}

export interface AuditClient {
  /**
   * Resolves once every event is stored; rejects with an AuditWriteError otherwise.
   * `onSent` is called once the request has been handed to the browser (or it failed before).
   */
  write(events: AuditEvent[], opts?: { onSent?: () => void }): Promise<void>;
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

function batchStored(body: unknown, count: number): boolean {
  const b = body as Bundle | undefined;
  const entries = b?.resourceType === 'Bundle' && b.type === 'batch-response' ? (b.entry ?? []) : [];
  return entries.length === count && entries.every((e) => created(e.response?.status));
}

export function createAuditClient({ baseUrl, access, timeoutMs, fetch: fetchImpl }: AuditClientOptions): AuditClient {
  const base = baseUrl.replace(/\/+$/, '');
  const send = createSender({
    getHeaders: (url) => access.getHeaders(url),
    onUnauthorized: () => access.reauthorise(),
    fetch: (input, init) => (fetchImpl ?? globalThis.fetch)(input, init),
  });

  async function signedIn(): Promise<void> {
    if (access.current().state === 'authorised') return;
    const state = await access.authorise().catch(() => ({ state: 'failed' as const, reason: '' }));
    if (state.state !== 'authorised') {
      throw new AuditWriteError(`The viewer could not sign in to the audit service${'reason' in state && state.reason ? ` (${state.reason})` : ''}`);
    }
  }

  // Once per client: the record view's effect may run again (a dependency settling), and a
  // second empty batch pays nothing the first did not. Asked again after a failure.
  let warmed: Promise<void> | undefined;
  return {
    warm() {
      warmed ??= (async () => {
        try {
          await signedIn();
          await send(base, { method: 'POST', body: batch([]), signal: AbortSignal.timeout(timeoutMs) });
        } catch {
          // Only a head start: the first write signs in and pays the preflight itself.
          warmed = undefined;
        }
      })();
      return warmed;
    },
    async write(events, opts) {
      if (events.length === 0) return;
      await signedIn();
      try {
        const body = await send(base, { method: 'POST', body: batch(events), signal: AbortSignal.timeout(timeoutMs), ...(opts?.onSent ? { onSent: opts.onSent } : {}) });
        if (!batchStored(body, events.length)) throw new AuditWriteError('The audit service did not store the record (HTTP 200)');
      } catch (e) {
        if (e instanceof AuditWriteError) throw e;
        if (!isFhirError(e)) throw new AuditWriteError('The audit service could not be reached', { cause: e });
        if (e.kind === 'timeout') throw new AuditWriteError('The audit service did not answer in time', { cause: e });
        if (e.kind === 'network') throw new AuditWriteError('The audit service could not be reached', { cause: e });
        throw new AuditWriteError(`The audit service did not store the record (HTTP ${e.status ?? 'redirect'})`, { cause: e });
      }
    },
  };
}
