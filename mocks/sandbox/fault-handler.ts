import type { Bundle, BundleEntry, FhirResource, Flag } from 'fhir/r4';
import type { EndpointFault } from './faults';
import { corsHeaders } from './fhir/cors';

type Handler = (req: Request) => Promise<Response>;

const OPEN_PATHS = /\/(metadata|\.well-known\/smart-configuration)$/;

/**
 * Wraps an endpoint's handler with its current fault. Latency and hangs apply to every
 * request (a slow server is slow at discovery too); errors and bad content apply to
 * data requests only, so that authorisation succeeds and the fault shows where a
 * clinician would meet it. `down` is handled by closing the port (sandbox.ts).
 */
export function withFaults(handler: Handler, current: () => EndpointFault, appOrigin: string): Handler {
  return async (req) => {
    const fault = current();
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault.mode === 'hang') return new Promise<Response>(() => {});
    const open = OPEN_PATHS.test(new URL(req.url).pathname) || req.method === 'OPTIONS';
    if (open || fault.mode === 'none' || fault.mode === 'down') return handler(req);
    const cors = corsHeaders(req.headers.get('origin'), appOrigin);
    switch (fault.mode) {
      case 'http-500':
      case 'http-502':
        return outcome(Number(fault.mode.slice(5)), 'exception', 'Simulated server failure', cors);
      case 'http-503':
      case 'http-429':
        return outcome(Number(fault.mode.slice(5)), 'throttled', 'Simulated overload; try again later', { ...cors, 'retry-after': '5' });
      case 'expired-token':
        return outcome(401, 'login', 'token expired', { ...cors, 'www-authenticate': 'Bearer error="invalid_token", error_description="token expired"' });
      case 'operation-outcome':
        return outcome(400, 'processing', 'Simulated error: the search could not be processed', cors);
      case 'malformed-json':
        return new Response('{"resourceType": "Bundle", "entry": [', { status: 200, headers: { ...cors, 'content-type': 'application/fhir+json' } });
      case 'not-fhir':
        return Response.json({ status: 'ok', items: [1, 2, 3] }, { headers: cors });
      default:
        return mutateSearchset(await handler(req), fault.mode, req.url, cors);
    }
  };
}

async function mutateSearchset(res: Response, mode: EndpointFault['mode'], requestUrl: string, cors: Record<string, string>): Promise<Response> {
  const body = (await res.json()) as FhirResource;
  if (body.resourceType !== 'Bundle' || body.type !== 'searchset') return Response.json(body, { status: res.status, headers: cors });
  const bundle: Bundle = { ...body, entry: [...(body.entry ?? [])] };
  const links = (bundle.link ?? []).filter((l) => l.relation !== 'next');
  if (mode === 'foreign-next-link') bundle.link = [...links, { relation: 'next', url: 'http://127.0.0.2:9/fhir/Encounter?page=2' }];
  if (mode === 'looping-next-link') bundle.link = [...links, { relation: 'next', url: requestUrl }];
  if (mode === 'other-patient') bundle.entry!.push(aboutAnotherPatient());
  if (mode === 'duplicate-ids') bundle.entry = [...bundle.entry!, ...bundle.entry!];
  if (mode === 'huge-response') bundle.entry = [...bundle.entry!, ...padding(20 * 1024 * 1024)];
  return new Response(JSON.stringify(bundle), { status: res.status, headers: { ...cors, 'content-type': 'application/fhir+json' } });
}

function aboutAnotherPatient(): BundleEntry {
  const flag: Flag = {
    resourceType: 'Flag', id: 'not-this-patient', status: 'active',
    code: { text: 'This flag belongs to a different patient' },
    subject: { reference: 'Patient/someone-else' },
  };
  return { search: { mode: 'match' }, resource: flag };
}

function padding(bytes: number): BundleEntry[] {
  const text = 'x'.repeat(1000);
  return Array.from({ length: Math.ceil(bytes / 1100) }, (_, i) => ({
    search: { mode: 'outcome' as const },
    resource: { resourceType: 'OperationOutcome' as const, id: `pad-${i}`, issue: [{ severity: 'information' as const, code: 'informational' as const, diagnostics: text }] },
  }));
}

function outcome(status: number, code: string, text: string, headers: Record<string, string>): Response {
  return new Response(
    JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] }),
    { status, headers: { ...headers, 'content-type': 'application/fhir+json', 'cache-control': 'no-store' } },
  );
}
