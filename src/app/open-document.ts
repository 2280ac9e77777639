/**
 * Opening a document: its attachment fetched at that moment through the endpoint's own
 * transport (the same token and origin rules as every request: smart/endpoint-transport),
 * judged by its own labels as well as the document's (domain/policy), and audited
 * (a document-opened AuditEvent naming it) before anything is shown: if the audit
 * record is not stored the document is not shown (fail closed). Nothing is kept: the
 * bytes go to the caller's state and nowhere else. A Composition has no attachment: it is
 * read again by its id when opened, and its sections' narrative shown (compositionHtml).
 */
import type { Binary, Composition } from 'fhir/r4';
import type { AppConfiguration } from '../config/types';
import type { DocumentActivity, AuditSession } from '../domain/audit/audit-types';
import { attachmentKind, binaryPath, primaryAttachment } from '../domain/documents/attachment-kind';
import { compositionHtml } from '../domain/documents/composition-html';
import { base64Bytes } from '../domain/normalise/attachment';
import type { RolePolicy } from '../domain/policy/access-policy';
import { itemAccess } from '../domain/policy/item-access';
import { recordSensitivity, stricter } from '../domain/policy/record-sensitivity';
import { sensitivityClass } from '../domain/policy/security-labels';
import type { PurposeOfUse } from '../domain/policy/permission';
import type { DocumentRecord } from '../domain/records';
import type { RoleCategory } from '../domain/role';
import { outcomeOf, serverOf, type AuditTrail } from '../features/governance';
import type { OpenDocument, OpenedDocument } from '../features/documents';
import type { FhirTransport } from '../fhir/types';

export interface DocumentOpenerDeps {
  config: AppConfiguration;
  /** The endpoint's transport with extra headers (X-Request-Id, X-Purpose-Of-Use): smart/endpoint-transport. */
  transportFor: (endpointId: string, headers: Record<string, string>) => FhirTransport | undefined;
  trail: AuditTrail;
  session: AuditSession;
  role: RoleCategory;
  policy: RolePolicy;
  /** Keys of the items revealed this session (by item, as every reveal). */
  revealed: { has(key: string): boolean };
  purposeFor: (endpointId: string) => PurposeOfUse;
  newRequestId?: () => string;
}

const trim = (s: string) => s.replace(/\/+$/, '');
const localPatient = (doc: DocumentRecord) => /^Patient\/([^/]+)$/.exec((doc.original as { subject?: { reference?: string } }).subject?.reference ?? '')?.[1];

export function createDocumentOpener(deps: DocumentOpenerDeps): OpenDocument {
  return async (doc, signal) => {
    deps.trail.assertOpen();
    const endpoint = deps.config.endpoints.find((e) => e.id === doc.source.endpointId);
    if (!endpoint) return { kind: 'not-shown', reason: 'This organisation is no longer set up in the viewer' };
    const base = trim(endpoint.fhirBaseUrl);
    const purpose = deps.purposeFor(endpoint.id);
    const patientId = localPatient(doc);
    const activity = (o: Pick<DocumentActivity, 'outcome' | 'outcomeDesc' | 'attachmentUrl' | 'transactionId'>): DocumentActivity => ({
      kind: 'document', server: serverOf(endpoint), document: `${base}/${doc.resourceType}/${doc.original.id ?? ''}`, title: doc.title,
      purposeOfUse: purpose, ...(patientId ? { localPatientId: patientId } : {}), ...o,
    });
    /** The document's labels and those of what was fetched for it, the stricter winning (fail closed); the refusal audited. */
    const refusal = async (fetched: unknown, o: Pick<DocumentActivity, 'attachmentUrl' | 'transactionId'>): Promise<OpenedDocument | undefined> => {
      const access = itemAccess(stricter(recordSensitivity(doc), sensitivityClass(fetched)), deps.role, deps.policy, deps.revealed.has(doc.key));
      if (access === 'shown' || access === 'shown-revealed') return undefined;
      const reason = 'Withheld: the document’s content is labelled restricted or sensitive';
      await deps.trail.record(deps.session, [activity({ ...o, outcome: '4', outcomeDesc: reason })]);
      return { kind: 'not-shown', reason: access === 'withheld-revealable' ? `${reason}. Reveal this organisation’s restricted items to see it.` : reason };
    };

    // A Composition is its own content: read again now (never kept from the search), its sections shown.
    if (doc.resourceType === 'Composition') {
      const id = doc.original.id;
      if (!id) return { kind: 'not-shown', reason: 'The document has no id to fetch it by' };
      const path = `Composition/${encodeURIComponent(id)}`;
      const transactionId = (deps.newRequestId ?? (() => crypto.randomUUID()))();
      const transport = deps.transportFor(endpoint.id, { 'X-Request-Id': transactionId, 'X-Purpose-Of-Use': purpose });
      if (!transport) return { kind: 'not-shown', reason: 'The viewer is not signed in to this organisation' };
      const attachmentUrl = `${base}/${path}`;
      let composition: unknown;
      try {
        composition = await transport.get<Composition>(path, signal);
      } catch (error) {
        await deps.trail.record(deps.session, [activity({ attachmentUrl, transactionId, ...outcomeOf(error) })]);
        throw error;
      }
      const withheld = await refusal(composition, { attachmentUrl, transactionId });
      if (withheld) return withheld;
      const html = (composition as { id?: unknown }).id === id ? compositionHtml(composition) : undefined;
      if (!html) {
        await deps.trail.record(deps.session, [activity({ attachmentUrl, transactionId, outcome: '8', outcomeDesc: 'The document had no readable content' })]);
        return { kind: 'not-shown', reason: 'The document’s content could not be read' };
      }
      await deps.trail.record(deps.session, [activity({ attachmentUrl, transactionId, outcome: '0' })]);
      return { kind: 'html', html };
    }

    const attachment = primaryAttachment(doc);
    const kind = attachmentKind(attachment?.contentType);
    if (!attachment || kind === 'other') return { kind: 'not-shown', reason: 'The viewer does not open documents of this type' };

    let bytes: Uint8Array | undefined;
    let attachmentUrl: string | undefined;
    let transactionId: string | undefined;
    let labels: unknown;
    if (attachment.data) {
      bytes = base64Bytes(attachment.data);
    } else {
      const path = binaryPath(attachment.url, base);
      if (!path) return { kind: 'not-shown', reason: 'The document is held at an address outside this organisation’s FHIR service, so it is not opened' };
      attachmentUrl = `${base}/${path}`;
      transactionId = (deps.newRequestId ?? (() => crypto.randomUUID()))();
      const transport = deps.transportFor(endpoint.id, { 'X-Request-Id': transactionId, 'X-Purpose-Of-Use': purpose });
      if (!transport) return { kind: 'not-shown', reason: 'The viewer is not signed in to this organisation' };
      let binary: Binary;
      try {
        binary = await transport.get<Binary>(path, signal);
      } catch (error) {
        await deps.trail.record(deps.session, [activity({ attachmentUrl, transactionId, ...outcomeOf(error) })]);
        throw error;
      }
      labels = binary;
      bytes = typeof binary.data === 'string' ? base64Bytes(binary.data) : undefined;
    }

    // The attachment's own labels count as much as the document's (fail closed: the stricter wins).
    const withheld = await refusal(labels, { attachmentUrl, transactionId });
    if (withheld) return withheld;
    if (!bytes) {
      await deps.trail.record(deps.session, [activity({ attachmentUrl, transactionId, outcome: '8', outcomeDesc: 'The attachment had no readable content' })]);
      return { kind: 'not-shown', reason: 'The document’s content could not be read' };
    }
    // Stored before shown: a refused write throws here, and the trail fails closed for the whole page.
    await deps.trail.record(deps.session, [activity({ attachmentUrl, transactionId, outcome: '0' })]);
    return decoded(kind, bytes);
  };
}

function decoded(kind: 'pdf' | 'html' | 'text', bytes: Uint8Array): OpenedDocument {
  if (kind === 'pdf') return { kind: 'pdf', bytes };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'not-shown', reason: 'The document’s text is not in a form the viewer can read' };
  }
  return kind === 'html' ? { kind: 'html', html: text } : { kind: 'text', text };
}
