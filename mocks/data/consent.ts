/**
 * A patient's objection to one organisation's records being shared, as a FHIR Consent
 * (scope patient-privacy, provision deny, the organisation named as actor). Two copies:
 * the organisation's own, with relative references on its endpoint, and the national
 * register's, which names the patient by NHS number and the organisation by ODS code.
 */
import type { Consent, Reference } from 'fhir/r4';
import type { SandboxEndpoint } from '../sandbox/topology';
import { organisationIdentifierRef, organisationRef } from './organisations';
import { CONSENT_SCOPE, LOINC, NHS_NUMBER_SYSTEM, V3_ACT_CODE, V3_PARTICIPATION_TYPE } from './systems';

function objection(id: string, patient: Reference, organisation: Reference, dateTime: string): Consent {
  return {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: { coding: [{ system: CONSENT_SCOPE, code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [{ system: LOINC, code: '59284-0', display: 'Patient Consent' }] }],
    patient,
    dateTime,
    policyRule: { coding: [{ system: V3_ACT_CODE, code: 'OPTOUT', display: 'opt-out' }] },
    provision: {
      type: 'deny',
      period: { start: dateTime.slice(0, 10) },
      actor: [
        {
          role: { coding: [{ system: V3_PARTICIPATION_TYPE, code: 'CST', display: 'custodian' }] },
          reference: organisation,
        },
      ],
    },
  };
}

/** The copy held at the organisation whose records the patient objects to sharing. */
export function objectionAtOrganisation(id: string, patientId: string, endpoint: SandboxEndpoint, dateTime: string): Consent {
  return objection(id, { reference: `Patient/${patientId}` }, organisationRef(endpoint), dateTime);
}

/** The national register's copy: no local references, identifiers only. */
export function objectionOnRegister(id: string, nhsNumber: string, patientName: string, endpoint: SandboxEndpoint, dateTime: string): Consent {
  return objection(
    id,
    { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber }, display: patientName },
    organisationIdentifierRef(endpoint),
    dateTime,
  );
}
