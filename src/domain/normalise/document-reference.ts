/**
 * FHIR R4 DocumentReference (and Composition) to a DocumentRecord: a list item with type,
 * date, author organisation and status. The content stays where it is until a user opens
 * it (features/documents); only its address and declared type are kept here.
 */
import type { Composition, DocumentReference } from 'fhir/r4';
import type { DocumentRecord, NormaliseResult, SourceRef } from '../records';
import { attachmentRef } from './attachment';
import { ENTERED_IN_ERROR, guard } from './guard';
import { Unreadable, conceptText, readDate, referenceDisplay } from './fhir-values';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export const NO_DOCUMENT_TITLE = 'No document type or description';

/**
 * title: description, else type, else the first attachment's title. date: date, else
 * context.period.start, else the first attachment's creation. authorOrganisation: the
 * custodian's display, else the first author's. An entered-in-error document is reported
 * as unreadable, never listed.
 */
export function normaliseDocumentReference(r: DocumentReference, source: SourceRef): NormaliseResult<DocumentRecord> {
  return guard('DocumentReference', r, source, (base) => {
    const status = str(r.status) ?? 'unknown';
    if (status === 'entered-in-error' || r.docStatus === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const contents = (r.content ?? []).map((c) => c?.attachment);
    const attachments = contents.flatMap((a) => {
      const ref = attachmentRef(a);
      return ref ? [ref] : [];
    });
    const type = conceptText(r.type);
    const title = str(r.description) ?? type ?? attachments.map((a) => a.title).find(Boolean);
    if (!title) throw new Unreadable(NO_DOCUMENT_TITLE);
    const date =
      readDate(r.date, 'date') ?? readDate(r.context?.period?.start, 'context.period.start') ?? readDate(contents.find((a) => a?.creation)?.creation, 'content.attachment.creation');
    const authorOrganisation = referenceDisplay(r.custodian) ?? (r.author ?? []).filter((a) => a?.reference?.includes('Organization')).map(referenceDisplay).find(Boolean);
    const author = (r.author ?? []).filter((a) => !a?.reference?.includes('Organization')).map(referenceDisplay).find(Boolean);
    const category = (r.category ?? []).map((c) => conceptText(c)).find(Boolean);
    const docStatus = str(r.docStatus);
    return {
      ...base,
      kind: 'document',
      resourceType: 'DocumentReference',
      title,
      status,
      attachments,
      ...(type ? { type } : {}),
      ...(category ? { category } : {}),
      ...(date ? { date } : {}),
      ...(authorOrganisation ? { authorOrganisation } : {}),
      ...(author ? { author } : {}),
      ...(docStatus ? { docStatus } : {}),
    };
  });
}

/** A Composition as a document: its sections are narrative, shown through the one sanitising path when opened. */
export function normaliseComposition(r: Composition, source: SourceRef): NormaliseResult<DocumentRecord> {
  return guard('Composition', r, source, (base) => {
    const status = str(r.status) ?? 'unknown';
    if (status === 'entered-in-error') throw new Unreadable(ENTERED_IN_ERROR);
    const type = conceptText(r.type);
    const title = str(r.title) ?? type;
    if (!title) throw new Unreadable(NO_DOCUMENT_TITLE);
    const date = readDate(r.date, 'date');
    const authorOrganisation = referenceDisplay(r.custodian) ?? (r.author ?? []).filter((a) => a?.reference?.includes('Organization')).map(referenceDisplay).find(Boolean);
    const author = (r.author ?? []).filter((a) => !a?.reference?.includes('Organization')).map(referenceDisplay).find(Boolean);
    const category = (r.category ?? []).map((c) => conceptText(c)).find(Boolean);
    return {
      ...base,
      kind: 'document',
      resourceType: 'Composition',
      title,
      status,
      attachments: [],
      ...(type ? { type } : {}),
      ...(category ? { category } : {}),
      ...(date ? { date } : {}),
      ...(authorOrganisation ? { authorOrganisation } : {}),
      ...(author ? { author } : {}),
    };
  });
}
