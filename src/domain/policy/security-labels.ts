/**
 * What a resource's security labels (`meta.security`) say about how far it may be shown.
 * FHIR R4 security-labels.html: confidentiality from v3-Confidentiality (R restricted,
 * V very restricted) and sensitivity from v3-ActCode's InformationSensitivityPolicy
 * codes (HIV, PSY, SDV, SEX…), under their current or older system names. A label the
 * viewer cannot interpret (an unknown system, a code without a system, a confidentiality
 * code that is not one of the six) withholds as restricted: it cannot tell what it allows.
 * Pure: no React, no fetch. Server data is untrusted, so any shape is accepted.
 */
export const V3_CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/**
 * v3-ActCode sensitivity codes treated as sensitive (withheld like R): the HL7
 * InformationSensitivityPolicy codes for the categories England's Summary Care Record
 * keeps out (sexual health, HIV and STIs, reproductive health, gender identity) and the
 * other commonly protected ones (mental health, substance use, genetics, abuse).
 */
export const SENSITIVITY_CODES: readonly string[] = [
  'ETH', // substance abuse
  'ETHUD', 'OPIOIDUD', 'ALCUD', 'DRGIS', // substance use sub-codes
  'GDIS', // genetic disease
  'HIV',
  'MST', // military sexual trauma
  'PSY', 'PSYTHPN', 'BH', // psychiatry, psychotherapy notes, behavioural health
  'SCA', // sickle cell
  'SDV', // sexual assault, abuse, domestic violence
  'SEX', // sexuality and reproductive health
  'STD', // sexually transmitted disease
  'TBOO', // taboo
];

/** How far an item may be shown: `very-restricted` never; `restricted` only when revealed. */
export type SensitivityClass = 'none' | 'restricted' | 'very-restricted';

/**
 * The same code systems under the names older FHIR versions and HL7 v3 messages give them
 * (terminology.hl7.org lists each system's OID): a label is read whichever name it uses.
 */
const CONFIDENTIALITY_SYSTEMS: ReadonlySet<string> = new Set([V3_CONFIDENTIALITY, 'http://hl7.org/fhir/v3/Confidentiality', 'urn:oid:2.16.840.1.113883.5.25']);
const ACT_CODE_SYSTEMS: ReadonlySet<string> = new Set([V3_ACT_CODE, 'http://hl7.org/fhir/v3/ActCode', 'urn:oid:2.16.840.1.113883.5.4']);
/**
 * Label systems that say nothing about who may see a record: the purpose of use (v3
 * ActReason) and integrity or handling observations (v3 ObservationValue: test data,
 * pseudonymised…). The viewer stores nothing, so handling caveats change nothing either.
 */
const NEUTRAL_SYSTEMS: ReadonlySet<string> = new Set([
  'http://terminology.hl7.org/CodeSystem/v3-ActReason', 'http://hl7.org/fhir/v3/ActReason', 'urn:oid:2.16.840.1.113883.5.8',
  'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', 'http://hl7.org/fhir/v3/ObservationValue', 'urn:oid:2.16.840.1.113883.5.1063',
]);
/** v3-Confidentiality codes that restrict nothing: unrestricted, low, moderate, normal. */
const NOT_RESTRICTED: ReadonlySet<string> = new Set(['U', 'L', 'M', 'N']);

export interface SecurityLabels {
  confidentiality?: string;
  sensitivities: string[];
  /**
   * Labels the viewer cannot interpret: a confidentiality code that is not one of the six,
   * a code without a system, a system it does not know, a label that is not a coding.
   * It cannot tell what they allow, so each withholds (fail closed).
   */
  unrecognised: number;
}

/** The confidentiality code (the strictest, if several), the sensitivity codes and the labels not understood on a resource. */
export function readLabels(resource: unknown): SecurityLabels {
  const security = (resource as { meta?: { security?: unknown } } | null)?.meta?.security;
  if (security === undefined || security === null) return { sensitivities: [], unrecognised: 0 };
  if (!Array.isArray(security)) return { sensitivities: [], unrecognised: 1 };
  const conf: string[] = [];
  const sensitivities = new Set<string>();
  let unrecognised = 0;
  for (const c of security as unknown[]) {
    const system = typeof (c as { system?: unknown } | null)?.system === 'string' ? ((c as { system: string }).system) : undefined;
    const code = typeof (c as { code?: unknown } | null)?.code === 'string' ? ((c as { code: string }).code) : undefined;
    if (system !== undefined && CONFIDENTIALITY_SYSTEMS.has(system)) {
      if (code === 'R' || code === 'V') conf.push(code);
      else if (code === undefined || !NOT_RESTRICTED.has(code)) unrecognised++;
    } else if (system !== undefined && ACT_CODE_SYSTEMS.has(system)) {
      // Other ActCode labels are obligations and policies (no redisclosure, delete after use…), not sensitivity.
      if (code !== undefined && SENSITIVITY_CODES.includes(code)) sensitivities.add(code);
      else if (code === undefined) unrecognised++;
    } else if (system !== undefined && NEUTRAL_SYSTEMS.has(system)) {
      continue;
    } else if (system === undefined && code === 'V') {
      // A bare V: read as the strictest thing it may mean.
      conf.push('V');
    } else {
      unrecognised++;
    }
  }
  const confidentiality = conf.includes('V') ? 'V' : conf.includes('R') ? 'R' : undefined;
  return { ...(confidentiality ? { confidentiality } : {}), sensitivities: [...sensitivities], unrecognised };
}

/**
 * V (very restricted) is never shown; R, any sensitivity code, or a label the viewer cannot
 * interpret is restricted: shown only to a role the access policy lets reveal it, and only
 * once revealed with a reason.
 */
export function sensitivityClass(resource: unknown): SensitivityClass {
  const { confidentiality, sensitivities, unrecognised } = readLabels(resource);
  if (confidentiality === 'V') return 'very-restricted';
  if (confidentiality === 'R' || sensitivities.length > 0 || unrecognised > 0) return 'restricted';
  return 'none';
}
