import { ShownMark } from '../../../components/shown-mark';
import { useMemo, useState } from 'react';
import { formatCuiDateTime } from '../../../components/record-date';
import { attachmentDescription, attachmentKind, documentStatusWords, primaryAttachment, sortDocuments } from '../../../domain/documents/attachment-kind';
import type { DocumentRecord } from '../../../domain/records';
import type { OpenDocument } from '../opened-document';
import { DocumentViewer } from './document-viewer';
import { ViewButton } from '../../../components/view-button';

export interface DocumentListProps {
  documents: DocumentRecord[];
  /** Fetches and audits a document's content; without it, documents are listed but not opened. */
  open?: OpenDocument;
  /** Opens a document's detail (where it came from, its status, every field); without it, no View buttons. */
  onOpen?: (d: DocumentRecord) => void;
}

/**
 * Letters, discharge summaries and other documents from every organisation, newest
 * first: type, date, author organisation and status. Opening one fetches its content then
 * (never before); a type the viewer does not open is described instead. View shows the
 * document's detail, as for every other item: where it came from and every field.
 */
export function DocumentList({ documents, open, onOpen }: DocumentListProps) {
  const sorted = useMemo(() => sortDocuments(documents), [documents]);
  const [opened, setOpened] = useState<DocumentRecord>();
  return (
    <>
      <table className="nhsuk-table document-table">
        <caption className="nhsuk-u-visually-hidden">Documents, newest first</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Date</th>
            <th scope="col">Organisation</th>
            <th scope="col">Status</th>
            <th scope="col">Content</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {sorted.map((d) => {
            const a = primaryAttachment(d);
            // A Composition carries its content in its sections: opened by reading it again.
            const composition = d.resourceType === 'Composition';
            const openable = open !== undefined && (composition || (a !== undefined && attachmentKind(a.contentType) !== 'other'));
            return (
              <tr key={d.key}>
                <td>
                  <strong>{d.title}</strong>
                  {d.type && d.type !== d.title && <><br /><span className="document-type">{d.type}</span></>}
                  <ShownMark record={d} />
                  {onOpen && (
                    <>
                      <br />
                      <ViewButton item={`${d.title} from ${d.authorOrganisation ?? d.source.organisationName}`} onClick={() => onOpen(d)} />
                    </>
                  )}
                </td>
                <td>{formatCuiDateTime(d.date) ?? 'Date not recorded'}</td>
                <td>{d.authorOrganisation ?? d.source.organisationName}{d.author && <><br /><span className="document-author">{d.author}</span></>}</td>
                <td>{documentStatusWords(d)}</td>
                <td>
                  {openable ? (
                    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small document-open" onClick={() => setOpened(d)}
                      aria-label={`Open ${d.title}`}>
                      Open
                    </button>
                  ) : null}
                  <span className="document-kind">{composition ? 'Document in sections' : attachmentDescription(a)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {opened && open && <DocumentViewer doc={opened} open={open} onClose={() => setOpened(undefined)} />}
    </>
  );
}
