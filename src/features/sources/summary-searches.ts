/**
 * The searches that make up one organisation's part of the summary, for a patient id the
 * organisation itself uses. `_count=200` keeps the pages few (the sandbox allows 500; a
 * real server may cap it lower and page, which the transport follows). Conditions are
 * asked for whatever their status: the summary shows resolved problems apart from active
 * ones (docs/clinical-rules.md). Who is involved (the Patient's registered GP, care teams,
 * episodes of care, related people) is asked for in the same request as the rest.
 */
export interface SummarySearch {
  resourceType: SearchedType;
  path: string;
}

export type SearchedType =
  | 'MedicationRequest'
  | 'MedicationStatement'
  | 'Encounter'
  | 'CarePlan'
  | 'Flag'
  | 'AllergyIntolerance'
  | 'Condition'
  | 'Observation'
  | 'DiagnosticReport'
  | 'DocumentReference'
  | 'Composition'
  | 'Patient'
  | 'CareTeam'
  | 'EpisodeOfCare'
  | 'RelatedPerson';

/** Plain words for a search that failed, for "Some searches failed: …". */
export const SEARCH_LABELS: Record<SearchedType, string> = {
  MedicationRequest: 'prescriptions',
  MedicationStatement: 'medication statements',
  Encounter: 'encounters',
  CarePlan: 'care plans',
  Flag: 'alerts',
  AllergyIntolerance: 'allergies',
  Condition: 'conditions',
  Observation: 'results',
  DiagnosticReport: 'reports',
  DocumentReference: 'documents',
  Composition: 'structured documents',
  Patient: 'registered GP',
  CareTeam: 'care teams',
  EpisodeOfCare: 'episodes of care',
  RelatedPerson: 'family and carers',
};

/** Which searches feed which section, so a section can name the sources it lacks. */
export const SECTION_SEARCHES = {
  medications: ['MedicationRequest', 'MedicationStatement'],
  encounters: ['Encounter'],
  carePlans: ['CarePlan'],
  alerts: ['Flag', 'AllergyIntolerance'],
  conditions: ['Condition'],
  results: ['Observation', 'DiagnosticReport'],
  documents: ['DocumentReference', 'Composition'],
  involvement: ['Patient', 'CareTeam', 'EpisodeOfCare', 'RelatedPerson'],
} as const satisfies Record<string, readonly SearchedType[]>;

/** What the server said it offers, for the searches that only some servers take. */
export interface SearchOptions {
  /** The server lists Composition search in its CapabilityStatement (capability.ts offersSearch). */
  composition?: boolean;
}

export function summarySearches(patientId: string, options: SearchOptions = {}): SummarySearch[] {
  const p = `patient=${encodeURIComponent(patientId)}`;
  return [
    { resourceType: 'MedicationRequest', path: `MedicationRequest?${p}&_include=MedicationRequest:medication&_count=200` },
    { resourceType: 'MedicationStatement', path: `MedicationStatement?${p}&_include=MedicationStatement:medication&_count=200` },
    { resourceType: 'Encounter', path: `Encounter?${p}&_count=200` },
    { resourceType: 'CarePlan', path: `CarePlan?${p}&_count=200` },
    { resourceType: 'Flag', path: `Flag?${p}&_count=200` },
    { resourceType: 'AllergyIntolerance', path: `AllergyIntolerance?${p}&_count=200` },
    // Results and the document list join the same batch: no extra round trip. Document
    // bodies are not asked for here; they are fetched only when a user opens one.
    { resourceType: 'Observation', path: `Observation?${p}&_count=200` },
    { resourceType: 'DiagnosticReport', path: `DiagnosticReport?${p}&_count=200` },
    { resourceType: 'DocumentReference', path: `DocumentReference?${p}&_count=200` },
    // Composition only where the server says it searches them: many servers hold none.
    ...(options.composition ? [{ resourceType: 'Composition' as const, path: `Composition?${p}&_count=200` }] : []),
    { resourceType: 'Condition', path: `Condition?${p}&_count=200` },
    { resourceType: 'Patient', path: `Patient?_id=${encodeURIComponent(patientId)}` },
    { resourceType: 'CareTeam', path: `CareTeam?${p}&_count=200` },
    { resourceType: 'EpisodeOfCare', path: `EpisodeOfCare?${p}&_count=200` },
    { resourceType: 'RelatedPerson', path: `RelatedPerson?${p}&_count=200` },
  ];
}

/** "prescriptions, encounters" for the failed resource types, in search order. */
export function searchLabels(types: readonly string[]): string[] {
  return types.map((t) => SEARCH_LABELS[t as SearchedType] ?? t);
}
