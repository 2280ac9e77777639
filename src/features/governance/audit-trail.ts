/**
 * The session's audit trail, and the fail-closed rule (docs/access-policy.md): once one
 * write is refused, the trail is failed for good; nothing further is written, queried or
 * shown, and the page says why. Every writer awaits acceptance before it uses what it
 * audited, so nothing reaches the screen unaudited. Events recorded in the same turn of
 * the event loop (every organisation's queries start together) go in one batch: one
 * request to the audit service instead of one per organisation, which the browser's six
 * connections per server would otherwise queue.
 */
import type { AuditEvent } from 'fhir/r4';
import { buildAuditEvent } from '../../domain/audit/build-audit-event';
import type { AuditActivity, AuditSession } from '../../domain/audit/audit-types';
import type { AuditClient } from './audit-client';
import { beforeNextFrame } from './before-next-frame';

export type AuditTrailState = { state: 'ok' } | { state: 'failed'; reason: string };

/** Thrown to whatever asked for a write (or a query) after the trail failed. */
export class AuditFailure extends Error {
  override readonly name = 'AuditFailure';
}

export interface AuditTrail {
  /** Builds and writes one AuditEvent per activity (with others of the same turn); resolves when all are stored. */
  record(session: AuditSession, activities: AuditActivity[]): Promise<void>;
  /**
   * As `announce`, in a batch of their own, and a barrier: every event announced after these
   * is built meanwhile but written only once these are stored, and never if they are not
   * (the trail has then failed, so what waits on `sent` sends nothing). The permission to
   * view goes this way, so the record's queries can be prepared while it is stored and leave
   * the moment it is (docs/adr/0013).
   */
  recordFirst(session: AuditSession, activities: AuditActivity[]): { sent: Promise<void>; stored: Promise<void> };
  /**
   * As `record`, and also when the batch holding these events has been handed to the
   * browser (`sent`; also once it has failed before that): a query waits for that, not for
   * storage, so its events reach the audit service ahead of it (audited-transport.ts).
   */
  announce(session: AuditSession, activities: AuditActivity[]): { sent: Promise<void>; stored: Promise<void> };
  /** Throws AuditFailure if the trail has failed: called before any audited request. */
  assertOpen(): void;
  current(): AuditTrailState;
  subscribe(listener: () => void): () => void;
}

export function createAuditTrail({ client, now }: { client: AuditClient; now: () => Date }): AuditTrail {
  let state: AuditTrailState = { state: 'ok' };
  const listeners = new Set<() => void>();
  const fail = (reason: string): never => {
    if (state.state === 'ok') {
      state = { state: 'failed', reason };
      for (const l of [...listeners]) l();
    }
    throw new AuditFailure(reason);
  };
  interface PendingBatch {
    entries: Array<{ session: AuditSession; activities: AuditActivity[] }>;
    written: Promise<void>;
    sent: Promise<void>;
  }
  let pending: PendingBatch | undefined;
  /** The storage of the last `recordFirst` batch: every batch started after it waits for it. */
  let barrier: Promise<void> | undefined;
  /**
   * A batch that collects activities until the current turn ends, then builds their events
   * and writes them all, before the next frame is drawn; `sent` once the write has been
   * handed to the browser (or has failed before that), which is what the queries they audit
   * wait for (audited-transport.ts, docs/adr/0012). Behind a barrier (recordFirst), the
   * events are built at once and written once the barrier's are stored, stamped then.
   */
  const startBatch = (): PendingBatch => {
    let markSent: () => void = () => undefined;
    const after = barrier;
    const batch: PendingBatch = { entries: [], written: Promise.resolve(), sent: new Promise<void>((resolve) => (markSent = resolve)) };
    batch.written = beforeNextFrame()
      .then(async () => {
        if (pending === batch) pending = undefined;
        trail.assertOpen();
        const events: AuditEvent[] = batch.entries.flatMap(({ session, activities }) => activities.map((a) => buildAuditEvent(session, a, new Date(0))));
        // Behind a barrier, serialised while it is stored: only the request is left for then.
        const prepared = after && client.prepare ? client.prepare(events) : undefined;
        // Nothing after the barrier is written unless the barrier's events were stored (a
        // failure there has failed the trail, which assertOpen then says).
        if (after) await after;
        trail.assertOpen();
        const recorded = now().toISOString();
        try {
          if (prepared) await prepared.write(recorded, { onSent: markSent });
          else {
            for (const e of events) e.recorded = recorded;
            await client.write(events, { onSent: markSent });
          }
        } catch (e) {
          fail(e instanceof Error && e.name === 'AuditWriteError' ? e.message : 'The audit service could not be reached');
        }
      })
      .finally(markSent);
    return batch;
  };
  const trail: AuditTrail = {
    assertOpen() {
      if (state.state === 'failed') throw new AuditFailure(state.reason);
    },
    async record(session, activities) {
      await trail.announce(session, activities).stored;
    },
    recordFirst(session, activities) {
      trail.assertOpen();
      const batch = startBatch();
      batch.entries.push({ session, activities });
      // Nobody joins it, nor a batch begun before it; every batch from now on waits for its storage.
      pending = undefined;
      barrier = batch.written;
      barrier.catch(() => undefined);
      return { sent: batch.sent, stored: batch.written };
    },
    announce(session, activities) {
      trail.assertOpen();
      const batch = (pending ??= startBatch());
      batch.entries.push({ session, activities });
      return { sent: batch.sent, stored: batch.written };
    },
    current: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return trail;
}
