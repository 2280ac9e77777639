/**
 * Which organisations to ask for a person's records, in a region of many. The region's
 * record locator (NHS National Record Locator shape: DocumentReference pointers whose
 * `custodian.identifier` is the ODS code of the organisation holding records for an NHS
 * number) names those known to hold records; the launching record's
 * `Patient.generalPractitioner` names the registered practice, and the launching
 * organisation evidently holds a record. Those are asked; the rest are "not known to hold
 * records" until the user asks every organisation. Without a locator, or when it fails or
 * answers something that cannot be trusted, every organisation is asked (fail towards
 * completeness: a missed organisation is a record the clinician never sees, hazard log H33).
 * Pure: no fetch, no React.
 */
import type { Reference } from 'fhir/r4';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** The resource type the locator's pointers are: its search goes to `[base]/DocumentReference` (or `…/_search`). */
export const LOCATOR_RESOURCE = 'DocumentReference';

/** The NRL search for one person's pointers (FHIR R4 search with the `:identifier` modifier). */
export function locatorSearch(nhsNumber: string): string {
  return `${LOCATOR_RESOURCE}?subject:identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${nhsNumber}`)}`;
}

const odsKey = (code: string) => code.trim().toUpperCase();

/**
 * The ODS codes of the organisations the locator's answer names for this NHS number, or
 * the reason the answer cannot be used. A pointer about another NHS number, or one that
 * names no custodian by ODS code, makes the whole answer untrusted (a locator that
 * mixes people up cannot be relied on to leave anyone out). Pointers not `current`
 * (superseded, entered in error) name no one.
 */
export function locatedOrganisations(resources: readonly unknown[], nhsNumber: string): { ok: true; odsCodes: string[] } | { ok: false; reason: string } {
  const codes = new Set<string>();
  for (const r of resources) {
    const d = r as { resourceType?: unknown; status?: unknown; subject?: Reference; custodian?: Reference } | null;
    if (d?.resourceType !== 'DocumentReference') continue; // an OperationOutcome of warnings, an included resource
    const subject = d.subject?.identifier;
    if (subject?.system !== NHS_NUMBER_SYSTEM || typeof subject.value !== 'string' || subject.value.replace(/ /g, '') !== nhsNumber) {
      return { ok: false, reason: 'The record locator answered with a pointer about another person' };
    }
    if (d.status !== 'current') continue;
    const custodian = d.custodian?.identifier;
    if (custodian?.system !== ODS_SYSTEM || typeof custodian.value !== 'string' || custodian.value.trim() === '') {
      return { ok: false, reason: 'The record locator answered with a pointer that names no organisation' };
    }
    codes.add(odsKey(custodian.value));
  }
  return { ok: true, odsCodes: [...codes] };
}

/** The registered practice's ODS code, from the launching Patient.generalPractitioner (by identifier only). */
export function registeredPracticeOds(generalPractitioner: readonly Reference[] | undefined): string | undefined {
  if (!Array.isArray(generalPractitioner)) return undefined;
  for (const ref of generalPractitioner) {
    const id = ref?.identifier;
    if (id?.system === ODS_SYSTEM && typeof id.value === 'string' && id.value.trim() !== '') return odsKey(id.value);
  }
  return undefined;
}

/** What the locator said: not configured, failed (with the reason), or answered. */
export type LocatorState = { state: 'none' } | { state: 'failed'; reason: string } | { state: 'answered'; odsCodes: readonly string[] };

export interface SelectionInput<E extends { id: string; odsCode: string }> {
  endpoints: readonly E[];
  locator: LocatorState;
  /** From the launching Patient.generalPractitioner. */
  registeredPracticeOds?: string;
  /** The endpoint the app was launched from, if it is one of `endpoints`. */
  launchEndpointId?: string;
  /** The user chose "Ask every organisation". */
  askEveryone: boolean;
}

export interface Selection<E> {
  /** Asked, in configuration order. */
  ask: E[];
  /** Not asked: not known to hold records (empty when everyone is asked). */
  notKnown: E[];
  /**
   * Why: `no-locator` (ask everyone, as without one), `locator-failed` (everyone, said so),
   * `located` (the locator's organisations, the registered practice and the launching one),
   * `everyone` (the user asked every organisation).
   */
  basis: 'no-locator' | 'locator-failed' | 'located' | 'everyone';
}

/** The selection rule (see the file comment). Pure and total: every endpoint is in exactly one of `ask` and `notKnown`. */
export function selectEndpoints<E extends { id: string; odsCode: string }>(input: SelectionInput<E>): Selection<E> {
  const all = [...input.endpoints];
  if (input.locator.state === 'none') return { ask: all, notKnown: [], basis: 'no-locator' };
  if (input.locator.state === 'failed') return { ask: all, notKnown: [], basis: 'locator-failed' };
  if (input.askEveryone) return { ask: all, notKnown: [], basis: 'everyone' };
  const named = new Set(input.locator.odsCodes.map(odsKey));
  if (input.registeredPracticeOds) named.add(odsKey(input.registeredPracticeOds));
  const asked = (e: E) => named.has(odsKey(e.odsCode)) || e.id === input.launchEndpointId;
  return { ask: all.filter(asked), notKnown: all.filter((e) => !asked(e)), basis: 'located' };
}


/**
 * Asked before the locator answers (and signed in to while the user reads the permission
 * question): the registered practice and the launching organisation, which every
 * selection that uses a locator asks whatever it says.
 */
export function knownBeforeLocator<E extends { id: string; odsCode: string }>(input: Omit<SelectionInput<E>, 'locator' | 'askEveryone'>): E[] {
  return selectEndpoints({ ...input, locator: { state: 'answered', odsCodes: [] }, askEveryone: false }).ask;
}

/**
 * The organisations a locator's answer adds to those asked before it answered: signed in
 * to (and their connection warmed) as soon as it comes. Together with knownBeforeLocator,
 * exactly the selection's `ask`.
 */
export function namedByLocator<E extends { id: string; odsCode: string }>(input: Omit<SelectionInput<E>, 'locator' | 'askEveryone'>, odsCodes: readonly string[]): E[] {
  const early = new Set(knownBeforeLocator(input).map((e) => e.id));
  return selectEndpoints({ ...input, locator: { state: 'answered', odsCodes }, askEveryone: false }).ask.filter((e) => !early.has(e.id));
}

/**
 * Kinds of organisation that serve a whole population (trusts, councils, the ambulance
 * service), not a list of registered patients: the locator names one of them for many
 * people. GP practices and community pharmacies are many, and each knows few people.
 */
export const SERVES_A_POPULATION: readonly string[] = ['acute-hospital', 'community-health', 'mental-health', 'social-care', 'ambulance'];

/** At most this many tokens fetched ahead of the locator's answer (docs/adr/0011). */
export const AHEAD_LIMIT = 12;

/**
 * The organisations, beyond those asked before the locator answers, whose sign-in is
 * worth having before it answers: those serving a population, in configuration order, at
 * most AHEAD_LIMIT. Only their tokens are fetched (from the authorisation server, never a
 * request to the organisation), so that one the locator names is asked at once.
 */
export function likelyToBeNamed<E extends { id: string; odsCode: string; kind?: string }>(input: Omit<SelectionInput<E>, 'locator' | 'askEveryone'>): E[] {
  const early = new Set(knownBeforeLocator(input).map((e) => e.id));
  return input.endpoints.filter((e) => !early.has(e.id) && e.kind !== undefined && SERVES_A_POPULATION.includes(e.kind)).slice(0, AHEAD_LIMIT);
}
