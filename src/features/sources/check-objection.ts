/**
 * The objection check that comes between matching the patient and asking for any of
 * their records (docs/access-policy.md): first the region's objection register (already
 * read, passed in), then, if that says nothing, the organisation's own Consents
 * (`Consent?patient=<id>&status=active`). An organisation the patient objected to is
 * asked for nothing more unless the user overrode the objection. A check that cannot be
 * made stops the source too: records are never shown on the assumption of no objection.
 */
import type { Consent } from 'fhir/r4';
import type { EndpointConfiguration } from '../../config/types';
import { objectionsTo, type Objection } from '../../domain/policy/objection';
import type { FhirTransport, SearchProgress } from '../../fhir/types';

export interface ObjectionInput {
  /** Consents about this patient from the region's objection register. */
  registerConsents: readonly unknown[];
  /** The user overrode an objection to this organisation this session (emergency override). */
  overridden: boolean;
  /** The ODS codes of every configured organisation, so that a Consent naming another one is placed. */
  odsCodes?: readonly string[];
}

export type ObjectionCheck = { ok: true; objections: Objection[] } | { ok: false; error: unknown };

export function consentSearch(patientId: string): string {
  return `Consent?patient=${encodeURIComponent(patientId)}&status=active&_count=200`;
}

export async function checkObjection(
  endpoint: EndpointConfiguration,
  transport: FhirTransport,
  patientId: string,
  input: ObjectionInput,
  opts: { signal: AbortSignal; onPage: (p: SearchProgress) => void; now: Date },
): Promise<ObjectionCheck> {
  const org = { odsCode: endpoint.odsCode, fhirBaseUrl: endpoint.fhirBaseUrl, otherOdsCodes: (input.odsCodes ?? []).filter((c) => c !== endpoint.odsCode) };
  const onRegister = objectionsTo(org, input.registerConsents.map((consent) => ({ consent, heldBy: 'register' as const })), opts.now);
  if (onRegister.length > 0) return { ok: true, objections: onRegister };
  try {
    const found = await transport.searchAll(consentSearch(patientId), { signal: opts.signal, onPage: opts.onPage });
    const own = found.resources.filter((r): r is Consent => r.resourceType === 'Consent').map((consent) => ({ consent, heldBy: 'organisation' as const }));
    return { ok: true, objections: objectionsTo(org, own, opts.now) };
  } catch (error) {
    return { ok: false, error };
  }
}
