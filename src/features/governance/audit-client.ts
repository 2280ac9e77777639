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
   * Serialises the events now, for a write later that stamps every event's `recorded` with
   * the moment it is made: the trail prepares the queries' events while the permission is
   * stored (docs/adr/0013), so that only the request is left to do once it is. Optional
   * (a client without it is given the events at the write).
   */
  prepare?(events: AuditEvent[]): PreparedAuditWrite;
  /**
   * Signs in and sends an empty batch (stores nothing), so the connection and the CORS
   * preflight of later writes are paid before the user decides. Never throws.
   */
  warm(): Promise<void>;
}

/** A batch serialised ahead (AuditClient.prepare); `write` as AuditClient.write, with every event recorded at `recorded`. */
export interface PreparedAuditWrite {
  write(recorded: string, opts?: { onSent?: () => void }): Promise<void>;
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

/**
 * The text of `batch(events)` with every event's `recorded` set to a time given later: each
 * event is serialised now without it, and the time is put first in each at the write.
 */
function batchText(events: AuditEvent[]): (recorded: string) => string {
  const rest = events.map(({ recorded: _unset, ...event }) => JSON.stringify(event).slice(1));
  const request = JSON.stringify({ method: 'POST', url: 'AuditEvent' });
  return (recorded) => {
    const stamp = `{"recorded":${JSON.stringify(recorded)}`;
    const entries = rest.map((r) => `{"resource":${stamp}${r === '}' ? '' : ','}${r},"request":${request}}`);
    return `{"resourceType":"Bundle","type":"batch","entry":[${entries.join(',')}]}`;
  };
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
    write(events, opts) {
      return events.length === 0 ? Promise.resolve() : post({ body: batch(events) }, events.length, opts);
    },
    prepare(events) {
      const text = batchText(events);
      return { write: (recorded, opts) => (events.length === 0 ? Promise.resolve() : post({ json: text(recorded) }, events.length, opts)) };
    },
  };

  async function post(content: { body: Bundle } | { json: string }, count: number, opts?: { onSent?: () => void }): Promise<void> {
    await signedIn();
    try {
      const body = await send(base, { method: 'POST', ...content, signal: AbortSignal.timeout(timeoutMs), ...(opts?.onSent ? { onSent: opts.onSent } : {}) });
      if (!batchStored(body, count)) throw new AuditWriteError('The audit service did not store the record (HTTP 200)');
    } catch (e) {
      if (e instanceof AuditWriteError) throw e;
      if (!isFhirError(e)) throw new AuditWriteError('The audit service could not be reached', { cause: e });
      if (e.kind === 'timeout') throw new AuditWriteError('The audit service did not answer in time', { cause: e });
      if (e.kind === 'network') throw new AuditWriteError('The audit service could not be reached', { cause: e });
      throw new AuditWriteError(`The audit service did not store the record (HTTP ${e.status ?? 'redirect'})`, { cause: e });
    }
  }
}
