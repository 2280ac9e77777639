import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EndpointPool } from './endpoint-pool';
import { parseFault } from './faults';
import { readBody, sendJson } from './http-util';

/**
 * The sandbox's control API, on the home server (loopback only, no CORS: for tests and
 * curl, not for the app):
 *   GET /admin/faults               every endpoint's current fault
 *   PUT /admin/faults/<endpointId>  {"mode": "hang", "latencyMs": 0}
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, pool: EndpointPool): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (!path.startsWith('/admin/')) return false;
  if (req.method === 'GET' && path === '/admin/faults') {
    sendJson(res, 200, pool.all());
    return true;
  }
  const m = /^\/admin\/faults\/([\w-]+)$/.exec(path);
  if (req.method === 'PUT' && m) {
    try {
      const fault = parseFault(JSON.parse(await readBody(req)));
      await pool.setFault(m[1]!, fault);
      sendJson(res, 200, { [m[1]!]: fault });
    } catch (err) {
      sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
    }
    return true;
  }
  sendJson(res, 404, { error: 'unknown admin route' });
  return true;
}
