/**
 * What the viewer does with a document's attachment, from its declared type: PDF drawn
 * in the page, HTML and plain text shown through the one sanitising path, anything else
 * described and not opened (a Word file or an image format the viewer does not draw
 * could carry anything). Pure.
 */
import type { AttachmentRef, DocumentRecord } from '../records';
import { newestFirst } from '../record-order';

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

/** "PDF document, 2.1 MB" / "Word document (not opened by this viewer)". */
export function attachmentDescription(a: AttachmentRef | undefined): string {
  if (!a) return 'No content attached';
  const size = a.size !== undefined ? `, ${formatSize(a.size)}` : '';
  switch (attachmentKind(a.contentType)) {
    case 'pdf': return `PDF document${size}`;
    case 'html': return `Web page (HTML) document${size}`;
    case 'text': return `Text document${size}`;
    default: return `${a.contentType ?? 'Unknown type'} document${size}: not opened by this viewer`;
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
