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
  id: 'audit' | 'objection-register' | 'record-locator';
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
  /**
   * The region's record locator: which organisations hold records for an NHS number, as
   * DocumentReference pointers in the shape of the NHS National Record Locator.
   */
  recordLocator: SandboxService;
}

/** `strict`: prompt=none refused, no refresh tokens, only the scopes asked for, scopes enforced. */
export type SandboxAuthMode = 'strict';

export const DEFAULT_PORT_BASE = 8400;
export const CLIENT_ID = 'my-care-record-viewer';

const REGION_CAMBS = 'Cambridgeshire and Peterborough';
const REGION_HERTS = 'Hertfordshire and West Essex';

/** Port offsets from the base; the app sits apart from every server. */
const OFFSETS = { home: 10, gp: 11, hospital: 12, socialCare: 13, auth: 20, fhir: 30, audit: 40, register: 41, locator: 42, app: 50 };

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

/** Today's eight organisations: SANDBOX_ENDPOINTS' default, and the first eight of any region. */
export const DEFAULT_ENDPOINT_COUNT = ENDPOINTS.length;
/** Most endpoints one sandbox serves (SANDBOX_ENDPOINTS); each has its own port. */
export const MAX_ENDPOINT_COUNT = 300;
/** The generated organisations' ports start here above the base, apart from every other server. */
const REGION_PORT_OFFSET = 100;

const PLACES_CAMBS = [
  'Chesterton', 'Histon', 'Cottenham', 'Ely', 'March', 'Wisbech', 'Whittlesey', 'Ramsey', 'Huntingdon', 'St Ives',
  'St Neots', 'Sawston', 'Linton', 'Soham', 'Littleport', 'Chatteris', 'Yaxley', 'Bretton', 'Orton', 'Werrington',
  'Thorney', 'Godmanchester', 'Papworth', 'Bottisham', 'Burwell', 'Melbourn', 'Royston Road', 'Trumpington', 'Arbury', 'Cherry Hinton',
] as const;
const PLACES_HERTS = ['Hertford', 'Ware', 'Bishops Stortford', 'Harlow', 'Cheshunt', 'Hoddesdon', 'Sawbridgeworth', 'Buntingford', 'Epping', 'Waltham Abbey'] as const;
const PRACTICE_KINDS = ['Surgery', 'Medical Centre', 'Health Centre', 'Medical Practice', 'Family Practice'] as const;

/**
 * The organisations beyond today's eight, for SANDBOX_ENDPOINTS=<n>: general practices,
 * as most of a region's organisations are (about two in three in Cambridgeshire and
 * Peterborough, the rest in Hertfordshire and West Essex). Deterministic: the same n
 * gives the same names, ODS codes and ports.
 */
function regionPractices(count: number): Omit<SandboxEndpoint, 'port' | 'baseUrl'>[] {
  return Array.from({ length: count }, (_, j) => {
    const cambs = j % 3 !== 2;
    const places: readonly string[] = cambs ? PLACES_CAMBS : PLACES_HERTS;
    const round = Math.floor(j / places.length);
    const place = places[j % places.length] as string;
    const kind = PRACTICE_KINDS[(j + round) % PRACTICE_KINDS.length] as string;
    const n = String(j + 1).padStart(3, '0');
    return {
      id: `gp-${n}`,
      organisationName: `${round > 0 ? `${['North', 'South', 'East', 'West', 'Old', 'New'][(round - 1) % 6]} ` : ''}${place} ${kind}`,
      odsCode: `${cambs ? 'D' : 'E'}98${n}`,
      region: cambs ? REGION_CAMBS : REGION_HERTS,
      kind: 'gp-practice' as const,
    };
  });
}

/**
 * The whole world for one port base (tests may move it to avoid a running sandbox).
 * `endpointCount` (SANDBOX_ENDPOINTS) makes it a region: today's eight organisations and
 * then generated general practices, each its own FHIR endpoint on its own port
 * (portBase + 100 + i), so every endpoint keeps its own origin and audience.
 */
export function sandboxTopology(portBase: number = DEFAULT_PORT_BASE, endpointCount: number = DEFAULT_ENDPOINT_COUNT): SandboxTopology {
  if (!Number.isInteger(endpointCount) || endpointCount < DEFAULT_ENDPOINT_COUNT || endpointCount > MAX_ENDPOINT_COUNT) {
    throw new Error(`The sandbox has from ${DEFAULT_ENDPOINT_COUNT} to ${MAX_ENDPOINT_COUNT} endpoints, not ${endpointCount}`);
  }
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
    endpoints: [
      ...ENDPOINTS.map((e, i) => {
        const port = portBase + OFFSETS.fhir + i;
        return { ...e, port, baseUrl: `${local(port)}/fhir` };
      }),
      ...regionPractices(endpointCount - DEFAULT_ENDPOINT_COUNT).map((e, j) => {
        const port = portBase + REGION_PORT_OFFSET + j;
        return { ...e, port, baseUrl: `${local(port)}/fhir` };
      }),
    ],
    hosts: HOSTS.map((h) => {
      const port = portBase + hostPorts[h.id];
      return { ...h, port, origin: local(port) };
    }),
    audit: { id: 'audit', name: 'Regional audit repository', port: portBase + OFFSETS.audit, baseUrl: `${local(portBase + OFFSETS.audit)}/fhir` },
    objectionRegister: {
      id: 'objection-register', name: 'Regional objection register', port: portBase + OFFSETS.register,
      baseUrl: `${local(portBase + OFFSETS.register)}/fhir`,
    },
    recordLocator: {
      id: 'record-locator', name: 'Regional record locator', port: portBase + OFFSETS.locator,
      baseUrl: `${local(portBase + OFFSETS.locator)}/fhir`,
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

/** SANDBOX_ENDPOINTS: how many organisations' endpoints the sandbox runs (default 8). */
export function endpointCountFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SANDBOX_ENDPOINTS;
  if (raw === undefined || raw === '') return DEFAULT_ENDPOINT_COUNT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < DEFAULT_ENDPOINT_COUNT || n > MAX_ENDPOINT_COUNT) {
    throw new Error(`SANDBOX_ENDPOINTS must be a whole number from ${DEFAULT_ENDPOINT_COUNT} to ${MAX_ENDPOINT_COUNT}, got "${raw}"`);
  }
  return n;
}

export function endpointById(t: SandboxTopology, id: string): SandboxEndpoint {
  const e = t.endpoints.find((x) => x.id === id);
  if (!e) throw new Error(`No sandbox endpoint "${id}"`);
  return e;
}
