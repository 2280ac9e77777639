/**
 * Serves one regional FHIR endpoint on 127.0.0.1:endpoint.port by adapting node:http
 * to the WHATWG handler (handler.ts), so the running sandbox and the MSW unit tests
 * exercise exactly the same code.
 */
import type { IncomingMessage } from 'node:http';
import { listenLocal, readBody } from '../http-util';
import { createFhirHandler, type FhirEndpointOptions } from './handler';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

export type FhirHandler = (req: Request) => Promise<Response>;

/** `wrap` lets the sandbox put fault injection in front of the real handler. */
export async function startFhirEndpoint(
  opts: FhirEndpointOptions,
  wrap: (h: FhirHandler) => FhirHandler = (h) => h,
): Promise<{ close(): Promise<void> }> {
  return serveHandler(opts.endpoint.port, opts.endpoint.baseUrl, wrap(createFhirHandler(opts)), `fhir:${opts.endpoint.id}`);
}

/** Any WHATWG handler on 127.0.0.1:port (the governance services use it too). */
export async function serveHandler(port: number, baseUrl: string, handle: FhirHandler, name: string): Promise<{ close(): Promise<void> }> {
  const origin = new URL(baseUrl).origin;
  return listenLocal(
    port,
    async (req, res) => {
      const method = req.method ?? 'GET';
      const body = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? undefined : await readBody(req);
      const response = await handle(new Request(`${origin}${req.url ?? '/'}`, { method, headers: requestHeaders(req), body }));
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    },
    name,
  );
}
