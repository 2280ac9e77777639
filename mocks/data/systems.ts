/**
 * Code systems and identifier systems used by the synthetic records, named once.
 * Sources: UK Core R4 (NHS number, verification status), NHS England identifier systems
 * (ODS, SDS), HL7 terminology (v3 confidentiality, ActCode, consent scope, flag
 * category), SNOMED CT and dm+d (see docs/standards.md).
 */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const NHS_NUMBER_VERIFICATION_URL =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
export const NHS_NUMBER_VERIFICATION_SYSTEM =
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland';
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';
export const SDS_ROLE_PROFILE_SYSTEM = 'https://fhir.nhs.uk/Id/sds-role-profile-id';
export const UK_CORE_PATIENT = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient';

export const SNOMED = 'http://snomed.info/sct';
export const DMD = 'https://dmd.nhs.uk';
export const LOINC = 'http://loinc.org';

export const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const V3_CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const V3_PARTICIPATION_TYPE = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
export const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
export const FLAG_CATEGORY = 'http://terminology.hl7.org/CodeSystem/flag-category';
export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
export const ALLERGY_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
export const MEDREQ_CATEGORY = 'http://terminology.hl7.org/CodeSystem/medicationrequest-category';
export const MED_COURSE = 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy';
export const MEDSTATEMENT_CATEGORY = 'http://terminology.hl7.org/CodeSystem/medication-statement-category';
