import type { AppConfiguration } from '../config/types';

/** A small valid runtime configuration, as plain JSON, for tests to copy and break. */
export function configInput(): AppConfiguration {
  return {
    clientId: 'my-care-record-viewer',
    launch: [
      {
        id: 'gp',
        iss: 'http://localhost:8430/fhir',
        name: 'PracticeView GP (Riverside Medical Practice)',
        scope: 'launch openid fhirUser online_access patient/Patient.rs user/*.rs',
      },
      {
        id: 'hospital',
        iss: 'http://localhost:8433/fhir',
        name: 'WardCare EHR (Ouse Valley Hospitals NHS Foundation Trust)',
        scope: 'launch openid fhirUser online_access patient/Patient.rs',
        // The hospital's own server is not among the endpoints here (its records are not shown).
        showRecords: false,
      },
    ],
    endpoints: [
      {
        id: 'riverside-gp',
        organisationName: 'Riverside Medical Practice',
        odsCode: 'D99001',
        region: 'Cambridgeshire and Peterborough',
        kind: 'gp-practice',
        fhirBaseUrl: 'http://localhost:8430/fhir',
        auth: { type: 'smart', scope: 'openid fhirUser online_access user/*.rs' },
        timeoutMs: 15000,
      },
      {
        id: 'fenland-mh',
        organisationName: 'Fenland Mental Health NHS Foundation Trust',
        odsCode: 'R9M01',
        region: 'Cambridgeshire and Peterborough',
        kind: 'mental-health',
        fhirBaseUrl: 'http://localhost:8431/fhir',
        auth: { type: 'smart', scope: 'openid fhirUser online_access user/*.rs' },
        timeoutMs: 15000,
      },
    ],
  };
}
