import type { Bundle, BundleEntry, Flag, OperationOutcome, Patient } from 'fhir/r4';
import { hostileResource, payloadCycle } from '../data/hostile/hostile-resource';
import { FOREIGN_NEXT_ORIGIN, type EndpointFault, type FaultMode } from './faults';
import { corsHeaders } from './fhir/cors';
import { onlyMetadata } from './fhir/handler';

type Handler = (req: Request) => Promise<Response>;

const OPEN_PATHS = /\/(metadata|\.well-known\/smart-configuration)$/;

/** What `other-patient` adds; e2e/faults.spec.ts checks that this text never appears. */
export const OTHER_PATIENT_FLAG_TEXT = 'This flag belongs to a different patient';
export const OTHER_PATIENT_ID = 'someone-else';

/** Size of the `huge-response` padding: one response of at least this many bytes. */
export const HUGE_RESPONSE_BYTES = 20 * 1024 * 1024;

/**
 * Wraps an endpoint's handler with its current fault, read afresh for every request so
 * that a fault set while the sandbox runs applies to the next request. Latency and hangs
 * apply to every request (a slow server is slow at discovery too); errors and bad content
 * apply to data requests only, so that authorisation succeeds and the fault shows where a
 * clinician would meet it. `down` is handled by closing the port (endpoint-pool.ts).
 *
 * Content faults change every searchset in the answer: a plain search's, and each one
 * inside a batch-response (the viewer batches its searches when the server offers batch).
 */
export function withFaults(handler: Handler, current: () => EndpointFault, appOrigin: string): Handler {
  return async (req) => {
    const fault = current();
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault.mode === 'hang') return new Promise<Response>(() => {});
    if (fault.mode === 'none' || fault.mode === 'down') return handler(req);
    // The viewer's probe, a batch of `GET metadata` only (fhir/handler.ts answers it without a token), is as open as `GET metadata`.
    const open = OPEN_PATHS.test(new URL(req.url).pathname) || req.method === 'OPTIONS' || (await onlyMetadataBatch(req));
    if (open) return handler(req);
    const cors = corsHeaders(req.headers.get('origin'), appOrigin);
    switch (fault.mode) {
      case 'http-500':
      case 'http-502':
        return outcome(Number(fault.mode.slice(5)), 'exception', 'Simulated server failure', cors);
      case 'http-503':
      case 'http-429':
        return outcome(Number(fault.mode.slice(5)), 'throttled', 'Simulated overload; try again later', { ...cors, 'retry-after': String(RETRY_AFTER_SECONDS) });
      case 'expired-token':
        // A server whose clock is ahead, or that revoked the app's tokens: every token is
        // expired, the renewed one too. RFC 6750 §3.1.
        return outcome(401, 'login', 'token expired', { ...cors, 'www-authenticate': 'Bearer error="invalid_token", error_description="token expired"' });
      case 'operation-outcome':
        return outcome(400, 'processing', 'Simulated error: the search could not be processed', cors);
      case 'malformed-json':
        return new Response('{"resourceType": "Bundle", "type": "searchset", "entry": [', { status: 200, headers: { ...cors, 'content-type': 'application/fhir+json', 'cache-control': 'no-store' } });
      case 'not-fhir':
        return new Response(JSON.stringify({ status: 'ok', items: [1, 2, 3] }), { status: 200, headers: { ...cors, 'content-type': 'application/json', 'cache-control': 'no-store' } });
      default:
        return mutateSearchsets(await handler(req), fault.mode, req.url);
    }
  };
}

async function onlyMetadataBatch(req: Request): Promise<boolean> {
  return req.method === 'POST' && onlyMetadata(await req.clone().json().catch(() => undefined));
}

/** Seconds in the Retry-After of `http-429` and `http-503`. */
export const RETRY_AFTER_SECONDS = 5;

interface MutateContext {
  mode: FaultMode;
  /** The URL the answer is for: a searchset's fallback `self` for a looping link. */
  requestUrl: string;
  /** `huge-response` pads one searchset per answer, not every one of a batch. */
  padded: boolean;
  nextPayload: () => string;
}

/**
 * Applies a content fault to every searchset of an answer, keeping the handler's status
 * and headers. Anything else (a read, an error, a body that is not JSON) goes through
 * untouched.
 */
async function mutateSearchsets(res: Response, mode: FaultMode, requestUrl: string): Promise<Response> {
  const text = await res.text();
  const pass = () => new Response(text, { status: res.status, headers: res.headers });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return pass();
  }
  const ctx: MutateContext = { mode, requestUrl, padded: false, nextPayload: payloadCycle() };
  let changed: Bundle | undefined;
  if (isBundle(body, 'searchset')) changed = mutateOne(body, ctx);
  else if (isBundle(body, 'batch-response')) {
    changed = {
      ...body,
      entry: (body.entry ?? []).map((e) => (isBundle(e.resource, 'searchset') ? { ...e, resource: mutateOne(e.resource, ctx) } : e)),
    };
  }
  if (!changed) return pass();
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  headers.delete('etag');
  return new Response(JSON.stringify(changed), { status: res.status, headers });
}

function isBundle(value: unknown, type: Bundle['type']): value is Bundle {
  const b = value as Bundle | null;
  return typeof b === 'object' && b !== null && b.resourceType === 'Bundle' && b.type === type;
}

function mutateOne(body: Bundle, ctx: MutateContext): Bundle {
  const bundle: Bundle = { ...body, entry: [...(body.entry ?? [])] };
  const entries = bundle.entry!;
  const links = (bundle.link ?? []).filter((l) => l.relation !== 'next');
  const self = bundle.link?.find((l) => l.relation === 'self')?.url ?? ctx.requestUrl;
  switch (ctx.mode) {
    case 'foreign-next-link': {
      const type = new URL(self).pathname.split('/').at(-1) ?? 'Encounter';
      bundle.link = [...links, { relation: 'next', url: `${FOREIGN_NEXT_ORIGIN}/fhir/${type}?page=2` }];
      break;
    }
    case 'looping-next-link':
      bundle.link = [...links, { relation: 'next', url: self }];
      break;
    case 'other-patient':
      entries.push(...aboutAnotherPatient(entries));
      break;
    case 'duplicate-ids':
      bundle.entry = [...entries, ...entries];
      break;
    case 'huge-response':
      if (!ctx.padded) bundle.entry = [...entries, ...padding(HUGE_RESPONSE_BYTES)];
      ctx.padded = true;
      break;
    case 'hostile-content':
      bundle.entry = entries.map((e) => (e.resource ? { ...e, resource: hostileResource(e.resource, ctx.nextPayload) } : e));
      break;
    default:
      break;
  }
  return bundle;
}

/**
 * What a server that ignored `patient=` (or mixed up its indexes) would add: a Flag about
 * someone else, a copy of the search's first record with someone else as its subject, and
 * in a Patient search another person's Patient.
 */
function aboutAnotherPatient(entries: BundleEntry[]): BundleEntry[] {
  const flag: Flag = {
    resourceType: 'Flag',
    id: 'not-this-patient',
    status: 'active',
    code: { text: OTHER_PATIENT_FLAG_TEXT },
    subject: { reference: `Patient/${OTHER_PATIENT_ID}` },
  };
  const out: BundleEntry[] = [{ search: { mode: 'match' }, resource: flag }];
  const first = entries.find((e) => e.search?.mode !== 'include' && e.resource)?.resource as (Record<string, unknown> & { resourceType: string; id?: string }) | undefined;
  if (first?.resourceType === 'Patient') {
    const other: Patient = {
      resourceType: 'Patient',
      id: OTHER_PATIENT_ID,
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990009990' }],
      name: [{ family: 'Someone-Else', given: ['Another'] }],
      birthDate: '1950-01-01',
    };
    out.push({ search: { mode: 'match' }, resource: other });
  } else if (first) {
    const key = 'patient' in first && !('subject' in first) ? 'patient' : 'subject';
    out.push({ search: { mode: 'match' }, resource: { ...first, id: `${first.id ?? 'x'}-${OTHER_PATIENT_ID}`, [key]: { reference: `Patient/${OTHER_PATIENT_ID}` } } as BundleEntry['resource'] });
  }
  return out;
}

function padding(bytes: number): BundleEntry[] {
  const text = 'x'.repeat(1000);
  return Array.from({ length: Math.ceil(bytes / 1000) }, (_, i) => {
    const resource: OperationOutcome = {
      resourceType: 'OperationOutcome',
      id: `pad-${i}`,
      issue: [{ severity: 'information', code: 'informational', diagnostics: text }],
    };
    return { search: { mode: 'outcome' as const }, resource };
  });
}

function outcome(status: number, code: string, text: string, headers: Record<string, string>): Response {
  return new Response(
    JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] }),
    { status, headers: { ...headers, 'content-type': 'application/fhir+json', 'cache-control': 'no-store' } },
  );
}
