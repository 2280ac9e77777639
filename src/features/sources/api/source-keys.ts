/**
 * Query keys for what the viewer asks each regional endpoint. Every key starts with
 * `['fhir', endpointId]` (architecture habit 1), so one organisation's data can be
 * refetched or dropped without touching the others'.
 */
export const sourceKeys = {
  endpoint: (endpointId: string) => ['fhir', endpointId] as const,
  /** The CapabilityStatement: whether the server takes a batch. */
  metadata: (endpointId: string) => ['fhir', endpointId, 'metadata'] as const,
  /** The probe (transport.probe): whether the server takes a batch, asked before the decision. */
  probe: (endpointId: string) => ['fhir', endpointId, 'probe'] as const,
  /**
   * One organisation's part of the summary for one person; `view` is `override` once the
   * user has overridden the patient's objection to that organisation (a fresh retrieval).
   */
  summary: (endpointId: string, nhsNumber: string, view: 'standard' | 'override' = 'standard') =>
    ['fhir', endpointId, 'summary', nhsNumber, view] as const,
  /** The busy state of that summary while it runs (signing in, pages so far). */
  progress: (endpointId: string, nhsNumber: string) => ['fhir', endpointId, 'summary-progress', nhsNumber] as const,
};
