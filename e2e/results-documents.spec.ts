import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import type { AuditEvent, DocumentReference } from 'fhir/r4';
import { auditEvents, launchComplete, resetGovernance, saveScreenshot, setEnforcement, sourceLine } from './helpers';
import { topology, world } from './sandbox';

/**
 * Issue "Tests and letters already done elsewhere": results grouped with a trend across
 * organisations and a critical value in words; a PDF letter opened, drawn in the page,
 * its AuditEvent stored before it shows and nothing stored after; a hostile HTML letter
 * that runs nothing; labelled documents withheld and counted.
 */

test.afterEach(resetGovernance);

const RESULTS = world.cases.results;
const person = world.people.find((p) => p.key === RESULTS)!;
const docAt = (endpointId: string, title: string) =>
  world.byEndpoint[endpointId]!.find((r): r is DocumentReference => r.resourceType === 'DocumentReference' && r.description === title && JSON.stringify(r).includes(`"Patient/${person.patientIds[endpointId]}"`))!;
const base = (endpointId: string) => topology.endpoints.find((e) => e.id === endpointId)!.baseUrl;
const documentsOf = (events: { event: AuditEvent }[]) => events.filter(({ event }) => event.subtype?.some((s) => s.code === 'document-opened'));

function results(app: FrameLocator) {
  return app.getByRole('region', { name: 'Results', exact: true });
}
function documents(app: FrameLocator) {
  return app.getByRole('region', { name: 'Documents', exact: true });
}

test('results are grouped by test, latest first, with a trend spanning two organisations and the critical value flagged in words', async ({ page }) => {
  const { app } = await launchComplete(page, 'gp', RESULTS);
  const inr = results(app).getByRole('region', { name: 'International normalised ratio' });
  // Nine results at the GP's clinic and three at the hospital, in one group, latest first.
  await expect(inr.getByRole('row')).toHaveCount(1 + 12);
  await expect(inr.getByRole('row').nth(1)).toContainText('Riverside Medical Practice');
  await expect(inr.getByRole('img')).toHaveAccessibleName(/International normalised ratio: 12 values from (Riverside Medical Practice and Ouse Valley Hospitals NHS Foundation Trust|Ouse Valley Hospitals NHS Foundation Trust and Riverside Medical Practice).*Shaded: reference range from 2 to 3/);
  const potassium = results(app).getByRole('region', { name: 'Serum potassium level' });
  await expect(potassium.getByRole('row').filter({ hasText: '6.8 mmol/L' })).toContainText('Critical high');
  await expect(potassium.getByRole('row').filter({ hasText: '6.8 mmol/L' })).toContainText('Ouse Valley Hospitals NHS Foundation Trust');
  // Haemoglobin came in g/dL once: converted for the picture through UCUM, said so, and shown as sent in the table.
  const hb = results(app).getByRole('region', { name: 'Haemoglobin concentration' });
  await expect(hb).toContainText('converted to g/L for the picture using UCUM');
  await expect(hb.getByRole('row').filter({ hasText: '14.1 g/dL' })).toContainText('141 g/L by UCUM');
  // The imaging report, which has no values, as text.
  await expect(results(app)).toContainText('XR chest (PA): Cardiomegaly.');
  // Filter by name: only matching tests remain.
  await results(app).getByLabel('Test name').fill('potassium');
  await expect(results(app).getByRole('heading', { level: 3 })).toHaveText(['Serum potassium level', 'Reports']);
});

async function holdDocumentAudit(page: Page) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  let held = 0;
  await page.route(`${topology.audit.baseUrl}**`, async (route) => {
    if (route.request().method() === 'POST' && (route.request().postData() ?? '').includes('document-opened')) {
      held += 1;
      await released;
    }
    await route.continue();
  });
  return { release: () => release(), held: () => held };
}

test('a PDF letter opens drawn in the page, its AuditEvent stored before it shows, and nothing is stored afterwards', async ({ page }) => {
  test.setTimeout(120_000);
  const { app } = await launchComplete(page, 'gp', RESULTS);
  const doc = docAt('ouse-valley-acute', 'Discharge summary: Ward 7 (Cardiology)');
  const gate = await holdDocumentAudit(page);
  const before = new Date().toISOString();
  await documents(app).getByRole('button', { name: 'Open Discharge summary: Ward 7 (Cardiology)' }).click();
  const dialog = app.getByRole('dialog', { name: 'Discharge summary: Ward 7 (Cardiology)' });
  await expect(dialog).toBeVisible();
  // The audit write is held: the document is fetched but not shown.
  await expect.poll(gate.held).toBe(1);
  await expect(dialog).toContainText('Fetching the document');
  await expect(dialog.locator('canvas')).toHaveCount(0);
  gate.release();
  await expect(dialog.getByRole('img', { name: /Discharge summary: Ward 7 \(Cardiology\), page 1 of 2/ })).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText('Serum potassium on admission 6.8 mmol/L (critical)');
  await dialog.getByRole('button', { name: 'Next page' }).click();
  await expect(dialog).toContainText('GP to repeat urea and electrolytes within one week.');
  // The canvas really has ink on it: PDF.js drew the page.
  const inked = await dialog.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! < 128 && d[i + 3]! > 0) dark += 1;
    return dark;
  });
  expect(inked).toBeGreaterThan(200);
  // No download link, no plug-in.
  await expect(dialog.locator('a[download], a[href^="blob:"], object, embed, iframe')).toHaveCount(0);

  const opened = documentsOf(await auditEvents(before));
  expect(opened).toHaveLength(1);
  const event = opened[0]!.event;
  expect(event.entity?.find((e) => e.role?.code === '4')?.what?.reference).toBe(`${base('ouse-valley-acute')}/DocumentReference/${doc.id}`);
  expect(event.outcome).toBe('0');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  const frame = page.frames().find((f) => f.url().startsWith(topology.appOrigin))!;
  const stored = await frame.evaluate(async () => ({
    local: JSON.stringify(Object.entries(localStorage)),
    session: JSON.stringify(Object.entries(sessionStorage)),
    indexedDb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  expect(stored.local).toBe('[]');
  expect(stored.indexedDb).toBe(0);
  expect(stored.caches).toBe(0);
  for (const needle of ['Discharge summary', 'Serum potassium', 'JVBERi0', '%PDF']) expect(stored.session).not.toContain(needle);

  // The privacy officer's trail names the document opened, and lists the results and document searches.
  const officer = await page.context().newPage();
  await officer.goto(`${topology.homeOrigin}/privacy?patient=${person.nhsNumber}`);
  await expect(officer.getByRole('cell', { name: /Document opened: Discharge summary: Ward 7 \(Cardiology\)/ })).toHaveCount(1);
  await expect(officer.getByText(/GET .*\/Observation\?patient/).first()).toBeVisible();
  await expect(officer.getByText(/GET .*\/DocumentReference\?patient/).first()).toBeVisible();
});

test('a care summary held as a Composition is listed where the server offers Composition, opened with its sections, and audited before it shows', async ({ page }, info) => {
  const { app } = await launchComplete(page, 'gp', RESULTS);
  const composition = world.byEndpoint['ouse-community']!.find((r) => r.resourceType === 'Composition' && JSON.stringify(r).includes(`"Patient/${person.patientIds['ouse-community']}"`))!;
  const row = documents(app).getByRole('row').filter({ hasText: 'Community nursing care summary' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Document in sections');
  const gate = await holdDocumentAudit(page);
  const before = new Date().toISOString();
  await row.getByRole('button', { name: 'Open Community nursing care summary' }).click();
  const dialog = app.getByRole('dialog', { name: 'Community nursing care summary' });
  await expect.poll(gate.held).toBe(1);
  await expect(dialog).not.toContainText('Pressure-relieving mattress');
  gate.release();
  await expect(dialog.getByRole('heading', { name: 'Equipment at home' })).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText('Pressure-relieving mattress');
  await expect(dialog).toContainText('Leg ulcer (left gaiter): dressing changed twice weekly by the district nurses.');
  const opened = documentsOf(await auditEvents(before));
  expect(opened.map(({ event }) => [event.entity?.find((e) => e.role?.code === '4')?.what?.reference, event.outcome])).toEqual([
    [`${base('ouse-community')}/Composition/${composition.id}`, '0'],
  ]);
  // Its status in words (composition-status "final"), and its detail, where it came from, one click away.
  expect((composition as { status?: string }).status).toBe('final');
  await expect(row).toContainText('Final');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await row.getByRole('button', { name: /^View Community nursing care summary from / }).click();
  const detail = app.getByRole('dialog', { name: /Community nursing care summary/ });
  await expect(detail.locator('dt', { hasText: /^Status$/ }).locator('..')).toContainText('Final');
  await expect(detail).toContainText(`Composition/${composition.id}`);
  await saveScreenshot(page, info, 'documents-detail');
});

test('the hostile HTML clinic letter shows its text and runs nothing, its form controls gone with their words and what was dropped said', async ({ page }) => {
  const { app } = await launchComplete(page, 'gp', RESULTS);
  const dialogs: string[] = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
  const offsite: string[] = [];
  page.on('request', (r) => {
    if (/tracker\.invalid|phish\.invalid/.test(r.url())) offsite.push(r.url());
  });
  await documents(app).getByRole('button', { name: 'Open Anticoagulation clinic letter' }).click();
  const dialog = app.getByRole('dialog', { name: 'Anticoagulation clinic letter' });
  await expect(dialog).toContainText('His INR target remains 2.5 (range 2.0 to 3.0)', { timeout: 30_000 });
  await expect(dialog.locator('script, style, iframe, img, svg, form, input, meta, object, embed')).toHaveCount(0);
  await expect(dialog.getByRole('link', { name: 'NHS information about warfarin' })).toHaveAttribute('href', 'https://www.nhs.uk/medicines/warfarin/');
  await expect(dialog.getByText('Dosing chart')).not.toHaveAttribute('href', /.*/);
  // The letter's phishing form leaves nothing behind: its "Sign in again" would read as the app's own.
  await expect(dialog.getByText('Sign in again')).toHaveCount(0);
  // What was dropped is said, not silently lost (its <img>, <svg>, <iframe> and <form>).
  await expect(dialog.getByText('This text contained a picture, a drawing, an embedded page and a form, which the viewer does not show.')).toBeVisible();
  const frame = page.frames().find((f) => f.url().startsWith(topology.appOrigin))!;
  expect(await frame.evaluate(() => ({ ran: (window as { __hostileLetterRan?: boolean }).__hostileLetterRan, title: document.title }))).toEqual({ ran: undefined, title: expect.not.stringContaining('pwned') });
  expect(await page.evaluate(() => (window as { __hostileLetterRan?: boolean }).__hostileLetterRan)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(offsite).toEqual([]);
});

test('labelled documents are withheld and counted; a document whose attachment alone is labelled is not shown, and the refusal is audited', async ({ page }) => {
  // The community trust leaves labels to the viewer here, so the viewer's own rule is what is tested.
  await setEnforcement('ouse-community', { objections: false, labels: false });
  const { app } = await launchComplete(page, 'gp', RESULTS);
  await expect(documents(app)).not.toContainText('Memory assessment: psychology report');
  await expect(sourceLine(app, 'ouse-community')).toContainText('1 item withheld (1 restricted or sensitive: you may reveal it with a reason)');

  const before = new Date().toISOString();
  await documents(app).getByRole('button', { name: 'Open Letter from the sexual health clinic' }).click();
  const dialog = app.getByRole('dialog', { name: 'Letter from the sexual health clinic' });
  await expect(dialog).toContainText('Not shown. Withheld: the document’s content is labelled restricted or sensitive', { timeout: 30_000 });
  await expect(dialog).not.toContainText('results discussed in person');
  const opened = documentsOf(await auditEvents(before));
  expect(opened.map(({ event }) => [event.outcome, event.outcomeDesc])).toEqual([['4', 'Withheld: the document’s content is labelled restricted or sensitive']]);
});
