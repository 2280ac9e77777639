/**
 * One person's Patient resource as a given organisation holds it (UK Core Patient): the
 * verified NHS number, name, address, telecom and the organisation's own Patient.id.
 * Each endpoint builds its own copy, so a test can make one copy disagree (dobMismatch).
 */
import type { Patient, Reference } from 'fhir/r4';
import type { SandboxEndpoint } from '../sandbox/topology';
import type { UkAddress } from './names';
import type { PersonPlan } from './plans';
import { organisationRef } from './organisations';
import {
  NHS_NUMBER_SYSTEM, NHS_NUMBER_VERIFICATION_SYSTEM, NHS_NUMBER_VERIFICATION_URL, UK_CORE_PATIENT,
} from './systems';

export interface Demographics {
  nhsNumber: string;
  address: UkAddress;
  landline: string;
  mobile?: string;
  /** The registered GP practice, by ODS code (its Organization lives on the GP's server). */
  generalPractitioner: Reference;
}

export function patientAt(
  endpoint: SandboxEndpoint,
  id: string,
  plan: PersonPlan,
  demo: Demographics,
  birthDate: string = plan.birthDate,
): Patient {
  const telecom: Patient['telecom'] = [{ system: 'phone', value: demo.landline, use: 'home' }];
  if (demo.mobile) telecom.push({ system: 'phone', value: demo.mobile, use: 'mobile' });
  return {
    resourceType: 'Patient',
    id,
    meta: { profile: [UK_CORE_PATIENT] },
    identifier: [
      {
        extension: [
          {
            url: NHS_NUMBER_VERIFICATION_URL,
            valueCodeableConcept: {
              coding: [{ system: NHS_NUMBER_VERIFICATION_SYSTEM, code: '01', display: 'Number present and verified' }],
            },
          },
        ],
        system: NHS_NUMBER_SYSTEM,
        value: demo.nhsNumber,
      },
    ],
    active: true,
    name: [{ use: 'official', family: plan.family, given: [plan.given], prefix: [plan.prefix] }],
    telecom,
    gender: plan.gender,
    birthDate,
    ...(plan.deceasedDateTime ? { deceasedDateTime: plan.deceasedDateTime } : {}),
    address: [{ use: 'home', type: 'both', ...demo.address, country: 'GB' }],
    generalPractitioner: [demo.generalPractitioner],
    managingOrganization: organisationRef(endpoint),
  };
}
