/**
 * What a resource's security labels (`meta.security`) say about how far it may be shown.
 * FHIR R4 security-labels.html: confidentiality from v3-Confidentiality (R restricted,
 * V very restricted) and sensitivity from v3-ActCode's InformationSensitivityPolicy
 * codes (HIV, PSY, SDV, SEX…). A label the viewer does not know is not a reason to show
 * more: only the codes below change anything, and every one of them withholds.
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

export interface SecurityLabels {
  confidentiality?: string;
  sensitivities: string[];
}

function codings(resource: unknown): { system?: unknown; code?: unknown }[] {
  const security = (resource as { meta?: { security?: unknown } } | null)?.meta?.security;
  return Array.isArray(security) ? security.filter((c): c is { system?: unknown; code?: unknown } => typeof c === 'object' && c !== null) : [];
}

/** The confidentiality code (the strictest, if several) and the sensitivity codes on a resource. */
export function readLabels(resource: unknown): SecurityLabels {
  const cs = codings(resource);
  const conf = cs.filter((c) => c.system === V3_CONFIDENTIALITY && typeof c.code === 'string').map((c) => c.code as string);
  const sensitivities = cs
    .filter((c) => c.system === V3_ACT_CODE && typeof c.code === 'string' && SENSITIVITY_CODES.includes(c.code))
    .map((c) => c.code as string);
  const confidentiality = conf.includes('V') ? 'V' : conf.includes('R') ? 'R' : conf[0];
  return { ...(confidentiality ? { confidentiality } : {}), sensitivities: [...new Set(sensitivities)] };
}

/**
 * V (very restricted) is never shown; R, or any sensitivity code, is restricted: shown
 * only to a role the access policy lets reveal it, and only once revealed with a reason.
 */
export function sensitivityClass(resource: unknown): SensitivityClass {
  const { confidentiality, sensitivities } = readLabels(resource);
  if (confidentiality === 'V') return 'very-restricted';
  if (confidentiality === 'R' || sensitivities.length > 0) return 'restricted';
  return 'none';
}
