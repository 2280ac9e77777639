/**
 * The objection check that comes between matching the patient and asking for any of
 * their records (docs/access-policy.md): first the region's objection register (already
 * read, passed in), then, if that says nothing, the organisation's own Consents
 * (`Consent?patient=<id>&status=active`). An organisation the patient objected to is
 * asked for nothing more unless the user overrode the objection. A check that cannot be
 * made stops the source too: records are never shown on the assumption of no objection.
 */
import type { EndpointConfiguration } from '../../config/types';
import { incompleteObjectionAnswer, objectionsTo, type Objection } from '../../domain/policy/objection';
import { FhirError } from '../../fhir/errors';
import type { FhirTransport, SearchProgress, SearchResult } from '../../fhir/types';

export interface ObjectionInput {
  /**
   * Consents about this patient from the region's objection register, or their promise:
   * the register is asked alongside the organisations, and nothing is shown before it answered.
   */
  registerConsents: readonly unknown[] | Promise<readonly unknown[]>;
  /** The user overrode an objection to this organisation this session (emergency override). */
  overridden: boolean;
  /** The ODS codes of every configured organisation, so that a Consent naming another one is placed. */
  odsCodes?: readonly string[];
}

export type ObjectionCheck = { ok: true; objections: Objection[] } | { ok: false; error: unknown };

/**
 * The organisation's own Consents from its answer, or, where the answer says it is not all
 * of them (domain/policy incompleteObjectionAnswer), the failure that withholds its records.
 */
export function ownConsents(result: SearchResult): { ok: true; resources: readonly unknown[] } | { ok: false; error: unknown } {
  const incomplete = incompleteObjectionAnswer(result, 'The organisation');
  return incomplete ? { ok: false, error: new FhirError({ kind: 'unreadable', reason: incomplete }) } : { ok: true, resources: result.resources };
}

export function consentSearch(patientId: string): string {
  return `Consent?patient=${encodeURIComponent(patientId)}&status=active&_count=200`;
}

/**
 * The rule on Consents already read: the register first (an objection there is enough, the
 * organisation's own are then not needed), then the organisation's own. `own` failed: the
 * check cannot be made (unless the register already objects), and the caller withholds.
 * Every Consent the organisation returned counts, even one whose patient is unclear: one
 * too many can only withhold more.
 */
export function objectionsFromConsents(
  endpoint: EndpointConfiguration,
  input: ObjectionInput & { registerConsents: readonly unknown[] },
  own: { ok: true; resources: readonly unknown[] } | { ok: false; error: unknown },
  now: Date,
): ObjectionCheck {
  const org = { odsCode: endpoint.odsCode, fhirBaseUrl: endpoint.fhirBaseUrl, otherOdsCodes: (input.odsCodes ?? []).filter((c) => c !== endpoint.odsCode) };
  const onRegister = objectionsTo(org, input.registerConsents.map((consent) => ({ consent, heldBy: 'register' as const })), now);
  if (onRegister.length > 0) return { ok: true, objections: onRegister };
  if (!own.ok) return { ok: false, error: own.error };
  return { ok: true, objections: objectionsTo(org, own.resources.map((consent) => ({ consent, heldBy: 'organisation' as const })), now) };
}

export async function checkObjection(
  endpoint: EndpointConfiguration,
  transport: FhirTransport,
  patientId: string,
  input: ObjectionInput & { registerConsents: readonly unknown[] },
  opts: { signal: AbortSignal; onPage: (p: SearchProgress) => void; now: Date },
): Promise<ObjectionCheck> {
  const registerOnly = objectionsFromConsents(endpoint, input, { ok: true, resources: [] }, opts.now);
  if (registerOnly.ok && registerOnly.objections.length > 0) return registerOnly;
  try {
    const found = await transport.searchAll(consentSearch(patientId), { signal: opts.signal, onPage: opts.onPage });
    return objectionsFromConsents(endpoint, input, ownConsents(found), opts.now);
  } catch (error) {
    return { ok: false, error };
  }
}
