/**
 * What the app hands retrieval once the user has recorded a permission: the objection
 * register's answer, the organisations whose objection was overridden, the purpose of
 * use, and how to build each endpoint's transport (the governance feature wraps it so
 * that every query is audited before its answer is used). Features do not import each
 * other; the app composes them through this contract.
 */
import type { EndpointConfiguration } from '../../config/types';
import type { PurposeOfUse } from '../../domain/policy/permission';
import type { FhirTransport } from '../../fhir/types';

/** Builds a plain transport for the endpoint, with extra request headers (smart/endpoint-transport.ts). */
export type PlainTransport = (headers: Record<string, string>) => FhirTransport;

export interface SourceGovernance {
  /**
   * Consents about this patient from the region's objection register (empty if none is
   * configured), or their promise: asked alongside the organisations, waited for before
   * anything is shown (docs/adr/0005).
   */
  registerConsents: readonly unknown[] | Promise<readonly unknown[]>;
  /** The ODS codes of every configured organisation (to place the organisations a Consent names). */
  odsCodes?: readonly string[];
  /** Endpoint ids whose objection the user overrode this session. */
  overridden: ReadonlySet<string>;
  /** TREAT or ETREAT, from the permission recorded; BTG is used for overridden endpoints. */
  purposeOfUse: PurposeOfUse;
  transport: (endpoint: EndpointConfiguration, purpose: PurposeOfUse, plain: PlainTransport) => FhirTransport;
  /**
   * The permission's storage in the audit trail, where retrieval starts before it (ADR 0013):
   * each organisation's time limit counts from then (retrieve-from-endpoint.ts timedFrom).
   */
  permissionStored?: Promise<unknown>;
  /** Writes to the audit trail that this organisation's answer was received and not shown, and why (retrieve-from-endpoint.ts onDiscarded). */
  recordDiscarded?: (endpoint: EndpointConfiguration, why: string) => void;
}

/** The purpose of use for one endpoint's requests: break the glass where an objection was overridden. */
export function purposeFor(governance: SourceGovernance, endpointId: string): PurposeOfUse {
  return governance.overridden.has(endpointId) ? 'BTG' : governance.purposeOfUse;
}
