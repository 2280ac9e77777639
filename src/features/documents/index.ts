/** Documents (letters, discharge summaries) from every organisation, opened one at a time. */
import './documents.css';
export type { OpenDocument, OpenedDocument } from './opened-document';
export { DocumentList, type DocumentListProps } from './components/document-list';
