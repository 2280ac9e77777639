/**
 * What the sandbox's governance services (audit repository, objection register) share
 * with the regional endpoints: FHIR JSON answers that are never cached, CORS for the app
 * alone, open discovery, and bearer tokens checked for audience and scope.
 */
import type { CapabilityStatement } from 'fhir/r4';
import type { AccessTokenVerifier } from '../auth/verify';
import { scopeAllows } from '../audit/scopes';
import { corsHeaders, preflight } from './cors';
import { outcome } from './outcome';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function fhirResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, 'content-type': FHIR_JSON, 'cache-control': 'no-store' } });
}

export interface ServiceRequest {
  req: Request;
  url: URL;
  /** Path below the FHIR base, no leading slash ('' for the base). */
  path: string;
  cors: Record<string, string>;
  /** The token's scope string, once verified. */
  scope: string;
}

export interface ServiceOptions {
  baseUrl: string;
  appOrigin: string;
  capability: CapabilityStatement;
  smartConfiguration: Record<string, unknown>;
  verify?: AccessTokenVerifier;
}

/**
 * Routes a request: preflight, discovery and metadata answered openly; anything else only
 * with a valid token for this base, then handed to `handle`.
 */
export function serviceHandler(opts: ServiceOptions, handle: (r: ServiceRequest) => Promise<Response>): (req: Request) => Promise<Response> {
  const basePath = new URL(opts.baseUrl).pathname.replace(/\/+$/, '');
  return async (req) => {
    const origin = req.headers.get('origin');
    const cors = corsHeaders(origin, opts.appOrigin);
    if (req.method === 'OPTIONS') return preflight(origin, opts.appOrigin);
    const url = new URL(req.url);
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      return fhirResponse(404, outcome('not-found', `${url.pathname} is not under this server's FHIR base`), cors);
    }
    const path = url.pathname.slice(basePath.length).replace(/^\/+/, '');
    if (req.method === 'GET' && path === 'metadata') return fhirResponse(200, opts.capability, cors);
    if (req.method === 'GET' && path === '.well-known/smart-configuration') {
      return new Response(JSON.stringify(opts.smartConfiguration), { headers: { ...cors, 'content-type': 'application/json', 'cache-control': 'no-store' } });
    }
    let scope = '';
    if (opts.verify) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '')?.[1];
      const result = await opts.verify(token, opts.baseUrl);
      if (!result.ok) {
        const error = token ? ', error="invalid_token"' : '';
        return fhirResponse(401, outcome('login', result.reason), { ...cors, 'www-authenticate': `Bearer realm="${opts.baseUrl}"${error}` });
      }
      scope = result.claims.scope;
    } else {
      scope = 'system/*.*';
    }
    try {
      return await handle({ req, url, path, cors, scope });
    } catch (err) {
      console.error(`[${opts.baseUrl}] ${req.method} ${url.pathname}:`, err);
      return fhirResponse(500, outcome('exception', 'Internal error in the sandbox service'), cors);
    }
  };
}

/** 403 insufficient_scope (RFC 6750 §3.1) unless the token's scope allows the interaction. */
export function requireScope(r: ServiceRequest, type: string, permission: 'c' | 'r' | 's'): Response | undefined {
  if (scopeAllows(r.scope, type, permission)) return undefined;
  return fhirResponse(403, outcome('forbidden', `The token's scope does not allow this (${type}, ${permission})`), {
    ...r.cors,
    'www-authenticate': 'Bearer error="insufficient_scope"',
  });
}

export function searchset(baseUrl: string, selfUrl: string, resources: { resourceType: string; id?: string }[]): unknown {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: selfUrl }],
    ...(resources.length
      ? { entry: resources.map((resource) => ({ fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id ?? ''}`, resource, search: { mode: 'match' } })) }
      : {}),
  };
}
