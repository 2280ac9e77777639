/**
 * The privacy officer's page (home server, /privacy): the audit trail by patient and by
 * user, every event with who, why (purpose of use), what and where, and emergency
 * overrides highlighted. Everything shown came from clients, so every string is escaped.
 */
import type { AuditEvent } from 'fhir/r4';
import { escapeHtml } from '../http-util';
import { isOverride, patientNhsNumber, requestor, SDS_USER_SYSTEM, type StoredAuditEvent } from './audit-store';

const e = (s: string | undefined) => escapeHtml(s ?? '');
const nhs = (n: string | undefined) => (n ?? '').replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');
const OUTCOME: Record<string, string> = { '0': 'success', '4': 'minor failure', '8': 'serious failure', '12': 'major failure' };

function userOf(ev: AuditEvent) {
  const who = requestor(ev)?.who;
  return { key: who?.identifier?.system === SDS_USER_SYSTEM ? (who.identifier.value ?? '') : (who?.reference ?? who?.display ?? 'unknown'), name: who?.display ?? who?.reference ?? 'Unknown user', sds: who?.identifier?.value };
}

function what(ev: AuditEvent): string {
  const sub = ev.subtype?.[0];
  const kind = sub?.display ?? sub?.code ?? ev.type.display ?? ev.type.code ?? '';
  // A document opened names the document (its title and reference).
  const doc = sub?.code === 'document-opened' ? ev.entity?.find((x) => x.what?.reference && x.name) : undefined;
  return doc ? `${kind}: ${doc.name ?? ''} (${doc.what?.reference ?? ''})` : kind;
}

function query(ev: AuditEvent): string {
  const q = ev.entity?.find((x) => x.query)?.query;
  return q ? Buffer.from(q, 'base64').toString('utf8') : '';
}

function reason(ev: AuditEvent): string {
  const coded = ev.purposeOfEvent?.flatMap((p) => p.coding ?? []).find((c) => c.system?.endsWith('/override-reason'));
  const text = ev.purposeOfEvent?.find((p) => p.text)?.text ?? ev.entity?.find((x) => x.name === 'Reason given by the user')?.description;
  return [coded?.display, text].filter(Boolean).join(': ');
}

function row(s: StoredAuditEvent): string {
  const ev = s.event;
  const user = userOf(ev);
  const agent = requestor(ev);
  const server = ev.agent.find((a) => a.type?.coding?.some((c) => c.code === '110152'));
  const org = ev.agent.find((a) => a.type?.coding?.some((c) => c.code === 'PROV'));
  const override = isOverride(ev);
  const marker = ev.subtype?.some((x) => x.code === '110127') ? '<strong class="marker">EMERGENCY OVERRIDE</strong> ' : override ? '<span class="marker">under override (BTG)</span> ' : '';
  return `<tr class="${override ? 'override' : ''}">
<td>${e(ev.recorded)}</td>
<td>${e(user.name)}${user.sds ? `<br><small>SDS ${e(user.sds)}</small>` : ''}</td>
<td>${e(agent?.role?.[0]?.coding?.[0]?.display ?? agent?.role?.[0]?.coding?.[0]?.code)}<br><small>${e(org?.who?.display)}</small></td>
<td>${e(agent?.purposeOfUse?.[0]?.coding?.[0]?.code)}</td>
<td>${marker}${e(what(ev))}${reason(ev) ? `<br><small>${e(reason(ev))}</small>` : ''}</td>
<td>${e(server?.who?.display ?? '')}</td>
<td>${e(nhs(patientNhsNumber(ev)))}</td>
<td><code>${e(query(ev))}</code></td>
<td>${e(OUTCOME[ev.outcome ?? ''] ?? ev.outcome)}${ev.outcomeDesc ? `<br><small>${e(ev.outcomeDesc)}</small>` : ''}</td>
</tr>`;
}

function summary(events: StoredAuditEvent[], keyOf: (ev: AuditEvent) => { key: string; label: string }, param: string): string {
  const groups = new Map<string, { label: string; count: number; overrides: number; last: string }>();
  for (const { event } of events) {
    const { key, label } = keyOf(event);
    const g = groups.get(key) ?? { label, count: 0, overrides: 0, last: '' };
    g.count += 1;
    if (event.subtype?.some((x) => x.code === '110127')) g.overrides += 1;
    if (event.recorded > g.last) g.last = event.recorded;
    groups.set(key, g);
  }
  return [...groups]
    .map(([key, g]) => `<tr class="${g.overrides ? 'override' : ''}"><td><a href="?${param}=${encodeURIComponent(key)}">${e(g.label)}</a></td><td>${g.count}</td><td>${g.overrides}</td><td>${e(g.last)}</td></tr>`)
    .join('\n');
}

export function privacyPage(all: StoredAuditEvent[], params: URLSearchParams): string {
  const patient = params.get('patient') ?? '';
  const user = params.get('user') ?? '';
  const overridesOnly = params.get('overrides') === '1';
  const shown = all
    .filter((s) => !patient || patientNhsNumber(s.event) === patient)
    .filter((s) => !user || userOf(s.event).key === user)
    .filter((s) => !overridesOnly || isOverride(s.event))
    .reverse();
  const filter = [patient && `patient ${nhs(patient)}`, user && `user ${user}`, overridesOnly && 'overrides only'].filter(Boolean).join(', ');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Audit trail – privacy officer</title>
<style>body{font-family:Arial,sans-serif;margin:24px;color:#212b32}table{border-collapse:collapse;width:100%;margin-bottom:24px}
td,th{border-bottom:1px solid #d8dde0;padding:4px 6px;text-align:left;vertical-align:top;font-size:14px}
tr.override{background:#fde8e6}.marker{color:#d5281b}code{font-size:12px;word-break:break-all}</style></head>
<body><h1>Audit trail: every access to the shared care record</h1>
<p>${all.length} events recorded by the regional audit repository since the sandbox started. Emergency overrides are highlighted.
${filter ? `Showing ${e(filter)}. <a href="/privacy">Show everything</a>.` : ''} <a href="?overrides=1">Overrides only</a>.</p>
<h2>By patient</h2>
<table><thead><tr><th>NHS number</th><th>Events</th><th>Overrides</th><th>Last access</th></tr></thead>
<tbody>${summary(all, (ev) => ({ key: patientNhsNumber(ev) ?? '', label: nhs(patientNhsNumber(ev)) || 'no patient' }), 'patient')}</tbody></table>
<h2>By user</h2>
<table><thead><tr><th>User</th><th>Events</th><th>Overrides</th><th>Last access</th></tr></thead>
<tbody>${summary(all, (ev) => { const u = userOf(ev); return { key: u.key, label: u.sds ? `${u.name} (SDS ${u.sds})` : u.name }; }, 'user')}</tbody></table>
<h2>Events${filter ? ` (${e(filter)})` : ''}, newest first</h2>
<table><thead><tr><th>Recorded (UTC)</th><th>User</th><th>Role and organisation</th><th>Purpose</th><th>Event</th><th>Server</th><th>Patient</th><th>Query</th><th>Outcome</th></tr></thead>
<tbody>${shown.map(row).join('\n')}</tbody></table>
</body></html>`;
}
