import type { CapabilityStatement } from 'fhir/r4';

/**
 * Whether the server says it accepts a batch at its base (FHIR R4
 * capabilitystatement-definitions.html#CapabilityStatement.rest.interaction: system-level
 * `batch`). Only a server that says so gets one: a batch it does not understand would
 * fail every search at once, where separate searches would each have worked.
 */
export function supportsBatch(statement: unknown): boolean {
  if (typeof statement !== 'object' || statement === null) return false;
  const cs = statement as Partial<CapabilityStatement>;
  if (cs.resourceType !== 'CapabilityStatement') return false;
  return (cs.rest ?? []).some((r) => r.mode === 'server' && (r.interaction ?? []).some((i) => i.code === 'batch'));
}
