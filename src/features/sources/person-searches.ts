/**
 * The record's searches constrained server-side to the person rather than to a patient id
 * this organisation uses (docs/adr/0005-one-request-per-endpoint.md): chained search
 * (FHIR R4 search.html#chaining) on the patient reference, `patient.identifier=<NHS
 * number>` AND `patient.birthdate=<date of birth>`, so that the identifier search, the
 * objection Consents and every section's searches can travel in one batch before the
 * patient is matched, and a server sends only records of a patient with that number and
 * that date of birth. The client still matches the Patient and checks every subject.
 *
 * Derived from summarySearches (summary-searches.ts), whatever searches it lists: a search
 * added there joins the batch without a change here.
 */
import { identifierSearch, NHS_NUMBER_SYSTEM, type PatientIdentity } from '../../domain/patient-identity';
import { consentSearch } from './check-objection';
import { summarySearches, type SearchOptions, type SummarySearch } from './summary-searches';

/** Stands for the patient's local id in the derived paths; not a valid FHIR id, so never sent. */
const PLACEHOLDER = '\u0000person\u0000';
/**
 * Page size asked for in the batch: a large record comes in few pages (a server may cap it
 * lower, FHIR R4 search.html#count, and the transport follows the rest).
 */
export const LARGE_PAGE = 1000;
/** Reference parameters that name the patient, and the chain prefix for each. */
const PATIENT_REFERENCES: Record<string, string> = { patient: 'patient', subject: 'subject:Patient', 'subject:Patient': 'subject:Patient' };

export interface PersonSearches {
  /** `Patient?identifier=…`: the candidates the client matches. */
  identifier: string;
  /** The organisation's own Consents about the person (objections). */
  consent: string;
  /** Every section's search, constrained to the person. */
  summary: SummarySearch[];
}

/** `patient.identifier=…&patient.birthdate=…` for the parameter `name` (`patient`, `subject:Patient`). */
function chain(prefix: string, identity: PatientIdentity & { birthDate: string }): [string, string][] {
  return [
    [`${prefix}.identifier`, `${NHS_NUMBER_SYSTEM}|${identity.nhsNumber}`],
    [`${prefix}.birthdate`, identity.birthDate],
  ];
}

/** One search path with its patient parameter replaced by the chain; undefined if it names the patient otherwise. */
function constrain(path: string, identity: PatientIdentity & { birthDate: string }): string | undefined {
  const q = path.indexOf('?');
  if (q < 0) return undefined;
  const params = new URLSearchParams(path.slice(q + 1));
  const out: [string, string][] = [];
  let found = false;
  for (const [key, value] of params) {
    const prefix = PATIENT_REFERENCES[key];
    if (prefix && (value === PLACEHOLDER || value === `Patient/${PLACEHOLDER}`)) {
      out.push(...chain(prefix, identity));
      found = true;
    } else if (key === '_id' && value === PLACEHOLDER && path.startsWith('Patient?')) {
      // The Patient itself (who is involved: the registered GP): the same person by number and date of birth.
      out.push(['identifier', `${NHS_NUMBER_SYSTEM}|${identity.nhsNumber}`], ['birthdate', identity.birthDate]);
      found = true;
    } else if (value.includes(PLACEHOLDER)) {
      return undefined;
    } else if (key === '_count') {
      out.push([key, String(Math.max(Number(value) || 0, LARGE_PAGE))]);
    } else out.push([key, value]);
  }
  if (!found) return undefined;
  // Encoded as the app's other searches are: reserved characters of values percent-encoded.
  return `${path.slice(0, q)}?${out.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

/**
 * The whole batch for one organisation, or undefined when it cannot be built (no date of
 * birth to constrain by, or a search that names the patient in a way this does not know):
 * the caller then matches first and searches by the local id, as before.
 */
export function personSearches(identity: PatientIdentity, options: SearchOptions = {}): PersonSearches | undefined {
  const birthDate = identity.birthDate;
  if (!birthDate || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(birthDate)) return undefined;
  const who = { ...identity, birthDate };
  const consent = constrain(consentSearch(PLACEHOLDER), who);
  const summary = summarySearches(PLACEHOLDER, options).map((s) => ({ ...s, path: constrain(s.path, who) }));
  if (!consent || summary.some((s) => s.path === undefined)) return undefined;
  return { identifier: identifierSearch(identity), consent, summary: summary as SummarySearch[] };
}
