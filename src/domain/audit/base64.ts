/**
 * Base64 of a string's UTF-8 bytes, as FHIR's base64Binary wants it (AuditEvent.entity
 * .query, BALP "query = base64 of the request"). btoa alone takes Latin-1 only.
 */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The inverse, for tests and the privacy officer's page. */
export function fromBase64Utf8(b64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}
