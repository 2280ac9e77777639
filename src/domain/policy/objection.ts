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
/** The same code system under its FHIR R4 core URL, as many servers still send it. */
export const CONSENT_SCOPE_SYSTEM_CORE = 'http://hl7.org/fhir/consentscope';
const SCOPE_SYSTEMS = [CONSENT_SCOPE_SYSTEM, CONSENT_SCOPE_SYSTEM_CORE];
const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

export interface ObjectedOrganisation {
  odsCode: string;
  /** The organisation's own FHIR base, against which its local references resolve. */
  fhirBaseUrl: string;
  /**
   * The ODS codes of the other configured organisations: a register reference naming one
   * of them is certainly not this one. Any other reference the viewer cannot place counts
   * as this organisation (the cautious reading).
   */
  otherOdsCodes?: readonly string[];
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
  /**
   * Set when the viewer could not place the Consent (unreadable, or naming an organisation
   * it cannot match) and so treats it as an objection to this organisation: plain words.
   */
  unplaced?: string;
}

const isConsent = (c: unknown): c is Consent => (c as Consent | null)?.resourceType === 'Consent';
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const digits = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).replace(/\D/g, '') : '');

/** A list where FHIR says 0..*: absent is empty; anything but an array is unreadable. */
function list<T>(v: unknown, element: string): T[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ConsentUnreadable(`${element} is not a list`);
  return v as T[];
}

class ConsentUnreadable extends Error {}

/**
 * patient-privacy under either consentscope URL, or no scope at all (a deny we cannot
 * place is treated as privacy). A scope with only text, or another code, is not privacy.
 */
function isPrivacy(c: Consent): boolean {
  const codings = list<{ system?: unknown; code?: unknown }>(c.scope?.coding, 'scope.coding');
  if (codings.length === 0) return !str(c.scope?.text);
  return codings.some((x) => x?.code === 'patient-privacy' && (x.system === undefined || SCOPE_SYSTEMS.includes(x.system as string)));
}

/**
 * The last instant a partial date covers (FHIR R4 datatypes.html#Period: "the end of the
 * period ... is the upper bound"): `2026` runs to the end of 2026, `2026-06` to the end of
 * June, a date to the end of that day. NaN when unreadable (then the period still holds).
 */
export function periodEndBound(end: string): number {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(end.trim());
  if (!m) return Date.parse(end);
  const y = Number(m[1]);
  if (m[3] !== undefined) return Date.UTC(y, Number(m[2]) - 1, Number(m[3]) + 1) - 1;
  if (m[2] !== undefined) return Date.UTC(y, Number(m[2]), 1) - 1;
  return Date.UTC(y + 1, 0, 1) - 1;
}

function inForce(period: unknown, now: Date): boolean {
  if (period === undefined || period === null) return true;
  if (typeof period !== 'object') throw new ConsentUnreadable('provision.period is not a period');
  const { start, end } = period as { start?: unknown; end?: unknown };
  const t = now.getTime();
  const from = typeof start === 'string' ? Date.parse(start) : NaN;
  const to = typeof end === 'string' ? periodEndBound(end) : NaN;
  return !(from > t) && !(to < t);
}

type Naming = { is: 'this' | 'other' } | { is: 'unclear'; what: string };

const sameOds = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** An ODS code (or a name used in its place) against this organisation and the other configured ones. */
function byCode(code: string, org: ObjectedOrganisation, what: string, certain: boolean): Naming {
  if (sameOds(code, org.odsCode)) return { is: 'this' };
  if (certain || (org.otherOdsCodes ?? []).some((o) => sameOds(o, code))) return { is: 'other' };
  return { is: 'unclear', what };
}

/**
 * Does a reference name the organisation? By ODS identifier (with the ODS system: certain;
 * without a system: compared with the configured ODS codes), or by an Organization
 * reference whose id is an ODS code. A local reference the viewer cannot place is
 * `unclear`, which counts as naming it.
 */
function naming(ref: unknown, org: ObjectedOrganisation): Naming {
  if (ref === undefined || ref === null) return { is: 'unclear', what: 'an actor without a reference' };
  if (typeof ref !== 'object') throw new ConsentUnreadable('a reference is not in the expected form');
  const { identifier, reference, display } = ref as { identifier?: { system?: unknown; value?: unknown }; reference?: unknown; display?: unknown };
  const value = str(identifier?.value);
  if (value) {
    if (identifier?.system === ODS_SYSTEM) return byCode(value, org, value, true);
    if (identifier?.system === undefined) return byCode(value, org, `an organisation identified as "${value}"`, false);
  }
  const r = str(reference);
  if (!r) return { is: 'unclear', what: `an organisation the viewer cannot identify${str(display) ? ` ("${str(display)}")` : ''}` };
  const base = org.fhirBaseUrl.replace(/\/+$/, '');
  const local = r.startsWith(`${base}/`) ? r.slice(base.length + 1) : /^https?:/i.test(r) ? undefined : r;
  if (local === undefined) {
    // An absolute reference to another server: its last Organization/<id> may still be an ODS code.
    const id = /\/Organization\/([^/]+)$/.exec(r)?.[1];
    return id ? byCode(id, org, r, false) : { is: 'other' };
  }
  if (!local.startsWith('Organization/')) return { is: 'other' };
  const id = local.slice('Organization/'.length);
  return byCode(id, org, local, false);
}

/** The organisations a provision names, as actors or as authors of the data it covers. */
function named(p: ConsentProvision, org: ObjectedOrganisation): Naming[] {
  return [
    ...list<{ reference?: Reference }>(p.actor, 'provision.actor').map((a) => naming(a?.reference, org)),
    ...list<{ meaning?: unknown; reference?: Reference }>(p.data, 'provision.data')
      .filter((d) => d?.meaning === 'authoredby')
      .map((d) => naming(d.reference, org)),
  ];
}

type Denial = false | { unclear?: string };

/**
 * A deny provision covers the organisation when it names it, names nobody (denies all),
 * or names an Organization the viewer cannot tell apart from it. A nested permit naming
 * the organisation is an exception; a nested deny under a permit that names it is an
 * objection.
 */
function denies(p: ConsentProvision, org: ObjectedOrganisation, heldBy: ConsentHolder, inherited: 'deny' | 'permit', now: Date): Denial {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new ConsentUnreadable('provision is not in the expected form');
  if (!inForce(p.period, now)) return false;
  const type = p.type === undefined ? inherited : p.type;
  if (type !== 'deny' && type !== 'permit') throw new ConsentUnreadable('provision.type is neither deny nor permit');
  const names = named(p, org);
  const nested = list<ConsentProvision>(p.provision, 'provision.provision');
  if (type === 'deny' && (names.length === 0 || names.some((n) => n.is !== 'other'))) {
    const excepted = nested.some((n) => (n?.type ?? 'deny') === 'permit' && inForce(n.period, now) && named(n, org).some((x) => x.is === 'this'));
    if (excepted) return false;
    if (names.length === 0 || names.some((n) => n.is === 'this')) return {};
    const unclear = names.find((n): n is Extract<Naming, { is: 'unclear' }> => n.is === 'unclear');
    return { unclear: `it names ${unclear?.what ?? 'an organisation'}, which the viewer cannot match to an organisation` };
  }
  return nested.map((n) => denies(n, org, heldBy, type, now)).find((d) => d !== false) ?? false;
}

const recordedOf = (c: Consent) => ({ ...(str(c.id) ? { consentId: c.id } : {}), ...(str(c.dateTime) ? { recorded: c.dateTime } : {}) });

/**
 * Every objection in `consents` to sharing this organisation's records, as of `now`. A
 * Consent the viewer cannot read, or whose deny names an organisation it cannot place, is
 * an objection to this organisation too, with the reason in `unplaced`: the rule errs
 * towards withholding (hazard log H4).
 */
export function objectionsTo(org: ObjectedOrganisation, consents: readonly HeldConsent[], now: Date): Objection[] {
  return consents.flatMap(({ consent, heldBy }): Objection[] => {
    if (!isConsent(consent)) return [];
    try {
      if (typeof consent.status === 'string' && consent.status !== 'active') return [];
      if (!isPrivacy(consent) || consent.provision === undefined || consent.provision === null) return [];
      const d = denies(consent.provision, org, heldBy, 'permit', now);
      if (d === false) return [];
      return [{ heldBy, ...recordedOf(consent), ...(d.unclear ? { unplaced: `An objection ${heldBy === 'register' ? 'on the register' : 'held here'} is treated as covering this organisation: ${d.unclear}` } : {}) }];
    } catch (e) {
      const why = e instanceof ConsentUnreadable ? e.message : 'it is not in the expected form';
      return [{ heldBy, ...recordedOf(consent), unplaced: `An objection ${heldBy === 'register' ? 'on the register' : 'held here'} could not be read (${why}), so it is treated as an objection to every organisation` }];
    }
  });
}

export type ConsentPatient = 'this' | 'other' | 'unclear';

/**
 * Is a Consent the register returned for this NHS number about this patient? NHS numbers
 * are compared as digits only (`943 476 5919` = `9434765919`); an identifier without a
 * system counts when its digits agree. A Consent that names its patient only by a
 * reference, or not at all, is `unclear`: the register returned it for this search, so it
 * is kept (dropping it could lose an objection). Only a Consent that names a different
 * NHS number is `other`.
 */
export function consentPatient(consent: unknown, nhsNumber: string): ConsentPatient {
  const patient = (consent as { patient?: { identifier?: { system?: unknown; value?: unknown } } } | null)?.patient;
  const id = patient?.identifier;
  const d = digits(id?.value);
  if (!id || typeof id !== 'object' || d === '') return 'unclear';
  if (id.system !== undefined && id.system !== NHS_NUMBER_SYSTEM) return 'unclear';
  return d === nhsNumber.replace(/\D/g, '') ? 'this' : 'other';
}

/**
 * OperationOutcome issue codes (FHIR R4 issue-type) by which a server says its answer is
 * not everything it holds: some left out, or the search not finished.
 */
const NOT_EVERYTHING: ReadonlySet<string> = new Set(['suppressed', 'incomplete', 'too-costly', 'throttled', 'too-long', 'timeout', 'exception']);

/** An answer to a search for objections: the resources, the searchset's OperationOutcomes (search.mode = outcome), its `total`. */
export interface ObjectionAnswer {
  resources: readonly unknown[];
  outcomes: readonly unknown[];
  total?: number;
}

/**
 * Why an answer about objections cannot be taken for all of them, or undefined when it can:
 * the searchset carries an OperationOutcome issue of severity error or fatal, or one saying
 * something was left out or not finished (suppressed, too-costly…), or a `total` above the
 * Consents it holds. An objection held back is an objection not honoured (hazard H4), so
 * such an answer counts as no answer: the organisation's records are withheld, with this
 * reason, as when the search fails. `who`: "The objection register", "The organisation".
 */
export function incompleteObjectionAnswer(answer: ObjectionAnswer, who: string): string | undefined {
  for (const outcome of answer.outcomes) {
    const issues: unknown = (outcome as { issue?: unknown } | null)?.issue;
    // An outcome the viewer cannot read may say anything.
    if (!Array.isArray(issues)) return `${who} sent a note with its answer that could not be read, so it may not have sent every objection`;
    for (const issue of issues as Array<{ severity?: unknown; code?: unknown } | null>) {
      const code = typeof issue?.code === 'string' ? issue.code : undefined;
      if (issue?.severity === 'error' || issue?.severity === 'fatal' || (code !== undefined && NOT_EVERYTHING.has(code))) {
        return `${who} said it did not send every objection${code ? ` (${code})` : ''}`;
      }
    }
  }
  const consents = answer.resources.filter((r) => (r as { resourceType?: unknown } | null)?.resourceType === 'Consent').length;
  if (answer.total !== undefined && answer.total > consents) {
    return `${who} counted ${answer.total} objection${answer.total === 1 ? '' : 's'} but sent ${consents}`;
  }
  return undefined;
}
