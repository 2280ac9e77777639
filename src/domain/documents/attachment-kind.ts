/**
 * What the viewer does with a document's attachment, from its declared type: PDF drawn
 * in the page, HTML and plain text shown through the one sanitising path, anything else
 * described and not opened (a Word file or an image format the viewer does not draw
 * could carry anything). Pure.
 */
import type { AttachmentRef, DocumentRecord } from '../records';
import { newestFirst } from '../record-order';
import { codeWords } from '../coded-words';

export type AttachmentKind = 'pdf' | 'html' | 'text' | 'other';

const KINDS: Record<string, AttachmentKind> = {
  'application/pdf': 'pdf',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
};

export function attachmentKind(contentType: string | undefined): AttachmentKind {
  const t = contentType?.split(';')[0]?.trim().toLowerCase();
  return (t && KINDS[t]) || 'other';
}

/** The attachment to open: the first the viewer can show, else the first. */
export function primaryAttachment(doc: DocumentRecord): AttachmentRef | undefined {
  return doc.attachments.find((a) => attachmentKind(a.contentType) !== 'other') ?? doc.attachments[0];
}

/** Types the viewer does not open, in words (IANA media types as documents carry them). */
const OTHER_TYPES: Record<string, string> = {
  'application/msword': 'Word document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/rtf': 'Rich text (RTF) document',
  'text/rtf': 'Rich text (RTF) document',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text document',
  'application/vnd.ms-excel': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'text/csv': 'CSV spreadsheet',
  'image/jpeg': 'JPEG image',
  'image/png': 'PNG image',
  'image/tiff': 'TIFF image',
  'image/gif': 'GIF image',
  'application/dicom': 'DICOM image',
  'application/xml': 'XML document',
  'text/xml': 'XML document',
  'application/hl7-v3+xml': 'HL7 CDA document',
  'application/zip': 'ZIP archive',
};

/** "PDF document, 2.1 MB" / "Word document, 29 kB: not opened by this viewer". */
export function attachmentDescription(a: AttachmentRef | undefined): string {
  if (!a) return 'No content attached';
  const size = a.size !== undefined ? `, ${formatSize(a.size)}` : '';
  switch (attachmentKind(a.contentType)) {
    case 'pdf': return `PDF document${size}`;
    case 'html': return `Web page (HTML) document${size}`;
    case 'text': return `Text document${size}`;
    default: {
      const t = a.contentType?.split(';')[0]?.trim().toLowerCase();
      const words = (t && OTHER_TYPES[t]) ?? `${a.contentType ?? 'Unknown type'} document`;
      return `${words}${size}: not opened by this viewer`;
    }
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Newest first; undated last. */
export function sortDocuments(docs: readonly DocumentRecord[]): DocumentRecord[] {
  return [...docs].sort(newestFirst);
}

/** The attachment's address relative to the endpoint's base, when it is a Binary there; otherwise undefined (not opened). */
export function binaryPath(url: string | undefined, baseUrl: string): string | undefined {
  if (!url) return undefined;
  const base = baseUrl.replace(/\/+$/, '');
  const rel = url.startsWith(`${base}/`) ? url.slice(base.length + 1) : url;
  return /^Binary\/[A-Za-z0-9\-.]{1,64}$/.test(rel) ? rel : undefined;
}

/**
 * A document's status in words. A DocumentReference's status says whether it is the
 * version in use (current, superseded) and its docStatus how finished the document is,
 * said only when not final ("Current; document preliminary (draft)"); a Composition has
 * only the second.
 */
export function documentStatusWords(d: Pick<DocumentRecord, 'resourceType' | 'status' | 'docStatus'>): string {
  if (d.resourceType === 'Composition') return codeWords('composition-status', d.status) ?? 'Status not recorded';
  const status = codeWords('document-status', d.status) ?? 'Status not recorded';
  const doc = d.docStatus && d.docStatus !== 'final' ? codeWords('composition-status', d.docStatus) : undefined;
  return doc ? `${status}; document ${doc.charAt(0).toLowerCase()}${doc.slice(1)}` : status;
}
