/**
 * A document's content as opened for one look: held in component state only while it is
 * on screen, never cached, never stored. The app supplies `OpenDocument` (it fetches
 * through the endpoint's transport and writes the AuditEvent before resolving).
 */
import type { DocumentRecord } from '../../domain/records';

export type OpenedDocument =
  | { kind: 'pdf'; bytes: Uint8Array }
  | { kind: 'html'; html: string }
  | { kind: 'text'; text: string }
  /** Not shown: the attachment's own labels withhold it, or it cannot be opened here; `reason` says why in words. */
  | { kind: 'not-shown'; reason: string };

export type OpenDocument = (doc: DocumentRecord, signal: AbortSignal) => Promise<OpenedDocument>;
