/**
 * SANDBOX_AUTH=strict (or `startSandbox({ auth: 'strict' })`): the sandbox's authorisation
 * and FHIR servers behave like many real ones rather than like the forgiving default.
 *
 * - `prompt=none` is refused with `login_required` (OpenID Connect Core §3.1.2.6) even
 *   when the browser is signed in: no sign-in without a window, so every endpoint other
 *   than the launching one, and the audit service, need an interactive sign-in.
 * - No refresh tokens: no `online_access` / `offline_access`, no refresh_token grant.
 * - A token carries only the scopes asked for in that request (never widened by earlier
 *   requests of the same browser session).
 * - The FHIR endpoints enforce the token's scopes: a read or search of a type no granted
 *   scope covers is 403 with an OperationOutcome and `insufficient_scope` (RFC 6750 §3.1),
 *   per entry inside a batch.
 *
 * Without it nothing of this changes: the default sandbox is as it always was.
 */
import type { SandboxAuthMode } from '../topology';

export function parseAuthModeEnv(raw: string | undefined): SandboxAuthMode | undefined {
  const value = raw?.trim().toLowerCase();
  if (!value || value === 'default') return undefined;
  if (value === 'strict') return 'strict';
  throw new Error(`SANDBOX_AUTH must be "strict" or "default", got "${raw}"`);
}

/** Scopes a strict server will not issue: they exist only to obtain refresh tokens. */
export const REFRESH_SCOPES: ReadonlySet<string> = new Set(['online_access', 'offline_access']);

const RESOURCE_SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([cruds]+|read|write|\*)$/;

/**
 * Whether a granted scope string allows reading or searching one resource type (SMART App
 * Launch 2.2: v2 `rs`, `r`, `s`, `cruds`; v1 `read`, `*`; `*` as the type). Any context
 * (patient, user, system) counts: the sandbox checks the type, not the patient compartment.
 */
export function scopeAllowsRead(scope: string, type: string, permission: 'r' | 's'): boolean {
  return scope.split(/\s+/).some((s) => {
    const m = RESOURCE_SCOPE.exec(s);
    if (!m) return false;
    if (m[2] !== type && m[2] !== '*') return false;
    const p = m[3]!;
    if (p === '*' || p === 'read') return true;
    if (p === 'write') return false;
    return p.includes(permission);
  });
}
