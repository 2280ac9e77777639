import type {
  AppConfiguration,
  EndpointConfiguration,
  LaunchConfiguration,
  OrganisationKind,
} from './types';
import { GOVERNANCE_FIELDS, governanceFields } from './validate-governance';
import { baseUrl, fail, object, onlyKnown, ORGANISATION_KINDS, SERVICE_FIELDS, serviceConfiguration, text, type Obj } from './validate-fields';

export { ConfigError } from './validate-fields';

function list(o: Obj, key: string, min: number): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(key, 'must be an array');
  if (v.length < min) fail(key, `must list at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
  return v;
}

function unique<T>(items: T[], field: (t: T) => string, path: (i: number) => string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = field(item);
    const first = seen.get(k);
    if (first !== undefined) fail(path(i), `duplicates ${path(first)} ("${k}")`);
    seen.set(k, i);
  });
}

function launchConfiguration(v: unknown, i: number): LaunchConfiguration {
  const path = `launch[${i}]`;
  const o = object(v, path);
  onlyKnown(o, path, ['id', 'iss', 'name', 'scope', 'showRecords']);
  if (o.showRecords !== undefined && o.showRecords !== false) fail(`${path}.showRecords`, 'must be false, or left out');
  return {
    id: text(o, 'id', path), iss: baseUrl(o, 'iss', path), name: text(o, 'name', path), scope: text(o, 'scope', path),
    ...(o.showRecords === false ? { showRecords: false as const } : {}),
  };
}

const sameBase = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * The launching server is an endpoint unless the file says otherwise: SMART App Launch
 * authorises the app at the launching server, and that organisation's own record is the
 * first thing a clinician expects to see.
 */
function launchServersAreEndpoints(launch: LaunchConfiguration[], endpoints: EndpointConfiguration[]): void {
  launch.forEach((l, i) => {
    if (l.showRecords === false || endpoints.some((e) => sameBase(e.fhirBaseUrl, l.iss))) return;
    fail(
      `launch[${i}].iss`,
      `(${l.iss}) is not the fhirBaseUrl of any endpoints[] entry: add the launching organisation to endpoints (its records are then read with the launch's own sign-in), or set launch[${i}].showRecords to false`,
    );
  });
}

const ENDPOINT_FIELDS: readonly string[] = ['id', 'organisationName', 'odsCode', 'region', 'kind', ...SERVICE_FIELDS];

function endpointConfiguration(v: unknown, i: number): EndpointConfiguration {
  const path = `endpoints[${i}]`;
  const o = object(v, path);
  onlyKnown(o, path, ENDPOINT_FIELDS);
  const kind = text(o, 'kind', path);
  if (!(ORGANISATION_KINDS as readonly string[]).includes(kind)) fail(`${path}.kind`, `must be one of ${ORGANISATION_KINDS.join(', ')}`);
  const service = serviceConfiguration(o, path, ENDPOINT_FIELDS);
  return {
    id: text(o, 'id', path),
    organisationName: text(o, 'organisationName', path),
    odsCode: text(o, 'odsCode', path),
    region: text(o, 'region', path),
    kind: kind as OrganisationKind,
    fhirBaseUrl: service.fhirBaseUrl,
    auth: service.auth,
    timeoutMs: service.timeoutMs,
  };
}

/**
 * Checks `/config.json` and returns a clean copy. Throws a ConfigError naming the first
 * bad field, a field it does not know included (a misspelt one would otherwise switch off
 * what it configures). The file decides where bearer tokens are sent, so it is checked as
 * strictly as input from any other party.
 */
export function validateConfig(input: unknown): AppConfiguration {
  const o = object(input, 'configuration');
  onlyKnown(o, '', ['clientId', 'launch', 'endpoints', ...GOVERNANCE_FIELDS]);
  const clientId = text(o, 'clientId', '').trim();
  const launch = list(o, 'launch', 1).map(launchConfiguration);
  const endpoints = list(o, 'endpoints', 0).map(endpointConfiguration);
  unique(launch, (l) => l.id, (i) => `launch[${i}].id`);
  unique(launch, (l) => l.iss, (i) => `launch[${i}].iss`);
  unique(endpoints, (e) => e.id, (i) => `endpoints[${i}].id`);
  // The same server twice would be asked twice, its records shown twice. (Two endpoints may
  // share an ODS code: one organisation running two systems; an objection to it covers both.)
  unique(endpoints, (e) => e.fhirBaseUrl, (i) => `endpoints[${i}].fhirBaseUrl`);
  launchServersAreEndpoints(launch, endpoints);
  return { clientId, launch, endpoints, ...governanceFields(o) };
}
