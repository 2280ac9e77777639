import { expect, test, type Frame, type Page, type TestInfo } from '@playwright/test';
import axe from 'axe-core';
import { clearFaults, organisation, resetGovernance, saveScreenshot, setFault } from './helpers';
import { patientAt, topology, world } from './sandbox';

/**
 * Issue "A page clinicians trust at a glance", point 9: axe-core with its best-practice
 * rules as well as WCAG 2.0–2.2 A/AA finds nothing in each state of the viewer, in a
 * window of its own at 320 CSS pixels wide (WCAG 1.4.10 reflow) and at 200 % zoom (a
 * 1280 × 720 screen zoomed to 200 % lays out in 640 × 360 CSS pixels), with no sideways
 * scrolling; and a screenshot of each view at 1024 and 320 pixels wide goes into the
 * test report.
 */

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });
test.afterEach(async () => {
  await clearFaults();
  await resetGovernance();
});

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const SIX = world.cases.sixOrganisations;

const WIDTHS = [
  { name: '320px', viewport: { width: 320, height: 640 } },
  { name: 'zoom-200', viewport: { width: 640, height: 360 } },
] as const;

async function expectAxeClean(frame: Frame, state: string): Promise<void> {
  await frame.evaluate(axe.source);
  const result = await frame.evaluate(async (tags) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const r = await run(document, { runOnly: { type: 'tag', values: tags } });
    return {
      passed: r.passes.length,
      violations: r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) })),
    };
  }, TAGS);
  if (result.violations.length > 0) console.log(`axe (${state}):\n${JSON.stringify(result.violations, null, 2)}`);
  expect(result.passed, `axe rules that passed in "${state}"`).toBeGreaterThan(10);
  expect(result.violations, `axe WCAG and best-practice violations in "${state}"`).toEqual([]);
}

/** No content wider than the window: WCAG 1.4.10 reflow. */
async function expectNoSidewaysScroll(page: Page, state: string): Promise<void> {
  const { overflow, wide } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The outermost elements that reach past the window, to say what does not reflow.
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)}px)`);
    return { overflow: document.documentElement.scrollWidth - width, wide };
  });
  expect(overflow, `sideways overflow in "${state}" (px): ${wide.join(', ')}`).toBeLessThanOrEqual(0);
}

async function check(win: Page, info: TestInfo, width: string, state: string) {
  await expectAxeClean(win.mainFrame(), `${state} at ${width}`);
  await expectNoSidewaysScroll(win, `${state} at ${width}`);
}

/** Opens the viewer in a window of its own from the GP system, at `viewport`. */
async function openInWindow(page: Page, personKey: string, viewport: { width: number; height: number }): Promise<Page> {
  const host = topology.hosts.find((h) => h.id === 'gp')!;
  const expected = patientAt(host, personKey);
  await page.goto(`${host.origin}/`);
  const popup = page.context().waitForEvent('page');
  await page.getByRole('button', { name: `Open My Care Record in a new window for ${expected.hostListName}`, exact: true }).click();
  const win = await popup;
  await win.setViewportSize(viewport);
  await expect(win.getByRole('region', { name: 'Permission to view' })).toBeVisible({ timeout: 30_000 });
  return win;
}

const overallOf = (win: Page) => win.getByRole('region', { name: 'Sources' }).getByRole('status');

for (const { name: width, viewport } of WIDTHS) {
  test(`every state at ${width}: permission, its error, the record, details, a dialog, a failing source, session ended`, async ({ page }, info) => {
    test.setTimeout(150_000);
    await setFault('fenland-mh', { mode: 'http-500' });
    const win = await openInWindow(page, SIX, viewport);
    const shoot = async (state: string) => {
      if (width === '320px') await saveScreenshot(win, info, `${state}-320`, true);
    };

    await check(win, info, width, 'permission question');
    await shoot('permission');
    await win.getByRole('button', { name: 'Record and continue' }).click();
    await expect(win.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
    await check(win, info, width, 'permission error summary');
    await shoot('permission-error');

    await win.getByRole('radio', { name: /patient gave permission/i }).check();
    await win.getByRole('button', { name: 'Record and continue' }).click();
    await expect(overallOf(win)).toContainText(`Incomplete record: ${organisation('fenland-mh')}`, { timeout: 45_000 });
    await win.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await check(win, info, width, 'record with a failing source, details open');
    await shoot('record');

    await win.getByRole('button', { name: /^View / }).first().click();
    await expect(win.getByRole('dialog')).toBeVisible();
    await check(win, info, width, 'detail dialog');
    await shoot('dialog');
    await win.keyboard.press('Escape');

    await win.getByRole('button', { name: 'End session' }).click();
    await expect(win.getByRole('heading', { level: 1 })).toHaveText('You ended this session');
    await check(win, info, width, 'session ended');
    await shoot('session-ended');
  });
}

test('the objection override form with its errors, and the register down, at 320px', async ({ page }, info) => {
  test.setTimeout(120_000);
  const win = await openInWindow(page, world.cases.objection, WIDTHS[0].viewport);
  await win.getByRole('radio', { name: /patient gave permission/i }).check();
  await win.getByRole('button', { name: 'Record and continue' }).click();
  await expect(overallOf(win)).not.toContainText('Still loading', { timeout: 45_000 });
  await win.getByRole('button', { name: /^Override the objection to / }).first().click();
  const form = win.getByRole('form', { name: /^Override the objection to / });
  await form.getByRole('button', { name: 'Override the objection' }).click();
  await expect(form.getByRole('alert')).toBeFocused();
  await check(win, info, '320px', 'override form errors');
  await saveScreenshot(win, info, 'override-errors-320', true);
});

test('screenshots of each view at 1024 px: the record in the GP frame, the dialog, the privacy officer’s page', async ({ page }, info) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const win = await openInWindow(page, SIX, { width: 1024, height: 768 });
  await saveScreenshot(win, info, 'permission-1024');
  await win.getByRole('radio', { name: /patient gave permission/i }).check();
  await win.getByRole('button', { name: 'Record and continue' }).click();
  await expect(overallOf(win)).toContainText(/^Complete/, { timeout: 45_000 });
  await saveScreenshot(win, info, 'record-1024');
  await win.evaluate(() => window.scrollTo(0, 1500));
  await expect(win.getByRole('region', { name: 'Patient' })).toBeInViewport();
  await saveScreenshot(win, info, 'record-scrolled-1024');
  await win.getByRole('button', { name: /^View / }).first().click();
  await saveScreenshot(win, info, 'dialog-1024');
  await win.close();
  // The host's frame fills the 1440-pixel window beside its patient list.
  await page.getByRole('button', { name: /^Open My Care Record for /, exact: false }).first().click();
  const frameBox = await page.locator('#app-frame').boundingBox();
  expect(frameBox!.x + frameBox!.width).toBeLessThanOrEqual(1440);
  expect(frameBox!.width).toBeGreaterThan(900);
  await saveScreenshot(page, info, 'gp-host-1440');
  const officer = await page.context().newPage();
  await officer.setViewportSize({ width: 1024, height: 768 });
  await officer.goto(`${topology.homeOrigin}/privacy`);
  await saveScreenshot(officer, info, 'privacy-1024');
  await officer.setViewportSize({ width: 320, height: 640 });
  await saveScreenshot(officer, info, 'privacy-320', true);
  await expectAxeClean(officer.mainFrame(), 'privacy officer page at 320px');
});
