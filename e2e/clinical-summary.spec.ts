import { expect, test, type FrameLocator } from '@playwright/test';
import type { FhirResource, MedicationRequest, MedicationStatement } from 'fhir/r4';
import { ADMISSION_TYPE, RESPECT_TEXT } from '../mocks/data/clinical-summary';
import { expectNoAxeViolations, launchComplete, organisation, saveScreenshot, sourceLine } from './helpers';
import { world } from './sandbox';

/**
 * Issue "The summary a clinician acts on": problems, one line per alert and allergy,
 * medicines that mean what they say, what happened at a contact, and who is involved, on
 * the typical person (launchable at every host), per role where the role changes what
 * shows. Expectations come from the synthetic world (mocks/data/clinical-summary.ts).
 */

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const TYPICAL = 'whitfield-margaret';
const GP = organisation('riverside-gp');
const ACUTE = organisation('ouse-valley-acute');
const COMMUNITY = organisation('ouse-community');
const ASC = organisation('cambs-asc');
const region = (app: FrameLocator, name: string) => app.getByRole('region', { name, exact: true });

/** This person's medicine entries (requests and statements) with one dm+d / SNOMED CT code, at every organisation. */
function medicineEntries(code: string): FhirResource[] {
  const person = world.people.find((p) => p.key === TYPICAL)!;
  return Object.entries(person.patientIds).flatMap(([endpointId, id]) =>
    (world.byEndpoint[endpointId] ?? []).filter((r) => {
      if (r.resourceType !== 'MedicationRequest' && r.resourceType !== 'MedicationStatement') return false;
      const m = r as MedicationRequest | MedicationStatement;
      if (m.subject?.reference !== `Patient/${id}`) return false;
      const concept = m.medicationCodeableConcept ?? (m.contained?.[0] as { code?: MedicationRequest['medicationCodeableConcept'] } | undefined)?.code;
      return concept?.coding?.some((c) => c.code === code) ?? false;
    }),
  );
}

test('problems: grouped across organisations, active apart from resolved, problem list apart from diagnoses at contacts', async ({ page }, info) => {
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  const problems = region(app, 'Problems');
  const active = problems.getByRole('table', { name: /^Active problems \(\d+\)$/ });
  const af = active.getByRole('row', { name: /^Atrial fibrillation/ });
  await expect(af).toHaveCount(1);
  await expect(af).toContainText(GP);
  await expect(af).toContainText(ACUTE);
  const diagnoses = problems.getByRole('table', { name: /^Diagnoses recorded at contacts/ });
  await expect(diagnoses.getByRole('row', { name: /^Bleeding from ear/ })).toContainText(`${ACUTE}`);
  await expect(diagnoses.getByRole('row', { name: /^Fracture of neck of femur/ })).toContainText('Active, Diagnosis at a contact');
  await expect(problems.getByText(/^Resolved or inactive problems \(\d+\)$/)).toBeVisible();
  await problems.getByText(/^Resolved or inactive problems/).click();
  await expect(problems.getByRole('row', { name: /^Loosening of total hip replacement/ })).toContainText('Resolved');
  await problems.scrollIntoViewIfNeeded();
  await saveScreenshot(page, info, 'clinical-summary-problems');
});

for (const hostId of ['gp', 'social-care'] as const) {
  test(`${hostId}: alerts and allergies: one line each, ReSPECT first, the no-known-allergy conflict flagged, refuted and entered-in-error said`, async ({ page }, info) => {
    const { app } = await launchComplete(page, hostId, TYPICAL);
    const decisions = region(app, 'Important: Resuscitation and end-of-life decisions');
    await expect(decisions).toBeInViewport();
    const respect = decisions.getByRole('listitem').filter({ hasText: RESPECT_TEXT }).first();
    for (const org of [GP, ACUTE, COMMUNITY]) await expect(respect).toContainText(org);
    await expect(decisions.locator('.alert-line')).toHaveCount(1);

    const alerts = region(app, 'Alerts');
    const falls = alerts.locator('.alert-line').filter({ hasText: /At risk of falls/ });
    await expect(falls).toHaveCount(1);
    for (const org of [GP, COMMUNITY, ASC]) await expect(falls).toContainText(org);
    if (hostId === 'gp') {
      const penicillin = alerts.getByRole('table', { name: /^Allergies and intolerances/ }).getByRole('row', { name: /^Penicillin/ });
      await expect(penicillin).toHaveCount(1);
      await expect(penicillin).toContainText(`${ACUTE} records no known allergy`);
      await expect(penicillin).toContainText('High risk');
      const statements = alerts.getByRole('list', { name: 'No known allergy statements' });
      await expect(statements).toContainText(`${ACUTE} records “No known drug allergy (situation)”`);
      await expect(statements).toContainText('Conflicts with Penicillin recorded elsewhere');
      await expect(alerts.getByRole('row', { name: /No known drug allergy/ })).toHaveCount(0);
      await expect(alerts.getByText(`Not listed: Codeine, ruled out (refuted) by ${ACUTE}.`)).toBeVisible();
      await expect(sourceLine(app, 'riverside-gp')).toContainText('1 entry was marked entered in error by this organisation and is not shown');
      await expect(sourceLine(app, 'riverside-gp')).not.toContainText('could not be read');
    }
    await alerts.scrollIntoViewIfNeeded();
    await saveScreenshot(page, info, `clinical-summary-alerts-${hostId}`);
  });
}

test('medicines: options apart, every entry reachable, reconciliation flags beside the medicine', async ({ page }, info) => {
  const { app } = await launchComplete(page, 'hospital', TYPICAL);
  const meds = region(app, 'Medications');
  const current = meds.getByRole('table', { name: /^Current medications/ });
  const head = (name: RegExp) => current.getByRole('rowheader', { name });
  await expect(head(/^Bisoprolol 5mg tablets/)).toContainText(`Different doses: ${ACUTE}: Half a tablet each morning (reduced: slow heart rate); ${GP}: One tablet each morning`);
  await expect(head(/^Ramipril 2.5mg capsules/)).toContainText(`Stopped at ${ACUTE}, active at ${GP}`);
  await expect(head(/^Co-codamol 30mg\/500mg tablets/)).toContainText(`Only recorded by ${GP}`);
  // The GP has co-codamol and paracetamol both current (active repeats): their paracetamol adds up.
  await expect(head(/^Co-codamol 30mg\/500mg tablets/)).toContainText('Paracetamol is also in Paracetamol 500mg tablets: check the combined dose');
  await expect(head(/^Paracetamol 500mg tablets/)).toContainText('Paracetamol is also in Co-codamol 30mg/500mg tablets: check the combined dose');
  await head(/^Co-codamol 30mg\/500mg tablets/).scrollIntoViewIfNeeded();
  await saveScreenshot(page, info, 'clinical-summary-medicines-shared-ingredient');
  await expect(head(/^Amlodipine 5mg tablets/)).toContainText(/Last issued \d\d-[A-Z][a-z]{2}-2026/);
  await expect(current.getByRole('rowheader', { name: /^Atorvastatin/ })).toHaveCount(0);
  await expect(current.getByRole('rowheader', { name: /^Furosemide/ })).toHaveCount(0);

  // Every entry of a group is reachable: as many entries as the organisations hold.
  const amlodipine = medicineEntries('319283006');
  const all = meds.getByText(`All ${amlodipine.length} entries for Amlodipine 5mg tablets`);
  await all.click();
  const entries = meds.locator('details.all-entries[open] .entry-source');
  await expect(entries).toHaveCount(amlodipine.length);
  await expect(entries.filter({ hasText: 'Reported as taken (medication statement)' }).first()).toContainText(ACUTE);

  await meds.getByText(/^Suggested or considered, not prescribed \(1\)$/).click();
  await expect(meds.getByRole('table', { name: 'Suggested or considered, not prescribed' }).getByRole('row', { name: new RegExp(`^${GP}`) })).toContainText('Option considered (not prescribed)');
  await meds.getByText(/^Past medications \(\d+\)$/).click();
  await expect(meds.getByRole('table', { name: 'Past medications' }).getByRole('rowheader', { name: /^Furosemide 40mg tablets/ })).toContainText(`Active at ${GP} but not issued or dated within the current window`);
  await head(/^Bisoprolol/).scrollIntoViewIfNeeded();
  await saveScreenshot(page, info, 'clinical-summary-medicines');
});

test('encounter detail: class and type in words, reason, diagnoses, clinicians, discharge, length of stay, items recorded', async ({ page }, info) => {
  const { app } = await launchComplete(page, 'hospital', TYPICAL);
  const encounters = region(app, 'Encounters');
  await encounters.getByLabel('Type').selectOption({ label: `${ADMISSION_TYPE} (1)` });
  await encounters.getByRole('button', { name: new RegExp(`^View ${ADMISSION_TYPE}, .*${ACUTE}$`) }).click();
  const dialog = app.getByRole('dialog');
  const fact = (label: string) => dialog.locator('.nhsuk-summary-list__row').filter({ has: app.getByText(label, { exact: true }) });
  await expect(fact('Class')).toContainText('Inpatient');
  await expect(fact('Status')).toContainText('Finished');
  await expect(fact('Length of stay')).toContainText('5 days');
  await expect(fact('Reason')).toContainText('Fall at home, unable to weight bear');
  await expect(fact('Admitted from')).toContainText('From the emergency department');
  await expect(fact('Discharged to')).toContainText('Home');
  await expect(fact('Location')).toContainText('Ward 7 (Care of the elderly); Discharge lounge');
  await expect(fact('Clinicians')).toContainText('Dr Priya Raman, Consultant geriatrician (Attending clinician); Dr Owen Price (Discharging clinician)');
  await expect(dialog.locator('.detail-diagnoses li')).toHaveText(['Fracture of neck of femur · Discharge diagnosis · rank 1', 'Bleeding from ear · rank 2']);
  const items = dialog.locator('.detail-items li');
  await expect(items).toHaveCount(3);
  await expect(items.filter({ hasText: /^Medication: Paracetamol/ })).toHaveCount(1);
  // What the summary read is in words; only the full field list below it shows the source's codes as sent.
  await expect(dialog.locator('.detail-list').getByText(/^(IMP|in-progress|finished|emd|home|ATND|DIS)$/)).toHaveCount(0);
  await saveScreenshot(page, info, 'clinical-summary-encounter-detail');
  await expectNoAxeViolations(page, 'encounter detail open');
});

test('who is involved: first for a social worker, with the GP, care team, key worker, next of kin and carer and their contact details', async ({ page }, info) => {
  const { app } = await launchComplete(page, 'social-care', TYPICAL);
  await expect(app.locator('.record-section > h2').first()).toHaveText('Who is involved');
  const who = region(app, 'Who is involved');
  // First in the section links too (the sources strip above may push the section itself below the fold).
  await expect(app.getByRole('navigation', { name: 'Sections of the record' }).getByRole('link').first()).toHaveText(/^Who is involved/);
  const row = (name: string) => who.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row(GP)).toContainText('Registered GP practice');
  await expect(row('Joanne Pike')).toContainText('Key worker');
  await expect(row('Joanne Pike')).toContainText(ASC);
  await expect(row('Julie Fenwick')).toContainText('District nurse');
  await expect(row('Sam Patel')).toContainText('Community matron');
  await expect(row('Mrs Susan Holt')).toContainText('Next of kin, Daughter');
  await expect(row('Mrs Susan Holt')).toContainText('phone (mobile): 07700 900123');
  await expect(row('Mr Peter Whitfield')).toContainText('Carer, husband');
  await saveScreenshot(page, info, 'clinical-summary-who-is-involved');
  await expectNoAxeViolations(page, 'who is involved first, social care');
});

test('gp: the new sections in the clinical order pass the accessibility check with their details open', async ({ page }, info) => {
  const { app } = await launchComplete(page, 'gp', TYPICAL);
  await expect(app.locator('.record-section > h2')).toHaveText(['Alerts', 'Problems', 'Medications', 'Encounters', 'Care plans', 'Who is involved', 'Results', 'Documents', 'Timeline']);
  for (const d of await app.locator('details.nhsuk-details').all()) await d.locator('summary').first().click();
  await expectNoAxeViolations(page, 'clinical summary, every disclosure open');
  await saveScreenshot(page, info, 'clinical-summary-gp-full', true);
});
