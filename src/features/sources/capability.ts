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

/**
 * Whether the server says it searches this resource type (CapabilityStatement.rest.resource
 * with a `search-type` interaction). Used for the types a server may or may not hold
 * (Composition): not said, not asked, so a server that never heard of it is not sent a
 * search that fails.
 */
export function offersSearch(statement: unknown, type: string): boolean {
  if (typeof statement !== 'object' || statement === null) return false;
  const cs = statement as Partial<CapabilityStatement>;
  if (cs.resourceType !== 'CapabilityStatement' || !Array.isArray(cs.rest)) return false;
  return cs.rest.some(
    (r) => r?.mode === 'server' && Array.isArray(r.resource) && r.resource.some((res) => res?.type === type && Array.isArray(res.interaction) && res.interaction.some((i) => i?.code === 'search-type')),
  );
}
