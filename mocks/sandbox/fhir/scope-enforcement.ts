/**
 * Strict mode (auth/auth-mode.ts): the endpoint answers only what the token's scopes
 * cover. A read (`Type/id`) needs `r`, a search (`Type?…`) needs `s` (v1 `read` covers
 * both); anything else is 403 with an OperationOutcome whose code is `forbidden` and whose
 * text starts `insufficient_scope` (RFC 6750 §3.1). Wrapping the engine means a batch is
 * checked per entry, as a real server answers each entry on its own.
 */
import { scopeAllowsRead } from '../auth/auth-mode';
import type { FhirEngine } from './engine';
import { failure } from './outcome';

export const INSUFFICIENT_SCOPE = 'insufficient_scope';

export function scopedEngine(engine: FhirEngine, scope: string): FhirEngine {
  return {
    resourceTypes: engine.resourceTypes,
    async get(relativeUrl, baseUrl) {
      const path = relativeUrl.split('?')[0] ?? '';
      const [type = '', id] = path.split('/').filter(Boolean);
      if (/^[A-Z][A-Za-z]+$/.test(type)) {
        const permission = id && !id.startsWith('_') ? 'r' : 's';
        if (!scopeAllowsRead(scope, type, permission)) {
          return failure(403, 'forbidden', `${INSUFFICIENT_SCOPE}: the token's scopes do not allow ${permission === 'r' ? 'reading' : 'searching'} ${type}`, {
            'www-authenticate': `Bearer error="${INSUFFICIENT_SCOPE}"`,
          });
        }
      }
      return engine.get(relativeUrl, baseUrl);
    },
  };
}
