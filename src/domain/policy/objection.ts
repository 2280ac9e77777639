/**
 * Whether a patient has objected to an organisation's records being shared, from FHIR
 * Consent resources (docs/standards.md "Consent, objection, sensitivity"): `status` active,
 * `scope` patient-privacy, a `provision` of type deny whose `actor` or `data` (meaning
 * authoredby) names that Organization. Read from two places: the region's objection
 * register (organisations named by ODS code) and the organisation's own endpoint.
 * When in doubt the answer is "objected": showing records a patient refused to share
 * is the harm this guards against (hazard log: objection not honoured). Pure.
 */
import type { Consent, ConsentProvision, Reference } from 'fhir/r4';

export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const CONSENT_SCOPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/consentscope';

export interface ObjectedOrganisation {
  odsCode: string;
  /** The organisation's own FHIR base, against which its local references resolve. */
  fhirBaseUrl: string;
}

export type ConsentHolder = 'register' | 'organisation';

export interface HeldConsent {
  consent: unknown;
  heldBy: ConsentHolder;
}

export interface Objection {
  heldBy: ConsentHolder;
  consentId?: string;
  /** Consent.dateTime, when the objection was recorded. */
  recorded?: string;
}

const isConsent = (c: unknown): c is Consent => (c as Consent | null)?.resourceType === 'Consent';

/** patient-privacy, or no scope at all (a deny we cannot place is treated as privacy). */
function isPrivacy(c: Consent): boolean {
  const codings = c.scope?.coding ?? [];
  if (codings.length === 0) return !c.scope?.text;
  return codings.some((x) => x.code === 'patient-privacy' && (x.system === undefined || x.system === CONSENT_SCOPE_SYSTEM));
}

function inForce(period: { start?: string; end?: string } | undefined, now: Date): boolean {
  const t = now.getTime();
  const start = period?.start ? Date.parse(period.start) : NaN;
  const end = period?.end ? Date.parse(period.end.length === 10 ? `${period.end}T23:59:59.999Z` : period.end) : NaN;
  return !(start > t) && !(end < t);
}

type Naming = 'this' | 'other' | 'unclear';

/** Does a reference name the organisation? `unclear` for a local reference the viewer cannot resolve. */
function naming(ref: Reference | undefined, org: ObjectedOrganisation, heldBy: ConsentHolder): Naming {
  const id = ref?.identifier;
  if (id?.system === ODS_SYSTEM && typeof id.value === 'string') return id.value.toUpperCase() === org.odsCode.toUpperCase() ? 'this' : 'other';
  const r = typeof ref?.reference === 'string' ? ref.reference : '';
  const base = org.fhirBaseUrl.replace(/\/+$/, '');
  const local = r.startsWith(`${base}/`) ? r.slice(base.length + 1) : /^https?:/i.test(r) ? undefined : r;
  if (heldBy === 'register' || local === undefined || !local.startsWith('Organization/')) return 'other';
  return local === `Organization/${org.odsCode}` ? 'this' : 'unclear';
}

/** The organisations a provision names, as actors or as authors of the data it covers. */
function named(p: ConsentProvision, org: ObjectedOrganisation, heldBy: ConsentHolder): Naming[] {
  return [
    ...(p.actor ?? []).map((a) => naming(a.reference, org, heldBy)),
    ...(p.data ?? []).filter((d) => d.meaning === 'authoredby').map((d) => naming(d.reference, org, heldBy)),
  ];
}

/**
 * A deny provision covers the organisation when it names it, names nobody (denies all),
 * or (at the organisation's own endpoint) names an Organization the viewer cannot tell
 * apart from it. A nested permit naming the organisation is an exception; a nested deny
 * under a permit that names it is an objection.
 */
function denies(p: ConsentProvision, org: ObjectedOrganisation, heldBy: ConsentHolder, inherited: 'deny' | 'permit', now: Date): boolean {
  if (!inForce(p.period, now)) return false;
  const type = p.type ?? inherited;
  const names = named(p, org, heldBy);
  const covers = names.length === 0 || names.some((n) => n !== 'other');
  const nested = p.provision ?? [];
  if (type === 'deny' && covers) {
    return !nested.some((n) => (n.type ?? 'deny') === 'permit' && inForce(n.period, now) && named(n, org, heldBy).includes('this'));
  }
  return nested.some((n) => denies(n, org, heldBy, type, now));
}

/** Every objection in `consents` to sharing this organisation's records, as of `now`. */
export function objectionsTo(org: ObjectedOrganisation, consents: readonly HeldConsent[], now: Date): Objection[] {
  return consents.flatMap(({ consent, heldBy }) => {
    if (!isConsent(consent) || consent.status !== 'active' || !isPrivacy(consent) || !consent.provision) return [];
    if (!denies(consent.provision, org, heldBy, 'permit', now)) return [];
    return [{ heldBy, ...(consent.id ? { consentId: consent.id } : {}), ...(consent.dateTime ? { recorded: consent.dateTime } : {}) }];
  });
}
