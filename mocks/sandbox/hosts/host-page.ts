import type { SandboxHost, SandboxEndpoint } from '../topology';
import { escapeHtml } from '../http-util';

export interface HostPatientRow {
  /** Patient.id at the host's own FHIR endpoint. */
  id: string;
  /** As the host shows it: FAMILY, Given. */
  name: string;
  birthDate: string;
  nhsNumber: string;
}

/**
 * A host system's page: its own header, the signed-in user, a patient list, and the
 * frame the viewer opens in, filling the width the page has beside the list (below it
 * in a narrow window), as EHRs give an embedded app its panel. Host systems embed SMART apps in an iframe; "Open in new
 * window" is the other launch style EHRs offer. The page asks its own server for a
 * launch (POST /launch), which binds the patient to an opaque launch id, then points
 * the frame at the app's launch URL with `iss` and `launch` (SMART App Launch 2.2, EHR
 * launch).
 */
export function hostPage(host: SandboxHost, endpoint: SandboxEndpoint, patients: HostPatientRow[]): string {
  const u = host.user;
  const rows = patients
    .map(
      (p) => `<tr>
  <td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.birthDate)}</td><td>${escapeHtml(p.nhsNumber)}</td>
  <td><button type="button" data-patient="${escapeHtml(p.id)}" aria-label="Open My Care Record for ${escapeHtml(p.name)}">Open My Care Record</button>
      <button type="button" data-patient="${escapeHtml(p.id)}" data-window="new" aria-label="Open My Care Record in a new window for ${escapeHtml(p.name)}">New window</button></td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(host.systemName)} — ${escapeHtml(endpoint.organisationName)}</title>
<style>
 body{font-family:Arial,sans-serif;margin:0;background:#eef1f4;color:#222}
 header{background:${HEADER_COLOURS[host.id]};color:#fff;padding:8px 16px;display:flex;justify-content:space-between;align-items:center}
 header h1{font-size:18px;margin:0} main{display:flex;flex-wrap:wrap;gap:12px;padding:12px}
 section.list{flex:0 0 430px;max-width:100%;box-sizing:border-box;max-height:calc(100vh - 80px);overflow:auto;background:#fff;padding:8px}
 section.viewer{flex:1 1 600px;min-width:0}
 table{border-collapse:collapse;font-size:13px;width:100%} td,th{padding:3px 4px;border-bottom:1px solid #ddd;text-align:left}
 iframe{display:block;box-sizing:border-box;width:100%;height:max(700px, calc(100vh - 110px));border:1px solid #888;background:#fff}
 #status{font-size:13px;min-height:1.2em}
</style></head>
<body>
<header><h1>${escapeHtml(host.systemName)} · ${escapeHtml(endpoint.organisationName)}</h1>
<div id="user">Signed in: ${escapeHtml(`${u.prefix} ${u.given} ${u.family.toUpperCase()}`)} (${escapeHtml(u.roleDisplay)})</div></header>
<main>
<section class="list" aria-label="Patient list"><h2>Patients</h2>
<table><thead><tr><th>Name</th><th>Born</th><th>NHS number</th><th></th></tr></thead><tbody>
${rows}
</tbody></table></section>
<section class="viewer" aria-label="My Care Record"><p id="status" role="status"></p>
<iframe id="app-frame" title="My Care Record" src="about:blank"></iframe></section>
</main>
<script>
document.addEventListener('click', async (ev) => {
  const b = ev.target.closest('button[data-patient]');
  if (!b) return;
  const status = document.getElementById('status');
  status.textContent = 'Opening My Care Record…';
  const newWindow = b.dataset.window === 'new';
  // Open the window inside the click so pop-up blockers allow it, then navigate it.
  const win = newWindow ? window.open('about:blank', '_blank') : null;
  try {
    const r = await fetch('/launch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ patient: b.dataset.patient }) });
    if (!r.ok) throw new Error('launch refused (' + r.status + ')');
    const { url } = await r.json();
    if (win) win.location.href = url; else document.getElementById('app-frame').src = url;
    status.textContent = '';
  } catch (e) { status.textContent = 'Could not open My Care Record: ' + e.message; if (win) win.close(); }
});
</script>
</body></html>`;
}

const HEADER_COLOURS: Record<SandboxHost['id'], string> = {
  gp: '#00563f',
  hospital: '#2d3e6b',
  'social-care': '#6b2d5c',
};
