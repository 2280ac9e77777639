/**
 * SMART scopes in the syntax each server understands (docs/standards.md, "SMART App
 * Launch"). The configuration is written in v2 (`user/*.rs`, `user/AuditEvent.c`); a
 * server whose smart-configuration lists `permission-v2` is asked in v2, any other in v1,
 * where `.rs` is `.read` and create, update or delete are `.write`. A server listing
 * neither `permission-v1` nor `permission-v2` predates both words and speaks v1.
 */
export type ScopeSyntax = 'v1' | 'v2';

export function scopeSyntax(capabilities: readonly string[] | undefined): ScopeSyntax {
  return capabilities?.includes('permission-v2') ? 'v2' : 'v1';
}

/** `patient/Observation.rs` → `patient/Observation.read`; `user/AuditEvent.c` → `user/AuditEvent.write`. */
function toV1(scope: string): string {
  const m = /^((?:patient|user|system)\/[^.\s]+)\.([cruds]+)(\?.*)?$/.exec(scope);
  if (!m) return scope; // openid, fhirUser, launch, online_access… and scopes already in v1
  const [, resource, perms = ''] = m;
  const reads = /[rs]/.test(perms);
  const writes = /[cud]/.test(perms);
  if (reads && writes) return `${resource}.*`;
  return `${resource}.${writes ? 'write' : 'read'}`;
}

/** The configured (v2) scope string, as this server must be asked. */
export function scopeFor(scope: string, syntax: ScopeSyntax): string {
  if (syntax === 'v2') return scope;
  return scope.split(/\s+/).filter(Boolean).map(toV1).join(' ');
}
