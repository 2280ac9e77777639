/**
 * Attachments (DocumentReference.content.attachment, DiagnosticReport.presentedForm) as
 * references only: where the content is and what type it claims. Content is never read
 * here except short inline text/plain, which is text like any other string field.
 */
import type { Attachment } from 'fhir/r4';
import type { AttachmentRef } from '../records';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Largest inline text decoded for a report's presented form (64 kB of base64). */
const MAX_INLINE_TEXT = 64 * 1024;

export function attachmentRef(a: Attachment | undefined): AttachmentRef | undefined {
  if (!a || typeof a !== 'object') return undefined;
  const url = str(a.url);
  const data = str(a.data);
  const contentType = str(a.contentType);
  const title = str(a.title);
  const size = typeof a.size === 'number' && Number.isFinite(a.size) && a.size >= 0 ? a.size : undefined;
  if (!url && !data) return undefined;
  return { ...(contentType ? { contentType } : {}), ...(url ? { url } : {}), ...(data ? { data } : {}), ...(title ? { title } : {}), ...(size !== undefined ? { size } : {}) };
}

/** The media type without parameters, lower case: `text/html; charset=utf-8` → `text/html`. */
export function mediaType(contentType: string | undefined): string | undefined {
  const t = contentType?.split(';')[0]?.trim().toLowerCase();
  return t ? t : undefined;
}

/** Base64 to bytes; undefined when it is not base64. */
export function base64Bytes(data: string): Uint8Array | undefined {
  const clean = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  try {
    const binary = atob(clean);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** UTF-8 text from base64; undefined when it is not base64 or not UTF-8. */
export function base64Text(data: string): string | undefined {
  const bytes = base64Bytes(data);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Inline text/plain content of a presented form, decoded, if short enough. */
export function inlineText(a: AttachmentRef): string | undefined {
  if (mediaType(a.contentType) !== 'text/plain' || !a.data || a.data.length > MAX_INLINE_TEXT) return undefined;
  return str(base64Text(a.data));
}
