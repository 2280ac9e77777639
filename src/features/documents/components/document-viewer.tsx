import { useEffect, useState } from 'react';
import { Dialog } from '../../../components/dialog';
import { Narrative } from '../../../components/narrative';
import { formatCuiDateTime } from '../../../components/record-date';
import { ErrorNotice, Loading } from '../../../components/states';
import type { DocumentRecord } from '../../../domain/records';
import type { OpenDocument, OpenedDocument } from '../opened-document';
import { PdfView } from './pdf-view';

export interface DocumentViewerProps {
  doc: DocumentRecord;
  open: OpenDocument;
  onClose: () => void;
}

type State = { state: 'loading' } | { state: 'failed'; reason: string } | { state: 'opened'; content: OpenedDocument };

/**
 * One document, fetched when opened and gone when closed: the content lives in this
 * component's state only. HTML and text go through the one sanitising component; a PDF
 * is drawn by PDF.js; there is no download link.
 */
export function DocumentViewer({ doc, open, onClose }: DocumentViewerProps) {
  const [s, setS] = useState<State>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    open(doc, controller.signal).then(
      (content) => !controller.signal.aborted && setS({ state: 'opened', content }),
      (e: unknown) => !controller.signal.aborted && setS({ state: 'failed', reason: e instanceof Error && e.message ? e.message : 'The document could not be fetched' }),
    );
    return () => controller.abort();
  }, [doc, open]);

  const meta = [doc.type, formatCuiDateTime(doc.date), doc.authorOrganisation ?? doc.source.organisationName].filter(Boolean).join(' · ');
  return (
    <Dialog title={doc.title} caption="Document" onClose={onClose}>
      <p className="document-meta">{meta}</p>
      {s.state === 'loading' && <Loading>Fetching the document from {doc.source.organisationName}…</Loading>}
      {s.state === 'failed' && <ErrorNotice title="This document could not be opened">{s.reason}</ErrorNotice>}
      {s.state === 'opened' && <Content content={s.content} title={doc.title} />}
    </Dialog>
  );
}

function Content({ content, title }: { content: OpenedDocument; title: string }) {
  switch (content.kind) {
    case 'pdf':
      return <PdfView bytes={content.bytes} title={title} />;
    case 'html':
      return <div className="document-body"><Narrative xhtml={content.html} /></div>;
    case 'text':
      return <pre className="document-body document-text">{content.text}</pre>;
    case 'not-shown':
      return <p className="document-not-shown"><strong>Not shown. </strong>{content.reason}</p>;
  }
}
