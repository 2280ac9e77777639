/**
 * The shape of the synthetic world shared by the sandbox servers, the MSW handlers and
 * the tests. Resources use the fhir/r4 types; references inside an endpoint's list are
 * relative (`Patient/x`) so that the data does not depend on ports.
 */
import type { Consent, FhirResource } from 'fhir/r4';

export interface SyntheticPerson {
  key: string;
  nhsNumber: string;
  family: string;
  given: string;
  /** The true date of birth (one endpoint may hold a different one: see cases.dobMismatch). */
  birthDate: string;
  gender: 'male' | 'female' | 'other' | 'unknown';
  /** Patient.id at each endpoint where this person is known. */
  patientIds: Record<string, string>;
}

export interface HardCases {
  /** Records at six or more organisations. */
  sixOrganisations: string;
  /** Five thousand or more resources across endpoints. */
  largeRecord: string;
  /** Same NHS number, different birthDate at one endpoint. */
  dobMismatch: string;
  /** Items carrying confidentiality R/V and sensitivity HIV/PSY/SDV/SEX labels. */
  sensitive: string;
  /** An active Consent denying sharing of one organisation's records. */
  objection: string;
  /** Patient.deceasedDateTime set. */
  deceased: string;
  /** Known at one endpoint only, with almost nothing recorded. */
  sparse: string;
  /** Results at three organisations (an INR series on warfarin, one critical value) and documents (PDF, hostile HTML, large PDF, labelled). */
  results: string;
  /**
   * Only in a region (SANDBOX_ENDPOINTS above 8): registered at a generated practice and
   * known to exactly five organisations, an inpatient at the acute trust (the hospital host).
   */
  knownToFive?: string;
}

export interface SyntheticWorld {
  /**
   * Resources per endpoint id (topology endpoint ids), references relative. FhirResource
   * (the union of resource types, assignable to Resource) so that narrowing on
   * resourceType works for consumers.
   */
  byEndpoint: Record<string, FhirResource[]>;
  /** One entry per person. */
  people: SyntheticPerson[];
  /** Named hard cases for tests (person keys). */
  cases: HardCases;
  /**
   * The objection register's view (served by mocks/sandbox/register): patients
   * named by NHS number and organisations by ODS code, since the register holds no
   * Patient or Organization resources of its own.
   */
  objectionRegister: Consent[];
}
