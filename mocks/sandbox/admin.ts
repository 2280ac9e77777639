import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EndpointPool } from './endpoint-pool';
import { HEALTHY, parseFault } from './faults';
import { readBody, sendJson } from './http-util';

/**
 * The sandbox's control API, on the home server (loopback only, no CORS: for tests and
 * curl, not for the app; a page on another origin cannot send the PUT or read the GET):
 *   GET    /admin/faults               every endpoint's current fault
 *   GET    /admin/faults/<endpointId>  one endpoint's fault
 *   PUT    /admin/faults/<endpointId>  {"mode": "hang", "latencyMs": 0}; takes effect at the next request
 *   DELETE /admin/faults               every endpoint healthy again
 * Errors are 400 (bad fault, naming the field) or 404 (unknown endpoint or route).
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, pool: EndpointPool): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (!path.startsWith('/admin/')) return false;
  const ids = Object.keys(pool.all());
  if (path === '/admin/faults' && req.method === 'GET') {
    sendJson(res, 200, pool.all());
    return true;
  }
  if (path === '/admin/faults' && req.method === 'DELETE') {
    await Promise.all(ids.map((id) => pool.setFault(id, HEALTHY)));
    sendJson(res, 200, pool.all());
    return true;
  }
  const m = /^\/admin\/faults\/([\w-]+)$/.exec(path);
  if (m && !ids.includes(m[1]!)) {
    sendJson(res, 404, { error: `unknown endpoint "${m[1]}" (known: ${ids.join(', ')})` });
    return true;
  }
  if (m && req.method === 'GET') {
    sendJson(res, 200, { [m[1]!]: pool.fault(m[1]!) });
    return true;
  }
  if (m && req.method === 'PUT') {
    let fault;
    try {
      const raw = await readBody(req, 10_000);
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new Error('the body must be JSON, e.g. {"mode": "hang", "latencyMs": 0}');
      }
      fault = parseFault(json);
    } catch (err) {
      sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
      return true;
    }
    await pool.setFault(m[1]!, fault);
    sendJson(res, 200, { [m[1]!]: fault });
    return true;
  }
  sendJson(res, m ? 405 : 404, { error: m ? `${req.method ?? ''} is not allowed here: use GET or PUT` : 'unknown admin route' });
  return true;
}
