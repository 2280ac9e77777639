/**
 * The governance part of the sandbox's control API and the privacy officer's page, on the
 * home server (loopback only; for tests, curl and the privacy officer, not for the app):
 *   GET  /privacy[?patient=&user=&organisation=&from=&to=&outcome=&kind=&page=]  the audit trail as a page
 *   GET  /privacy?…&format=csv  the same filter as a CSV download
 *   GET  /admin/audit-events                 every AuditEvent received, in order, with receivedAt
 *   GET  /admin/enforcement                  each endpoint's server-side enforcement
 *   PUT  /admin/enforcement/<endpointId>     {"objections": true, "labels": false}
 *   GET  /admin/service-faults               the audit repository's, the register's and the locator's fault
 *   PUT  /admin/service-faults/<audit|objection-register|record-locator>  {"mode": "http-500"}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { privacyPage } from './audit/privacy-page';
import type { EnforcementSettings } from './fhir/enforcement';
import { parseEnforcement } from './fhir/enforcement';
import type { GovernanceServices } from './governance-services';
import { parseServiceFault } from './governance-services';
import { readBody, sendHtml, sendJson } from './http-util';

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, 10_000);
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error('the body must be JSON');
  }
}

export async function handleGovernanceAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  services: GovernanceServices,
  enforcement: EnforcementSettings,
  patientName?: (nhsNumber: string) => string | undefined,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname;
  if (path === '/privacy' && req.method === 'GET') {
    const body = privacyPage(services.auditStore.all(), url.searchParams, { patientName });
    if (url.searchParams.get('format') === 'csv') {
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit-trail.csv"', 'cache-control': 'no-store' });
      res.end(body);
    } else sendHtml(res, 200, body);
    return true;
  }
  if (path === '/admin/audit-events' && req.method === 'GET') {
    sendJson(res, 200, services.auditStore.all());
    return true;
  }
  if (path === '/admin/enforcement' && req.method === 'GET') {
    sendJson(res, 200, enforcement.all());
    return true;
  }
  if (path === '/admin/service-faults' && req.method === 'GET') {
    sendJson(res, 200, Object.fromEntries(services.ids().map((id) => [id, { mode: services.fault(id) }])));
    return true;
  }
  const e = /^\/admin\/enforcement\/([\w-]+)$/.exec(path);
  const f = /^\/admin\/service-faults\/([\w-]+)$/.exec(path);
  if ((!e && !f) || req.method !== 'PUT') return false;
  try {
    const body = await jsonBody(req);
    if (e) {
      enforcement.set(e[1]!, parseEnforcement(body));
      sendJson(res, 200, { [e[1]!]: enforcement.get(e[1]!) });
    } else {
      await services.setFault(f![1]!, parseServiceFault(body));
      sendJson(res, 200, { [f![1]!]: { mode: services.fault(f![1]!) } });
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    sendJson(res, /^unknown (endpoint|service)/.test(message) ? 404 : 400, { error: message });
  }
  return true;
}
