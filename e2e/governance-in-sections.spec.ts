import { expect, test, type FrameLocator } from '@playwright/test';
import { launchFromHost, organisation, overall, resetGovernance, section, sourceLine } from './helpers';
import { world } from './sandbox';

/**
 * Issue "Governance that holds at every edge", case 8, end to end in Chromium against the
 * running sandbox: items shown only because a clinician revealed them or overrode an
 * objection sit in their own sections (grouped with the same medicine from other
 * organisations, counted, with View and the full detail), each marked in words with who
 * acted, when and why, and keyboard focus moves to the first of them.
 */

test.afterEach(resetGovernance);

const SENSITIVE = world.cases.sensitive;
const OBJECTING = world.cases.objection;
const USER = 'Dr Amelia Hart';

async function complete(app: FrameLocator) {
  await expect(overall(app)).not.toContainText('Still loading', { timeout: 30_000 });
}

/** The section counts the navigation shows, by section title. */
async function navCounts(app: FrameLocator): Promise<Record<string, string>> {
  const links = app.getByRole('navigation', { name: 'Sections of the record' }).getByRole('link');
  const out: Record<string, string> = {};
  for (const text of await links.allTextContents()) {
    const m = /^(\D+?)(\d+|loading)?$/.exec(text.trim());
    if (m) out[m[1]!.trim()] = m[2] ?? '';
  }
  return out;
}

const MARK = (what: string, reason: string) =>
  new RegExp(`^${what} by ${USER} on \\d\\d-[A-Z][a-z]{2}-\\d{4} \\d\\d:\\d\\d, for this session only\\. Reason: ${reason}$`);

test('a revealed restricted item appears in its own section, grouped and counted, marked with who, when and why; View opens it; focus lands on it', async ({ page }) => {
  const { app } = await launchFromHost(page, 'gp', SENSITIVE);
  await complete(app);
  const before = await navCounts(app);
  await expect(app.locator('body')).not.toContainText('Care Programme Approach');

  const mh = sourceLine(app, 'fenland-mh');
  await mh.getByRole('button', { name: `Reveal restricted items from ${organisation('fenland-mh')}` }).click();
  await mh.getByRole('textbox').fill('Planning discharge medicines');
  await mh.getByRole('button', { name: 'Reveal' }).click();

  // Focus moves to the first revealed item, inside a section of the record (not the page body, not a separate list).
  const focused = app.locator(':focus');
  await expect(focused).toHaveText(MARK('Restricted item revealed', 'Planning discharge medicines'));
  await expect(focused.locator('xpath=ancestor::section[contains(@class, "record-section")]')).toHaveCount(1);
  await expect(app.getByRole('region', { name: 'Restricted items you revealed' })).toHaveCount(0);

  // In its own section, marked, counted.
  const plans = section(app, 'Care plans');
  const cpa = plans.getByRole('listitem').filter({ has: app.getByRole('heading', { name: /Care Programme Approach care plan/ }) });
  await expect(cpa).toHaveCount(1);
  await expect(cpa.locator('.governance-mark')).toHaveText(MARK('Restricted item revealed', 'Planning discharge medicines'));
  await expect(cpa).toContainText('Care coordinator visits every two weeks');
  const after = await navCounts(app);
  expect(Number(after['Care plans'])).toBeGreaterThan(Number(before['Care plans'] ?? 0));
  expect(Number(after['Encounters'])).toBeGreaterThan(Number(before['Encounters'] ?? 0));

  // Medicines: a revealed entry sits in its medicine's group, beside the same medicine from other organisations where there is one.
  const meds = section(app, 'Medications');
  const revealedGroups = meds.locator('tbody.medicine-group').filter({ has: app.locator('.governance-mark-reveal') });
  expect(await revealedGroups.count()).toBeGreaterThan(0);
  // (Past medicines are folded away, so some groups are in the page but not open.)
  for (const group of await revealedGroups.all()) {
    expect(await group.getByRole('button', { name: new RegExp(`from ${organisation('fenland-mh')}$`), includeHidden: true }).count()).toBeGreaterThan(0);
  }
  const shared = revealedGroups.filter({ has: app.getByRole('rowheader', { name: organisation('riverside-gp'), includeHidden: true }) });
  expect(await shared.count(), 'a medicine the GP also records is one group with the revealed entry').toBeGreaterThan(0);

  // View works, and the detail says why the item is on screen.
  await cpa.getByRole('button', { name: `View Care Programme Approach care plan from ${organisation('fenland-mh')}` }).click();
  const dialog = app.getByRole('dialog', { name: /Care Programme Approach care plan/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.governance-mark')).toHaveText(MARK('Restricted item revealed', 'Planning discharge medicines'));
  await expect(dialog).toContainText('Medication review with psychiatrist every 3 months');
});

test('an overridden objection: the crisis plan appears in Care plans with its activities, marked, and its full detail opens', async ({ page }) => {
  const { app } = await launchFromHost(page, 'gp', OBJECTING);
  const banner = app.getByRole('region', { name: 'Patient objections' });
  await expect(sourceLine(app, 'fenland-mh')).toContainText('The patient has objected', { timeout: 30_000 });
  await complete(app);
  await banner.getByRole('button', { name: `Override the objection to ${organisation('fenland-mh')}` }).click();
  const form = app.getByRole('form', { name: `Override the objection to ${organisation('fenland-mh')}` });
  await form.getByRole('radio', { name: 'Risk of harm to the patient or others' }).check();
  await form.getByLabel('Why this is needed now').fill('In crisis in A&E');
  await form.getByRole('button', { name: 'Override the objection' }).click();

  const reason = 'Risk of harm to the patient or others: In crisis in A&E';
  const plans = section(app, 'Care plans');
  const crisis = plans.getByRole('listitem').filter({ has: app.getByRole('heading', { name: /Crisis and contingency plan/ }) });
  await expect(crisis).toHaveCount(1, { timeout: 30_000 });
  await expect(crisis.locator('.governance-mark')).toHaveText(MARK('Shown under emergency override', reason));
  await expect(crisis).toContainText('Early warning signs: poor sleep, withdrawing from family');
  await expect(crisis).toContainText('Crisis line: call the 24-hour mental health line (NHS 111, option 2)');
  await expect(app.getByRole('region', { name: 'Shown under an emergency override' })).toHaveCount(0);
  // Focus went to the first overridden item, in a section.
  await expect(app.locator(':focus')).toHaveText(MARK('Shown under emergency override', reason));

  await crisis.getByRole('button', { name: `View Crisis and contingency plan from ${organisation('fenland-mh')}` }).click();
  const dialog = app.getByRole('dialog', { name: /Crisis and contingency plan/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.governance-mark')).toHaveText(MARK('Shown under emergency override', reason));
  const activities = dialog.getByRole('term').filter({ hasText: /^Activities$/ }).locator('xpath=following-sibling::dd');
  await expect(activities).toContainText('Early warning signs: poor sleep, withdrawing from family');
  await expect(activities).toContainText('Crisis line');
});
