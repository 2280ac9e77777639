import type { SandboxTopology } from './topology';
import { escapeHtml } from './http-util';

/** The sandbox's front door: the one URL `npm start` prints. */
export function homePage(t: SandboxTopology): string {
  const hosts = t.hosts
    .map((h) => {
      const e = t.endpoints.find((x) => x.id === h.endpointId);
      return `<li><a href="${escapeHtml(h.origin)}/">${escapeHtml(h.name)}: ${escapeHtml(h.systemName)}</a>
        at ${escapeHtml(e?.organisationName ?? '')}, signed in as ${escapeHtml(`${h.user.prefix} ${h.user.given} ${h.user.family}`)} (${escapeHtml(h.user.roleDisplay)})</li>`;
    })
    .join('\n');
  const endpoints = t.endpoints
    .map(
      (e) => `<tr><td>${escapeHtml(e.organisationName)}</td><td>${escapeHtml(e.kind)}</td><td>${escapeHtml(e.region)}</td>
        <td><a href="${escapeHtml(e.baseUrl)}/metadata">${escapeHtml(e.baseUrl)}</a></td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>My Care Record sandbox</title>
<style>body{font-family:Arial,sans-serif;max-width:960px;margin:24px auto;color:#222}td,th{padding:4px 8px;text-align:left}</style></head>
<body><h1>My Care Record sandbox</h1>
<p>A simulated world of host systems, a SMART authorisation server and regional FHIR endpoints,
all on this machine and holding synthetic data only. Open a host system, pick a patient and
open My Care Record.</p>
<h2>Host systems</h2><ul>${hosts}</ul>
<h2>Regional FHIR endpoints</h2>
<table><thead><tr><th>Organisation</th><th>Kind</th><th>Region</th><th>FHIR base</th></tr></thead><tbody>${endpoints}</tbody></table>
<h2>Other parts</h2><ul>
<li>SMART authorisation server: <a href="${escapeHtml(t.authIssuer)}/.well-known/openid-configuration">${escapeHtml(t.authIssuer)}</a></li>
<li>The app: ${escapeHtml(t.appOrigin)} (launch URL ${escapeHtml(t.launchUrl)})</li>
<li>Audit repository (AuditEvents of every access): ${escapeHtml(t.audit.baseUrl)}; the privacy officer's view: <a href="/privacy">audit trail by patient and by user</a></li>
<li>Objection register (patients' objections to sharing, as Consent): ${escapeHtml(t.objectionRegister.baseUrl)}</li>
</ul></body></html>`;
}
