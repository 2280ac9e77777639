import type Client from 'fhirclient/lib/Client';
import type { Bundle, Patient, Practitioner, PractitionerRole, Resource } from 'fhir/r4';
import type { AppConfiguration } from '../config/types';
import type { EndpointAccess } from './endpoint-access';
import { createEndpointAccesses } from './endpoint-accesses';
import { createGovernanceAccesses, governanceTargets, type GovernanceAccesses } from './governance-accesses';
import { defaultTokenManager, type OidcAccessOptions } from './endpoint-access-oidc';
import { sharedSignIns } from './shared-sign-in';
import { resolveFhirUser } from './fhir-user';
import { fhirUserClaim } from './id-token';
import { LaunchError } from './launch-error';

/** Who is signed in, as far as the launching server says. */
export interface SignedInUser {
  practitioner?: Practitioner;
  role?: PractitionerRole;
}

/**
 * The launch context the rest of the app may see. Tokens stay inside: React gets ids and
 * functions that read with them (architecture: "src/smart … the only place that knows
 * about tokens"; fhirclient's own split of FhirClient and Client).
 */
export interface SmartSession {
  patientId: string;
  encounterId?: string;
  /** SMART App Launch 2.2 "Launch context": `need_patient_banner`, true when absent. */
  needPatientBanner: boolean;
  /** The id_token's `fhirUser` claim, as sent. */
  fhirUser?: string;
  /** The launching server's FHIR base. */
  iss: string;
  readPatient(): Promise<Patient>;
  readUser(): Promise<SignedInUser>;
  /**
   * Sends the Patient and user reads now, before anyone asks (the app's entry calls it as
   * soon as the token and configuration are in, while the app's own chunk may still be
   * compiling); the next `readPatient()` and `readUser()` each take those answers, failures
   * included, and any later call reads again.
   */
  startReads?(): void;
  /**
   * One access per configured endpoint, keyed by endpoint id: the launching endpoint
   * reuses the launch token, every other one signs in on its own (endpoint-accesses.ts).
   * The same Map for the same configuration object, so a re-render builds nothing new.
   * Give each to `endpointTransport` (smart/endpoint-transport.ts) for FHIR requests.
   */
  endpointAccesses(config: AppConfiguration): Map<string, EndpointAccess>;
  /** The audit service's and objection register's accesses, knowing the launch (token reuse, id_token hint). */
  governanceAccesses?(config: AppConfiguration): GovernanceAccesses;
}

/** A read at the launching server failed. Keeps the HTTP status; never the token or URL. */
export class SessionRequestError extends Error {
  override readonly name = 'SessionRequestError';
  constructor(
    readonly what: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(status ? `${what} could not be read (HTTP ${status})` : `${what} could not be read`, options);
  }
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const PATIENT_WHAT = 'The patient’s details';

function isResource<T extends Resource>(r: unknown, type: T['resourceType']): r is T {
  return typeof r === 'object' && r !== null && (r as Resource).resourceType === type;
}

async function read<T extends Resource>(client: Client, url: string, type: T['resourceType'], what: string): Promise<T> {
  let body: unknown;
  try {
    // no-store: clinical data never reaches the HTTP cache (docs/standards.md, "Browser security").
    body = await client.request({ url, cache: 'no-store' });
  } catch (e) {
    const status = (e as { status?: unknown }).status;
    throw new SessionRequestError(what, typeof status === 'number' ? status : undefined, { cause: e });
  }
  if (!isResource<T>(body, type)) throw new SessionRequestError(what);
  return body;
}

/** Reads one resource from the launching server, checked as `read` checks it. */
type Reader = <T extends Resource>(url: string, type: T['resourceType'], what: string) => Promise<T>;

/** The user's role: PractitionerRole?practitioner=<id>, the first active one. */
async function findRole(readOne: Reader, base: string, practitionerId: string): Promise<PractitionerRole | undefined> {
  const url = `${base}/PractitionerRole?practitioner=${encodeURIComponent(practitionerId)}`;
  const bundle = await readOne<Bundle>(url, 'Bundle', 'The signed-in user’s role');
  const roles = (bundle.entry ?? []).map((e) => e.resource).filter((r) => isResource<PractitionerRole>(r, 'PractitionerRole'));
  return roles.find((r) => r.active !== false);
}

async function readUser(readOne: Reader, iss: string, fhirUser: string | undefined): Promise<SignedInUser> {
  const base = iss.replace(/\/+$/, '');
  const ref = resolveFhirUser(fhirUser, iss);
  if (!ref) return {};
  if (ref.resourceType === 'Practitioner') {
    // Side by side: the role search needs only the practitioner's id, which fhirUser gives.
    // A missing role still lets the name be shown.
    const [practitioner, role] = await Promise.all([
      readOne<Practitioner>(ref.url, 'Practitioner', 'The signed-in user'),
      findRole(readOne, base, ref.id).catch(() => undefined),
    ]);
    return { practitioner, role };
  }
  const role = await readOne<PractitionerRole>(ref.url, 'PractitionerRole', 'The signed-in user’s role');
  const pref = resolveFhirUser(role.practitioner?.reference, iss);
  const practitioner =
    pref?.resourceType === 'Practitioner' ? await readOne<Practitioner>(pref.url, 'Practitioner', 'The signed-in user').catch(() => undefined) : undefined;
  return { practitioner, role };
}

/** One entry of a batch-response: its resource when the entry's status is 2xx and the type is the one asked for. */
function entryResource<T extends Resource>(entry: unknown, type: T['resourceType'], what: string): T {
  const e = entry as { response?: { status?: unknown }; resource?: unknown } | undefined;
  const status = typeof e?.response?.status === 'string' ? Number.parseInt(e.response.status, 10) : NaN;
  if (!(status >= 200 && status < 300)) throw new SessionRequestError(what, Number.isNaN(status) ? undefined : status);
  if (!isResource<T>(e?.resource, type)) throw new SessionRequestError(what);
  return e.resource;
}

/**
 * Each read as a batch of one POSTed at the launching server's base, all at once: one URL,
 * whose CORS preflight the app page paid while the token was on its way (ready-session.ts,
 * `warmLaunchingServer`), instead of a preflight per read URL (docs/adr/0010). One batch per
 * read, not one for all: a server answers a batch when its slowest entry is done, and the
 * banner's Patient must not wait for the role search. Each entry is checked as the single
 * read checks its answer. A server that does not answer with a batch-response of one entry
 * (it takes no batch: 405, 501, 400…, or the request failed whole) is asked that read on
 * its own, as before.
 */
function readAtBase(client: Client, iss: string): Reader {
  const base = iss.replace(/\/+$/, '');
  return async <T extends Resource>(url: string, type: T['resourceType'], what: string): Promise<T> => {
    const path = url.startsWith(`${base}/`) ? url.slice(base.length + 1) : url;
    const bundle = { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: path } }] };
    let entry: unknown;
    try {
      const answer = await client.request<Bundle>({ url: base, method: 'POST', body: JSON.stringify(bundle), headers: { 'Content-Type': 'application/fhir+json' } });
      if (isResource<Bundle>(answer, 'Bundle') && answer.type === 'batch-response' && answer.entry?.length === 1) entry = answer.entry[0];
    } catch {
      entry = undefined;
    }
    return entry === undefined ? read<T>(client, url, type, what) : entryResource<T>(entry, type, what);
  };
}

/**
 * A read that can be sent ahead of its caller: `start()` sends it, once, unless a caller has
 * already asked (it would be a second, unused request); `take()` hands the sent one to the
 * first caller after it, or reads anew. A sent read that fails is still the first caller's
 * answer (it may retry: its next call reads again).
 */
function ahead<T>(read: () => Promise<T>): { start: (sending?: () => Promise<T>) => void; take: () => Promise<T> } {
  let sent: Promise<T> | undefined;
  let asked = false;
  return {
    start: (sending = read) => {
      if (sent || asked) return;
      sent = sending();
      sent.catch(() => undefined); // the taker sees the failure; until then it is not unhandled
    },
    take: () => {
      asked = true;
      const p = sent ?? read();
      sent = undefined;
      return p;
    },
  };
}

/** Builds the session from a ready fhirclient Client; throws `no-patient` without one. */
export function createSession(client: Client): SmartSession {
  const token = client.state.tokenResponse ?? {};
  const patientId = token.patient;
  if (typeof patientId !== 'string' || !FHIR_ID.test(patientId)) throw new LaunchError('no-patient');
  const iss = client.state.serverUrl;
  const fhirUser = fhirUserClaim(token.id_token);
  const idToken = typeof token.id_token === 'string' ? token.id_token : undefined;
  const banner = token.need_patient_banner as unknown;
  const accesses = new WeakMap<AppConfiguration, Map<string, EndpointAccess>>();
  const appOrigin = window.location.origin;
  // One set of shared sign-ins per configuration, for its endpoints and services alike (shared-sign-in.ts).
  type SignIns = Required<Pick<OidcAccessOptions, 'createTokenManager' | 'canSignInAhead'>>;
  const managers = new WeakMap<AppConfiguration, SignIns>();
  const signIns = (config: AppConfiguration): SignIns => {
    let made = managers.get(config);
    if (!made) {
      const groupOf = sharedSignIns(config, iss, { clientId: config.clientId, appOrigin, ...(idToken ? { idTokenHint: idToken } : {}) }, governanceTargets(config));
      made = {
        createTokenManager: (endpoint, o) => groupOf(endpoint)?.tokenManager(endpoint) ?? defaultTokenManager(endpoint, o),
        // A token ahead of need only where it costs a token request, not a sign-in frame or a request to the endpoint.
        canSignInAhead: (endpoint) => groupOf(endpoint)?.signedIn() === true,
      };
      managers.set(config, made);
    }
    return made;
  };
  const createTokenManager = (config: AppConfiguration) => signIns(config).createTokenManager;
  const endpointAccesses = (config: AppConfiguration) => {
    let map = accesses.get(config);
    if (!map) {
      map = createEndpointAccesses(config, { iss, client, ...(idToken ? { idToken } : {}) }, { appOrigin, ...signIns(config) });
      accesses.set(config, map);
    }
    return map;
  };
  const patientPath = `Patient/${encodeURIComponent(patientId)}`;
  const plain: Reader = (url, type, what) => read(client, url, type, what);
  const patientRead = ahead(() => read<Patient>(client, patientPath, 'Patient', PATIENT_WHAT));
  const userRead = ahead(() => readUser(plain, iss, fhirUser));
  return {
    patientId,
    encounterId: typeof token.encounter === 'string' && token.encounter !== '' ? token.encounter : undefined,
    needPatientBanner: !(banner === false || banner === 'false'),
    fhirUser,
    iss,
    readPatient: patientRead.take,
    readUser: userRead.take,
    startReads: () => {
      // Ahead, each as a batch of one at the base (no preflight of its own); later calls read plainly.
      const atBase = readAtBase(client, iss);
      patientRead.start(() => atBase<Patient>(patientPath, 'Patient', PATIENT_WHAT));
      userRead.start(() => readUser(atBase, iss, fhirUser));
    },
    endpointAccesses,
    governanceAccesses: (config) =>
      createGovernanceAccesses(config, { appOrigin, createTokenManager: createTokenManager(config) }, { iss, client, ...(idToken ? { idToken } : {}) }),
  };
}
