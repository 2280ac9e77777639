/**
 * Every query to an endpoint, audited (IHE BALP: one AuditEvent per patient per query,
 * successful or not). Wraps an endpoint's transport: each call gets its own X-Request-Id
 * (BALP's transaction entity) and the purpose of use as X-Purpose-Of-Use (the sandbox's
 * servers honour BTG: docs/adr/0003). The AuditEvent is sent just ahead of the query and
 * stored while it runs (docs/adr/0012): it records that the query was made (outcome 0), and the caller
 * gets the answer only once both the answer and the event's storage have succeeded, so
 * nothing reaches the screen unaudited. A query that then fails gets a second event with
 * the same request id and the failure's outcome (4 or 8) before the caller hears of it.
 * A batch writes one event per search in it (and one more per search that failed).
 * `metadata` is not about a patient and is not audited.
 */
import type { AuditOutcome, AuditServer, AuditSession, QueryActivity } from '../../domain/audit/audit-types';
import type { PurposeOfUse } from '../../domain/policy/permission';
import { isFhirError, rejectionFailure, untilAborted } from '../../fhir';
import type { BatchSearchResult, FhirTransport } from '../../fhir/types';
import type { AuditTrail } from './audit-trail';

export interface AuditedTransportOptions {
  /** A plain transport for the endpoint with these extra headers. */
  plain: (headers: Record<string, string>) => FhirTransport;
  trail: AuditTrail;
  session: AuditSession;
  server: AuditServer;
  purpose: PurposeOfUse;
  newRequestId?: () => string;
}

/** BALP outcome: 4 for a refusal or a cancel, 8 for a server or network failure. */
export function outcomeOf(error: unknown): { outcome: AuditOutcome; outcomeDesc: string } {
  if (!isFhirError(error)) return { outcome: '8', outcomeDesc: 'The request failed' };
  const minor = error.kind === 'aborted' || error.kind === 'unauthorized' || (error.kind === 'http' && (error.status ?? 500) < 500);
  return { outcome: minor ? '4' : '8', outcomeDesc: error.reason };
}

/** The patient's id at this server, where the query names it (`patient=`, `subject=`, `Patient/<id>`). */
export function localPatientId(path: string): string | undefined {
  const read = /^Patient\/([A-Za-z0-9\-.]{1,64})(?:[/?]|$)/.exec(path);
  if (read) return read[1];
  const query = path.split('?')[1];
  const params = new URLSearchParams(query ?? '');
  const value = params.get('patient') ?? params.get('subject');
  return value ? value.replace(/^Patient\//, '') : undefined;
}

const NOT_ABOUT_A_PATIENT = /^(metadata|\.well-known\/)/;


export function auditedTransport(o: AuditedTransportOptions): FhirTransport {
  const base = o.plain({}).baseUrl;
  const newId = o.newRequestId ?? (() => crypto.randomUUID());
  const activity = (path: string, interaction: QueryActivity['interaction'], transactionId: string, failure?: unknown): QueryActivity => ({
    kind: 'query', interaction, server: o.server, url: `${base}/${path.replace(/^\/+/, '')}`, transactionId, purposeOfUse: o.purpose,
    ...(localPatientId(path) ? { localPatientId: localPatientId(path) } : {}),
    ...(failure === undefined ? { outcome: '0' as const } : outcomeOf(failure)),
  });

  /**
   * Runs one call with a fresh request id once its AuditEvents have been handed to the
   * browser, and gives the answer only once it and their storage have succeeded. `failures`
   * names the searches that failed, for their follow-up events (outcome 4 or 8, same request id).
   */
  async function audited<T>(
    run: (t: FhirTransport) => Promise<T>,
    sent: (id: string) => QueryActivity[],
    failures: (id: string, result: { ok: true; value: T } | { ok: false; error: unknown }) => QueryActivity[],
    signal?: AbortSignal,
  ): Promise<T> {
    o.trail.assertOpen();
    const id = newId();
    const transport = o.plain({ 'X-Request-Id': id, 'X-Purpose-Of-Use': o.purpose });
    // The AuditEvents go out just ahead of the query, not after it, and are stored while it
    // runs (docs/adr/0012): events of every query started in the same turn go in one batch,
    // sent at the end of the turn (audit-trail.ts), and each query leaves as soon as that
    // batch has been handed to the browser. The audit service, asked first, answers first,
    // so each organisation's answer can be shown as it arrives; it is used only once both
    // the answer and its events' storage have succeeded.
    const { sent: announced, stored } = o.trail.announce(o.session, sent(id));
    stored.catch(() => undefined);
    // Until its events have been handed to the browser, or its own signal ends the wait.
    await (signal ? untilAborted(announced, signal) : announced).catch((error: unknown) => {
      if (!signal?.aborted) throw error;
    });
    if (signal?.aborted) {
      // Cancelled (or timed out) before its events went: the query is not sent, and the caller
      // is not kept waiting on the audit write; once its events are stored they are followed,
      // as any failed query's are, by events saying it failed.
      const error = rejectionFailure(signal.reason, signal);
      void stored
        .then(() => {
          const failed = failures(id, { ok: false, error });
          return failed.length > 0 ? o.trail.record(o.session, failed) : undefined;
        })
        .catch(() => undefined);
      throw error;
    }
    o.trail.assertOpen();
    const result: { ok: true; value: T } | { ok: false; error: unknown } = await run(transport).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    await stored;
    const failed = failures(id, result);
    if (failed.length > 0) await o.trail.record(o.session, failed);
    if (!result.ok) throw result.error;
    return result.value;
  }

  return {
    baseUrl: base,
    get(path, signal) {
      if (NOT_ABOUT_A_PATIENT.test(path)) return o.plain({}).get(path, signal);
      return audited((t) => t.get(path, signal), (id) => [activity(path, 'read', id)], (id, r) => (r.ok ? [] : [activity(path, 'read', id, r.error)]), signal);
    },
    searchAll(path, opts) {
      return audited((t) => t.searchAll(path, opts), (id) => [activity(path, 'search', id)], (id, r) => (r.ok ? [] : [activity(path, 'search', id, r.error)]), opts?.signal);
    },
    batchSearch(paths, opts) {
      return audited<BatchSearchResult[]>(
        (t) => t.batchSearch(paths, opts),
        (id) => paths.map((path) => activity(path, 'search', id)),
        (id, r) => paths.flatMap((path, i) => {
          if (!r.ok) return [activity(path, 'search', id, r.error)];
          const entry = r.value.find((x) => x.path === path) ?? r.value[i];
          return entry && !entry.ok ? [activity(path, 'search', id, entry.error)] : [];
        }),
        opts?.signal,
      );
    },
    ...(o.plain({}).probe ? { probe: (signal?: AbortSignal) => o.plain({}).probe!(signal) } : {}),
  };
}

