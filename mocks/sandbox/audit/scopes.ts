/**
 * SMART scopes (v2 and the v1 forms servers still accept) that allow an interaction on a
 * resource type: `user/AuditEvent.c` allows create; `user/Consent.rs` read and search.
 */
const V2 = /^(user|system|patient)\/([A-Za-z*]+)\.([cruds]+|read|write|\*)$/;

export function scopeAllows(scope: string, type: string, permission: 'c' | 'r' | 's'): boolean {
  return scope.split(/\s+/).some((s) => {
    const m = V2.exec(s);
    if (!m || m[1] === 'patient') return false;
    if (m[2] !== type && m[2] !== '*') return false;
    const p = m[3]!;
    if (p === '*' ) return true;
    if (p === 'read') return permission === 'r' || permission === 's';
    if (p === 'write') return permission === 'c';
    return p.includes(permission);
  });
}
