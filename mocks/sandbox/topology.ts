/**
 * The simulated world's layout: which organisations run a FHIR endpoint, on which port,
 * which host systems launch the app, and who is signed in to each. Everything in the
 * sandbox (servers, synthetic data, MSW handlers, end-to-end tests) takes its URLs from
 * here so that one change of port base moves the whole world.
 *
 * Every server listens on 127.0.0.1 only; URLs use `localhost` so that the host pages,
 * the authorisation server and the app are same-site (cookies of the single sign-on
 * session work inside the EHR's iframe) while still being different origins.
 */

import type { OrganisationKind } from '../../src/config/types';

export type { OrganisationKind };

export interface SandboxEndpoint {
  /** Stable id used in configuration, query keys and URLs. */
  id: string;
  organisationName: string;
  /** ODS code (synthetic; https://fhir.nhs.uk/Id/ods-organization-code). */
  odsCode: string;
  region: string;
  kind: OrganisationKind;
  port: number;
  /** FHIR base URL, no trailing slash. */
  baseUrl: string;
}

export interface SandboxUser {
  /** Practitioner.id at the host system's FHIR endpoint. */
  practitionerId: string;
  practitionerRoleId: string;
  /** SDS user id (https://fhir.nhs.uk/Id/sds-user-id). */
  sdsUserId: string;
  /** SDS role profile id (https://fhir.nhs.uk/Id/sds-role-profile-id). */
  sdsRoleProfileId: string;
  family: string;
  given: string;
  prefix: string;
  /** SNOMED CT code and display of the role (PractitionerRole.code). */
  roleCode: string;
  roleDisplay: string;
}

export interface SandboxHost {
  id: 'gp' | 'hospital' | 'social-care';
  name: string;
  /** The product the host page pretends to be. */
  systemName: string;
  port: number;
  origin: string;
  /** The FHIR endpoint this host system is: its base URL is the `iss` of its launches. */
  endpointId: string;
  user: SandboxUser;
}

/**
 * A FHIR server of the region that is not an organisation's record: the audit repository
 * (AuditEvents of every access) and the objection register (patients' Consents).
 */
export interface SandboxService {
  id: 'audit' | 'objection-register';
  name: string;
  port: number;
  /** FHIR base URL, no trailing slash. */
  baseUrl: string;
}

export interface SandboxTopology {
  portBase: number;
  /** Landing page listing the host systems: the one URL to open. */
  homeOrigin: string;
  authIssuer: string;
  appOrigin: string;
  /** The app's launch URL, registered with every host system. */
  launchUrl: string;
  /** The app's redirect URI, registered with the authorisation server. */
  redirectUri: string;
  clientId: string;
  endpoints: SandboxEndpoint[];
  hosts: SandboxHost[];
  /** Where the viewer writes an AuditEvent for every access (IHE BALP). */
  audit: SandboxService;
  /** The region's register of patients' objections to sharing (FHIR Consent, by NHS number). */
  objectionRegister: SandboxService;
  /**
   * How the authorisation server and the FHIR servers treat sign-in and scopes (SANDBOX_AUTH):
   * absent, the sandbox's usual single sign-on; `strict`, like many real servers (auth-mode.ts).
   */
  authMode?: SandboxAuthMode;
}

/** `strict`: prompt=none refused, no refresh tokens, only the scopes asked for, scopes enforced. */
export type SandboxAuthMode = 'strict';

export const DEFAULT_PORT_BASE = 8400;
export const CLIENT_ID = 'my-care-record-viewer';

const REGION_CAMBS = 'Cambridgeshire and Peterborough';
const REGION_HERTS = 'Hertfordshire and West Essex';

/** Port offsets from the base; the app sits apart from every server. */
const OFFSETS = { home: 10, gp: 11, hospital: 12, socialCare: 13, auth: 20, fhir: 30, audit: 40, register: 41, app: 50 };

const ENDPOINTS: Omit<SandboxEndpoint, 'port' | 'baseUrl'>[] = [
  { id: 'riverside-gp', organisationName: 'Riverside Medical Practice', odsCode: 'D99001', region: REGION_CAMBS, kind: 'gp-practice' },
  { id: 'fenland-mh', organisationName: 'Fenland Mental Health NHS Foundation Trust', odsCode: 'R9M01', region: REGION_CAMBS, kind: 'mental-health' },
  { id: 'ouse-community', organisationName: 'Ouse Community Health NHS Trust', odsCode: 'R9C01', region: REGION_CAMBS, kind: 'community-health' },
  { id: 'ouse-valley-acute', organisationName: 'Ouse Valley Hospitals NHS Foundation Trust', odsCode: 'R9A01', region: REGION_CAMBS, kind: 'acute-hospital' },
  { id: 'cambs-asc', organisationName: 'Cambridgeshire County Council Adult Social Care', odsCode: 'L9C01', region: REGION_CAMBS, kind: 'social-care' },
  { id: 'eastern-ambulance', organisationName: 'Eastern Counties Ambulance Service NHS Trust', odsCode: 'R9E01', region: REGION_HERTS, kind: 'ambulance' },
  { id: 'lea-valley-gp', organisationName: 'Lea Valley Health Centre', odsCode: 'E99002', region: REGION_HERTS, kind: 'gp-practice' },
  { id: 'stort-acute', organisationName: 'Lea and Stort Hospitals NHS Trust', odsCode: 'R9H01', region: REGION_HERTS, kind: 'acute-hospital' },
];

const HOSTS: Omit<SandboxHost, 'port' | 'origin'>[] = [
  {
    id: 'gp',
    name: 'GP clinical system',
    systemName: 'PracticeView GP',
    endpointId: 'riverside-gp',
    user: {
      practitionerId: 'gp-amelia-hart', practitionerRoleId: 'gp-amelia-hart-role',
      sdsUserId: '555000000101', sdsRoleProfileId: '555000000102',
      family: 'Hart', given: 'Amelia', prefix: 'Dr',
      roleCode: '62247001', roleDisplay: 'General practitioner',
    },
  },
  {
    id: 'hospital',
    name: 'Hospital inpatient EHR',
    systemName: 'WardCare EHR',
    endpointId: 'ouse-valley-acute',
    user: {
      practitionerId: 'dr-rahul-mehta', practitionerRoleId: 'dr-rahul-mehta-role',
      sdsUserId: '555000000201', sdsRoleProfileId: '555000000202',
      family: 'Mehta', given: 'Rahul', prefix: 'Dr',
      roleCode: '309343006', roleDisplay: 'Physician',
    },
  },
  {
    id: 'social-care',
    name: 'Social care case management',
    systemName: 'CaseBook Adults',
    endpointId: 'cambs-asc',
    user: {
      practitionerId: 'sw-joanne-pike', practitionerRoleId: 'sw-joanne-pike-role',
      sdsUserId: '555000000301', sdsRoleProfileId: '555000000302',
      family: 'Pike', given: 'Joanne', prefix: 'Ms',
      roleCode: '106328005', roleDisplay: 'Social worker',
    },
  },
];

const local = (port: number) => `http://localhost:${port}`;

/** The whole world for one port base (tests may move it to avoid a running sandbox). */
export function sandboxTopology(portBase: number = DEFAULT_PORT_BASE): SandboxTopology {
  const appOrigin = local(portBase + OFFSETS.app);
  const hostPorts = { gp: OFFSETS.gp, hospital: OFFSETS.hospital, 'social-care': OFFSETS.socialCare };
  return {
    portBase,
    homeOrigin: local(portBase + OFFSETS.home),
    authIssuer: local(portBase + OFFSETS.auth),
    appOrigin,
    launchUrl: `${appOrigin}/launch/`,
    redirectUri: `${appOrigin}/`,
    clientId: CLIENT_ID,
    endpoints: ENDPOINTS.map((e, i) => {
      const port = portBase + OFFSETS.fhir + i;
      return { ...e, port, baseUrl: `${local(port)}/fhir` };
    }),
    hosts: HOSTS.map((h) => {
      const port = portBase + hostPorts[h.id];
      return { ...h, port, origin: local(port) };
    }),
    audit: { id: 'audit', name: 'Regional audit repository', port: portBase + OFFSETS.audit, baseUrl: `${local(portBase + OFFSETS.audit)}/fhir` },
    objectionRegister: {
      id: 'objection-register', name: 'Regional objection register', port: portBase + OFFSETS.register,
      baseUrl: `${local(portBase + OFFSETS.register)}/fhir`,
    },
  };
}

/** Port base from the environment (SANDBOX_PORT_BASE), else the default. */
export function portBaseFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SANDBOX_PORT_BASE;
  if (raw === undefined || raw === '') return DEFAULT_PORT_BASE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1024 || n > 65000) {
    throw new Error(`SANDBOX_PORT_BASE must be a whole number from 1024 to 65000, got "${raw}"`);
  }
  return n;
}

export function endpointById(t: SandboxTopology, id: string): SandboxEndpoint {
  const e = t.endpoints.find((x) => x.id === id);
  if (!e) throw new Error(`No sandbox endpoint "${id}"`);
  return e;
}
