/**
 * Writes AuditEvents to the configured audit repository (config `audit`): FHIR create
 * (`POST [base]/AuditEvent`, 201) for one, a FHIR batch of creates for several (FHIR R4
 * http.html#transaction), with a token from the audit service's own access
 * (scope user/AuditEvent.c). Sent through the FHIR transport's one request path
 * (fhir/request.ts: headers per URL, no cache, no cookies, no redirects, one
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
  /** Resolves once every event is stored; rejects with an AuditWriteError otherwise. */
  write(events: AuditEvent[]): Promise<void>;
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

  return {
    async write(events) {
      if (events.length === 0) return;
      await signedIn();
      const single = events.length === 1;
      try {
        const body = await send(single ? `${base}/AuditEvent` : base, { method: 'POST', body: single ? events[0] : batch(events), signal: AbortSignal.timeout(timeoutMs) });
        if (!single && !batchStored(body, events.length)) throw new AuditWriteError('The audit service did not store the record (HTTP 200)');
      } catch (e) {
        if (e instanceof AuditWriteError) throw e;
        if (!isFhirError(e)) throw new AuditWriteError('The audit service could not be reached', { cause: e });
        // A create answered 201 with an empty body (Prefer: return=minimal) is stored.
        if (single && e.kind === 'unreadable' && (e.status === 201 || e.status === 200)) return;
        if (e.kind === 'timeout') throw new AuditWriteError('The audit service did not answer in time', { cause: e });
        if (e.kind === 'network') throw new AuditWriteError('The audit service could not be reached', { cause: e });
        throw new AuditWriteError(`The audit service did not store the record (HTTP ${e.status ?? 'redirect'})`, { cause: e });
      }
    },
  };
}
