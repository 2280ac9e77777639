/**
 * The HTTP face of one regional FHIR endpoint, as a WHATWG (Request) => Response
 * function so that the same code serves node:http (server.ts) and MSW (mocks/handlers).
 * Open without a token: /metadata and /.well-known/smart-configuration (SMART App Launch
 * 2.2 discovery), and a batch at the base of nothing but `GET metadata`. Everything else needs a bearer token whose audience is this endpoint's
 * base URL. Read-only: writes are 405. Nothing is cacheable (clinical data must not
 * reach the HTTP cache; see docs/standards.md, browser security).
 */
import type { SandboxEndpoint, SandboxTopology } from '../topology';
import type { AccessTokenVerifier } from '../auth/verify';
import { smartConfiguration } from '../auth/smart-configuration';
import type { FhirEngine } from './engine';
import { capabilityStatement } from './capability';
import { corsHeaders, preflight } from './cors';
import { processBatch } from './batch';
import { failure, type FhirResult } from './outcome';
import { enforcingEngine } from './enforce';
import { PURPOSE_OF_USE_HEADER, type Enforcement } from './enforcement';
import { searchTimeFromEnv } from '../http-util';
import { scopedEngine } from './scope-enforcement';

export interface FhirEndpointOptions {
  endpoint: SandboxEndpoint;
  topology: SandboxTopology;
  engine: FhirEngine;
  /** Checks the bearer token; undefined = no token check (MSW unit tests). */
  verify?: AccessTokenVerifier;
  /** This endpoint's current server-side enforcement (fhir/enforcement.ts); none when absent. */
  enforcement?: () => Enforcement;
  /** Server time each search costs, in ms (SANDBOX_SEARCH_MS by default: 0). */
  searchMs?: number;
}

/** Whether a path below the base is a search (`Type?…` or `Type`), not a read. */
export function isSearch(relativeUrl: string): boolean {
  const path = relativeUrl.split('?')[0] ?? '';
  return /^[A-Z][A-Za-z]+\/?$/.test(path);
}

/** The engine with `ms` of server time before every search's answer: a server busy with its database. */
export function slowSearches(engine: FhirEngine, ms: number): FhirEngine {
  if (ms <= 0) return engine;
  return {
    resourceTypes: engine.resourceTypes,
    async get(relativeUrl, baseUrl) {
      if (isSearch(relativeUrl)) await new Promise((r) => setTimeout(r, ms));
      return engine.get(relativeUrl, baseUrl);
    },
  };
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

function respond(status: number, body: unknown, contentType: string, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'content-type': contentType, 'cache-control': 'no-store' },
  });
}

function bearer(req: Request): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
  return m?.[1];
}

/** A batch Bundle whose every entry (one at least) is `GET metadata`. */
export function onlyMetadata(body: unknown): boolean {
  const b = body as { resourceType?: unknown; type?: unknown; entry?: unknown } | null;
  if (b?.resourceType !== 'Bundle' || b.type !== 'batch' || !Array.isArray(b.entry) || b.entry.length === 0) return false;
  return b.entry.every((e: { request?: { method?: unknown; url?: unknown } } | null) => e?.request?.method === 'GET' && e.request.url === 'metadata');
}

export function createFhirHandler(opts: FhirEndpointOptions): (req: Request) => Promise<Response> {
  const { endpoint, topology, verify } = opts;
  const basePath = new URL(endpoint.baseUrl).pathname.replace(/\/+$/, '');
  const smart = smartConfiguration(topology);
  const capability = capabilityStatement(endpoint, smart, opts.engine.resourceTypes);
  const searchMs = opts.searchMs ?? searchTimeFromEnv();

  return async (req) => {
    const origin = req.headers.get('origin');
    const cors = corsHeaders(origin, topology.appOrigin);
    const send = (r: FhirResult) => respond(r.status, r.body, FHIR_JSON, { ...cors, ...r.headers });
    if (req.method === 'OPTIONS') return preflight(origin, topology.appOrigin);
    const url = new URL(req.url);
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      return send(failure(404, 'not-found', `${url.pathname} is not under this server's FHIR base ${basePath}`));
    }
    const path = url.pathname.slice(basePath.length).replace(/^\/+/, '');
    if (req.method === 'GET' && path === 'metadata') return send({ status: 200, body: capability });
    if (req.method === 'GET' && path === '.well-known/smart-configuration') return respond(200, smart, 'application/json', cors);

    // A batch of nothing but `GET metadata` is open too, as `GET metadata` is: the viewer
    // sends one before it has a token, to pay the connection and CORS preflight of an
    // organisation it is about to sign in to (docs/adr/0005, decision 8).
    if (verify && req.method === 'POST' && path === '' && !req.headers.has('authorization')) {
      const body: unknown = await req.clone().json().catch(() => undefined);
      if (onlyMetadata(body)) {
        const metadataOnly = { ...opts.engine, get: () => Promise.resolve({ status: 200, body: capability }) };
        return send(await processBatch(body, metadataOnly, endpoint.baseUrl));
      }
    }

    let grantedScope: string | undefined;
    if (verify) {
      const result = await verify(bearer(req), endpoint.baseUrl);
      if (!result.ok) {
        const error = req.headers.has('authorization') ? ', error="invalid_token"' : '';
        return send(failure(401, 'login', result.reason, { 'www-authenticate': `Bearer realm="${endpoint.baseUrl}"${error}` }));
      }
      grantedScope = result.claims.scope;
    }

    // Per request: break the glass (X-Purpose-Of-Use: BTG) lifts an enforcing endpoint's withholding.
    const breakGlass = req.headers.get(PURPOSE_OF_USE_HEADER)?.trim().toUpperCase() === 'BTG';
    const enforced = opts.enforcement ? enforcingEngine(opts.engine, endpoint, opts.enforcement(), breakGlass) : opts.engine;
    // Strict mode (auth/auth-mode.ts): only what the token's scopes cover, per request and per batch entry.
    const scoped = topology.authMode === 'strict' && grantedScope !== undefined ? scopedEngine(enforced, grantedScope) : enforced;
    const engine = slowSearches(scoped, searchMs);
    try {
      if (req.method === 'GET') return send(await engine.get(`${path}${url.search}`, endpoint.baseUrl));
      if (req.method === 'POST' && path === '') {
        let body: unknown;
        try {
          body = await req.json();
        } catch {
          return send(failure(400, 'invalid', 'The request body is not JSON'));
        }
        // `GET metadata` inside a batch is answered as at the base (the viewer's probe asks it so).
        const withMetadata = { ...engine, get: (u: string, b: string) => (u.split('?')[0] === 'metadata' ? Promise.resolve({ status: 200, body: capability }) : engine.get(u, b)) };
        return send(await processBatch(body, withMetadata, endpoint.baseUrl));
      }
      const searchPost = /^([A-Za-z]+)\/_search$/.exec(path);
      if (req.method === 'POST' && searchPost) {
        // FHIR R4 search via POST: form-encoded parameters plus any in the URL.
        const form = new URLSearchParams(await req.text());
        for (const [k, v] of url.searchParams) form.append(k, v);
        return send(await engine.get(`${searchPost[1]}?${form.toString()}`, endpoint.baseUrl));
      }
      return send(failure(405, 'not-supported', `${req.method} is not allowed: this endpoint is read-only`, { allow: path === '' ? 'GET, POST' : 'GET' }));
    } catch (err) {
      console.error(`[fhir:${endpoint.id}] ${req.method} ${url.pathname}:`, err);
      return send(failure(500, 'exception', 'Internal error in the sandbox FHIR endpoint'));
    }
  };
}
