/** AuditEvents for every access (IHE BALP), built from plain values with the clock passed in. */
export { buildAuditEvent } from './build-audit-event';
export { base64Utf8, fromBase64Utf8 } from './base64';
export { AGENT_TYPE, ENTITY, EVENT_TYPE, SUBTYPE, SYSTEMS } from './audit-codes';
export type * from './audit-types';
export { auditUser, type AuditUserInput } from './audit-user';
