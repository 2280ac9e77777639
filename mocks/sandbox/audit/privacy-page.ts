/**
 * The privacy officer's page (home server, /privacy): the audit trail, filtered by
 * patient, user, organisation, date and outcome, a page at a time; each event with who,
 * the patient's name beside their NHS number, local UK time, what happened and why in
 * words (not codes), and the basis the user recorded for that viewing. Overrides,
 * reveals and refusals are highlighted; the current filter downloads as CSV for an
 * investigation. Everything shown came from clients, so every string is escaped.
 */
import type { AuditEvent } from 'fhir/r4';
import { escapeHtml } from '../http-util';
import { isOverride, patientNhsNumber, requestor, SDS_USER_SYSTEM, type StoredAuditEvent } from './audit-store';

const e = (s: string | undefined) => escapeHtml(s ?? '');
const nhs = (n: string | undefined) => (n ?? '').replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');

export const PAGE_SIZE = 50;

/** HL7 v3-ActReason purposes of use, in words. */
const PURPOSE: Record<string, string> = {
  TREAT: 'Treatment', ETREAT: 'Emergency treatment', BTG: 'Break the glass (emergency override)', HLEGAL: 'Legal requirement', COC: 'Coordination of care',
};
/** FHIR AuditEvent.outcome (audit-event-outcome), in words. */
const OUTCOME: Record<string, string> = { '0': 'Succeeded', '4': 'Failed (minor)', '8': 'Failed (serious)', '12': 'Failed (major)' };
/** The viewer's permission bases (domain/policy/permission.ts), in words. */
const BASIS: Record<string, string> = {
  'patient-consented': 'Patient gave permission',
  'best-interests': 'Best interests (patient cannot be asked)',
  'patient-refused': 'Patient refused permission',
  'confirming-death': 'Patient has died: confirming or certifying the death',
  safeguarding: 'Patient has died: safeguarding',
  'care-of-family': 'Patient has died: care of the family',
};
const WHAT: Record<string, string> = {
  search: 'Searched records',
  read: 'Read a record',
  '110127': 'Emergency override of an objection',
  'permission-to-view': 'Recorded the basis for viewing',
  'restricted-revealed': 'Revealed restricted items',
  'asked-every-organisation': 'Asked every organisation',
  'records-not-shown': 'Records received and not shown',
};

export type Highlight = 'override' | 'reveal' | 'refusal' | 'failure' | '';

export interface PrivacyPageOptions {
  /** The patient's name for an NHS number, where the region knows it. */
  patientName?: (nhsNumber: string) => string | undefined;
  /** The clock for nothing but tests: times are shown in Europe/London. */
  timeZone?: string;
}

export interface AuditRow {
  recorded: string;
  /** Local UK time in words: `21 Nov 2026, 10:00:00 GMT`. */
  local: string;
  userKey: string;
  user: string;
  sds?: string;
  role: string;
  userOrganisation: string;
  purpose: string;
  what: string;
  reason: string;
  organisation: string;
  nhsNumber: string;
  patient: string;
  query: string;
  outcome: string;
  outcomeDetail: string;
  failed: boolean;
  basis: string;
  highlight: Highlight;
}

function userOf(ev: AuditEvent) {
  const who = requestor(ev)?.who;
  return {
    key: who?.identifier?.system === SDS_USER_SYSTEM ? (who.identifier.value ?? '') : (who?.reference ?? who?.display ?? 'unknown'),
    name: who?.display ?? who?.reference ?? 'Unknown user',
    sds: who?.identifier?.value,
  };
}

const subtypeOf = (ev: AuditEvent) => ev.subtype?.[0]?.code ?? '';

/** A document opened names the document: "Document opened: <title> (<reference>)". */
function documentOpened(ev: AuditEvent): string | undefined {
  const sub = ev.subtype?.[0];
  if (sub?.code !== 'document-opened') return undefined;
  const doc = ev.entity?.find((x) => x.what?.reference && x.name);
  return doc ? `${sub.display ?? 'Document opened'}: ${doc.name ?? ''} (${doc.what?.reference ?? ''})` : undefined;
}

function basisOf(ev: AuditEvent): string | undefined {
  const detail = ev.entity?.flatMap((x) => x.detail ?? []).find((d) => d.type === 'basis')?.valueString;
  return detail?.split('|').pop();
}

/** The X-Request-Id the viewer sent with a query (BALP transaction entity), if any. */
function transactionOf(ev: AuditEvent): string | undefined {
  return ev.entity?.find((x) => x.type?.code === 'XrequestId')?.what?.identifier?.value;
}

/**
 * The viewer writes a query's event as the query goes (outcome 0: it was asked), and a
 * second one with the same request id and query if it then failed (docs/adr/0005, 0012).
 * The first of such a pair is shown as asked, then failed, not as a success.
 */
function failedLater(all: readonly StoredAuditEvent[]): (ev: AuditEvent) => boolean {
  const failures = new Set(
    all.flatMap(({ event }) => {
      const id = transactionOf(event);
      return id && (event.outcome ?? '0') !== '0' ? [`${id}|${query(event)}`] : [];
    }),
  );
  return (ev) => {
    const id = transactionOf(ev);
    return (ev.outcome ?? '0') === '0' && id !== undefined && failures.has(`${id}|${query(ev)}`);
  };
}

/**
 * What was asked or shown: the query as sent, or, for a reveal, the items revealed (the
 * event's domain-resource entities), so the privacy officer sees which record was opened.
 */
function query(ev: AuditEvent): string {
  const q = ev.entity?.find((x) => x.query)?.query;
  if (q) return Buffer.from(q, 'base64').toString('utf8');
  // Why an organisation's answer was set aside: the objection, or that it could not be checked.
  if (subtypeOf(ev) === 'records-not-shown') return ev.entity?.find((x) => x.name === 'Records not shown')?.description ?? '';
  if (subtypeOf(ev) !== 'restricted-revealed') return '';
  const items = (ev.entity ?? []).filter((x) => x.role?.code === '4' && x.what?.reference).map((x) => x.what!.reference!);
  return items.length > 0 ? `Items revealed: ${items.join(', ')}` : '';
}

function reason(ev: AuditEvent): string {
  const coded = ev.purposeOfEvent?.flatMap((p) => p.coding ?? []).find((c) => c.system?.endsWith('/override-reason'));
  const text = ev.purposeOfEvent?.find((p) => p.text)?.text ?? ev.entity?.find((x) => x.name === 'Reason given by the user')?.description;
  return [coded?.display, text].filter(Boolean).join(': ');
}

/** Local UK time (GMT or BST), as the privacy officer's investigation will quote it. */
export function ukTime(iso: string, timeZone = 'Europe/London'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZoneName: 'short' })
    .format(d)
    .replace(/ at /, ', ');
}

/** The London calendar day of an instant, `YYYY-MM-DD`, for the date filter. */
function ukDay(iso: string, timeZone = 'Europe/London'): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * Every event as a row in words, oldest first. The basis for a viewing is the latest
 * permission the same user recorded for the same patient at or before the event.
 */
export function auditRows(all: StoredAuditEvent[], opts: PrivacyPageOptions = {}): AuditRow[] {
  const latestBasis = new Map<string, string>();
  const askedThenFailed = failedLater(all);
  return [...all]
    .sort((a, b) => a.event.recorded.localeCompare(b.event.recorded))
    .map(({ event: ev }) => {
      const user = userOf(ev);
      const agent = requestor(ev);
      const nhsNumber = patientNhsNumber(ev) ?? '';
      const sessionKey = `${user.key}|${nhsNumber}`;
      const sub = subtypeOf(ev);
      const ownBasis = sub === 'permission-to-view' ? basisOf(ev) : undefined;
      if (ownBasis) latestBasis.set(sessionKey, ownBasis);
      const basisCode = ownBasis ?? latestBasis.get(sessionKey);
      const server = ev.agent.find((a) => a.type?.coding?.some((c) => c.code === '110152'));
      const org = ev.agent.find((a) => a.type?.coding?.some((c) => c.code === 'PROV'));
      const overrideOrg = ev.entity?.find((x) => x.type?.code === '3')?.what?.display;
      const purposeCode = agent?.purposeOfUse?.[0]?.coding?.[0]?.code ?? '';
      const thenFailed = askedThenFailed(ev);
      const failed = (ev.outcome ?? '0') !== '0' || thenFailed;
      const highlight: Highlight =
        sub === '110127' ? 'override' : sub === 'restricted-revealed' ? 'reveal' : ownBasis === 'patient-refused' ? 'refusal' : failed ? 'failure' : isOverride(ev) ? 'override' : '';
      const name = nhsNumber ? opts.patientName?.(nhsNumber) : undefined;
      return {
        recorded: ev.recorded,
        local: ukTime(ev.recorded, opts.timeZone),
        userKey: user.key,
        user: user.name,
        sds: user.sds,
        role: agent?.role?.[0]?.coding?.[0]?.display ?? agent?.role?.[0]?.coding?.[0]?.code ?? '',
        userOrganisation: org?.who?.display ?? '',
        purpose: PURPOSE[purposeCode] ?? purposeCode,
        what: documentOpened(ev) ?? WHAT[sub] ?? ev.subtype?.[0]?.display ?? ev.type.display ?? ev.type.code ?? '',
        reason: reason(ev),
        organisation: server?.who?.display ?? overrideOrg ?? '',
        nhsNumber,
        patient: nhsNumber ? `${name ?? 'Name not known'} (${nhs(nhsNumber)})` : 'No patient',
        query: query(ev),
        outcome: thenFailed ? 'Asked, then failed (next event)' : (OUTCOME[ev.outcome ?? ''] ?? ev.outcome ?? ''),
        outcomeDetail: ev.outcomeDesc ?? '',
        failed,
        basis: basisCode ? (BASIS[basisCode] ?? basisCode) : 'Not recorded',
        highlight,
      };
    });
}

export interface AuditFilter {
  patient: string;
  user: string;
  organisation: string;
  from: string;
  to: string;
  outcome: '' | 'succeeded' | 'failed';
  kind: '' | 'override' | 'reveal' | 'refusal';
}

export function readFilter(params: URLSearchParams): AuditFilter {
  const get = (k: string) => (params.get(k) ?? '').trim();
  const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(get(k)) ? get(k) : '');
  const outcome = get('outcome');
  const kind = get('kind') || (params.get('overrides') === '1' ? 'override' : '');
  return {
    patient: get('patient').replace(/\s+/g, ''),
    user: get('user'),
    organisation: get('organisation'),
    from: date('from'),
    to: date('to'),
    outcome: outcome === 'succeeded' || outcome === 'failed' ? outcome : '',
    kind: kind === 'override' || kind === 'reveal' || kind === 'refusal' ? kind : '',
  };
}

export function filterRows(rows: AuditRow[], f: AuditFilter, timeZone?: string): AuditRow[] {
  return rows.filter((r) => {
    if (f.patient && r.nhsNumber !== f.patient) return false;
    if (f.user && r.userKey !== f.user) return false;
    if (f.organisation && r.organisation !== f.organisation && r.userOrganisation !== f.organisation) return false;
    if (f.from || f.to) {
      const day = ukDay(r.recorded, timeZone);
      if ((f.from && day < f.from) || (f.to && day > f.to)) return false;
    }
    if (f.outcome === 'succeeded' && r.failed) return false;
    if (f.outcome === 'failed' && !r.failed) return false;
    if (f.kind && r.highlight !== f.kind) return false;
    return true;
  });
}

const CSV_COLUMNS: [string, (r: AuditRow) => string][] = [
  ['Recorded (UTC)', (r) => r.recorded],
  ['Recorded (UK time)', (r) => r.local],
  ['User', (r) => r.user],
  ['SDS user ID', (r) => r.sds ?? ''],
  ['Role', (r) => r.role],
  ['User organisation', (r) => r.userOrganisation],
  ['Patient', (r) => r.patient],
  ['NHS number', (r) => r.nhsNumber],
  ['Event', (r) => r.what],
  ['Basis for viewing', (r) => r.basis],
  ['Purpose', (r) => r.purpose],
  ['Reason given', (r) => r.reason],
  ['Organisation asked', (r) => r.organisation],
  ['Query', (r) => r.query],
  ['Outcome', (r) => r.outcome],
  ['Outcome detail', (r) => r.outcomeDetail],
];

/**
 * RFC 4180 CSV of the rows. A cell a spreadsheet would run as a formula (=, +, -, @) is
 * prefixed with an apostrophe (OWASP CSV injection), since every string came from a client.
 */
export function auditCsv(rows: AuditRow[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [CSV_COLUMNS.map(([h]) => h), ...rows.map((r) => CSV_COLUMNS.map(([, f]) => f(r)))].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

const MARK: Record<Exclude<Highlight, ''>, string> = { override: 'EMERGENCY OVERRIDE', reveal: 'RESTRICTED ITEMS REVEALED', refusal: 'PATIENT REFUSED', failure: 'FAILED' };

function row(r: AuditRow): string {
  const label = r.highlight === 'override' && r.what !== WHAT['110127'] ? 'RETRIEVED UNDER OVERRIDE' : r.highlight ? MARK[r.highlight] : '';
  const marker = label ? `<strong class="marker marker-${r.highlight}">${label}</strong><br>` : '';
  return `<tr class="${r.highlight}">
<td>${e(r.local)}</td>
<td>${e(r.user)}${r.sds ? `<br><small>SDS ${e(r.sds)}</small>` : ''}<br><small>${e(r.role)}${r.userOrganisation ? `, ${e(r.userOrganisation)}` : ''}</small></td>
<td>${e(r.patient)}</td>
<td>${marker}${e(r.what)}${r.reason ? `<br><small>${e(r.reason)}</small>` : ''}</td>
<td>${e(r.basis)}<br><small>Purpose: ${e(r.purpose)}</small></td>
<td>${e(r.organisation)}${r.query ? `<br><code>${e(r.query)}</code>` : ''}</td>
<td>${e(r.outcome)}${r.outcomeDetail ? `<br><small>${e(r.outcomeDetail)}</small>` : ''}</td>
</tr>`;
}

function options(values: { value: string; label: string }[], selected: string, any: string): string {
  return [`<option value="">${e(any)}</option>`, ...values.map((v) => `<option value="${e(v.value)}"${v.value === selected ? ' selected' : ''}>${e(v.label)}</option>`)].join('');
}

function href(f: AuditFilter, extra: Record<string, string>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  return `?${p.toString()}`;
}

/** The page, or (with `format=csv` in the parameters) what the download holds. */
export function privacyPage(all: StoredAuditEvent[], params: URLSearchParams, opts: PrivacyPageOptions = {}): string {
  const rows = auditRows(all, opts);
  const f = readFilter(params);
  const shown = filterRows(rows, f, opts.timeZone).reverse();
  if (params.get('format') === 'csv') return auditCsv(shown);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const slice = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const users = [...new Map(rows.map((r) => [r.userKey, { value: r.userKey, label: r.sds ? `${r.user} (SDS ${r.sds})` : r.user }])).values()].sort((a, b) => a.label.localeCompare(b.label));
  const orgs = [...new Set(rows.flatMap((r) => [r.organisation, r.userOrganisation]).filter(Boolean))].sort().map((o) => ({ value: o, label: o }));
  const patients = [...new Map(rows.filter((r) => r.nhsNumber).map((r) => [r.nhsNumber, { value: r.nhsNumber, label: r.patient }])).values()].sort((a, b) => a.label.localeCompare(b.label));
  // An override is its own event; the queries made under it are counted apart, not as more overrides.
  const counts = { override: 0, underOverride: 0, reveal: 0, refusal: 0, failure: 0 };
  for (const r of shown) {
    if (r.highlight === 'override' && r.what !== WHAT['110127']) counts.underOverride += 1;
    else if (r.highlight) counts[r.highlight] += 1;
  }
  const filtered = Object.values(f).some(Boolean);
  const first = shown.length === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(page * PAGE_SIZE, shown.length);
  const nav = (where: string) => pages > 1
    ? `<nav class="pages" aria-label="Pages of events, ${where}">
${page > 1 ? `<a href="${e(href(f, { page: String(page - 1) }))}" rel="prev">Previous page</a>` : ''}
<span>Page ${page} of ${pages}</span>
${page < pages ? `<a href="${e(href(f, { page: String(page + 1) }))}" rel="next">Next page</a>` : ''}
</nav>`
    : '';
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Audit trail – privacy officer</title>
<style>body{font-family:Arial,sans-serif;margin:16px 24px;color:#212b32}table{border-collapse:collapse;width:100%;margin-bottom:16px}
td,th{border-bottom:1px solid #d8dde0;padding:4px 6px;text-align:left;vertical-align:top;font-size:14px}
tr.override{background:#fde8e6}tr.reveal{background:#fff4d6}tr.refusal{background:#e8edee}tr.failure{background:#f7e3e3}
.marker{font-size:12px}.marker-override,.marker-failure{color:#b3210f}.marker-reveal{color:#7a4b00}.marker-refusal{color:#212b32}
code{font-size:12px;word-break:break-all}form.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end;padding:12px;background:#f0f4f5;margin-bottom:12px}
form.filters .field{display:flex;flex-direction:column;gap:2px}form.filters label{font-size:14px;font-weight:bold}form.filters input,form.filters select{font:inherit;font-weight:normal;padding:4px;border:2px solid #4c6272;max-width:100%}
button{font:inherit;padding:6px 14px;background:#007f3b;color:#fff;border:0;border-bottom:3px solid #00401e;border-radius:4px;cursor:pointer}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #ffeb3b;box-shadow:0 4px #212b32}
.pages{display:flex;gap:16px;align-items:center;margin:8px 0}.summary{margin:8px 0}
@media (max-width:40em){body{margin:8px}thead{display:none}tr,td{display:block}td{border:0;padding:2px 4px}tr{border-bottom:2px solid #d8dde0;padding:6px 0}}</style></head>
<body><main><h1>Audit trail: every access to the shared care record</h1>
<p>${all.length} events recorded by the regional audit repository since the sandbox started. Times are UK local time (GMT or BST).
Emergency overrides, revealed restricted items, refusals and failures are highlighted.</p>
<form class="filters" method="get" action="/privacy" aria-label="Filter the audit trail">
<div class="field"><label for="f-patient">Patient</label><select id="f-patient" name="patient">${options(patients, f.patient, 'All patients')}</select></div>
<div class="field"><label for="f-user">User</label><select id="f-user" name="user">${options(users, f.user, 'All users')}</select></div>
<div class="field"><label for="f-organisation">Organisation</label><select id="f-organisation" name="organisation">${options(orgs, f.organisation, 'All organisations')}</select></div>
<div class="field"><label for="f-from">From (date)</label><input type="date" id="f-from" name="from" value="${e(f.from)}"></div>
<div class="field"><label for="f-to">To (date)</label><input type="date" id="f-to" name="to" value="${e(f.to)}"></div>
<div class="field"><label for="f-outcome">Outcome</label><select id="f-outcome" name="outcome">${options([{ value: 'succeeded', label: 'Succeeded' }, { value: 'failed', label: 'Failed' }], f.outcome, 'Any outcome')}</select></div>
<div class="field"><label for="f-kind">Kind</label><select id="f-kind" name="kind">${options([{ value: 'override', label: 'Emergency overrides' }, { value: 'reveal', label: 'Restricted items revealed' }, { value: 'refusal', label: 'Patient refused' }], f.kind, 'Every event')}</select></div>
<button type="submit">Apply filters</button>
${filtered ? '<a href="/privacy">Clear filters</a>' : ''}
</form>
<h2 id="events">Events, newest first</h2>
<p class="summary" role="status">${shown.length === 0 ? (filtered ? 'No events match these filters.' : 'No events recorded yet.') : `Showing events ${first} to ${last} of ${shown.length}${filtered ? ' matching the filters' : ''}.`}
In these: ${counts.override} emergency override${counts.override === 1 ? '' : 's'}${counts.underOverride > 0 ? ` (${counts.underOverride} ${counts.underOverride === 1 ? 'query' : 'queries'} retrieved under override)` : ''}, ${counts.reveal} reveal${counts.reveal === 1 ? '' : 's'}, ${counts.refusal} refusal${counts.refusal === 1 ? '' : 's'}, ${counts.failure} failure${counts.failure === 1 ? '' : 's'}.
<a href="${e(href(f, { format: 'csv' }))}" download="audit-trail.csv">Download these ${shown.length} events (CSV)</a></p>
${nav('above the table')}
<table aria-labelledby="events"><thead><tr><th scope="col">When (UK time)</th><th scope="col">User</th><th scope="col">Patient</th><th scope="col">Event</th><th scope="col">Basis for viewing</th><th scope="col">Organisation and query</th><th scope="col">Outcome</th></tr></thead>
<tbody>${slice.map(row).join('\n')}</tbody></table>
${nav('below the table')}
</main></body></html>`;
}
