import { expect, test, type Page } from '@playwright/test';
import { launchFromHost, sourceLine } from './helpers';
import { topology } from './sandbox';

/**
 * No page logs a console error or an uncaught exception, and nothing the pages ask the
 * app's own origin for is missing: no CSP report for fonts, no 404 for the favicon or the
 * NHS icons. Collected from every frame (the app runs in the host's iframe).
 */
function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.url().startsWith(topology.appOrigin) && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  return problems;
}

for (const hostId of ['gp', 'hospital', 'social-care'] as const) {
  test(`the ${hostId} host's launch, sign-in and record log no console error or warning`, async ({ page }) => {
    const problems = watchConsole(page);
    const { app } = await launchFromHost(page, hostId);
    await expect(app.getByRole('region', { name: 'Sources' })).toBeVisible();
    await expect(sourceLine(app, topology.hosts.find((h) => h.id === hostId)!.endpointId)).toBeVisible();
    // The favicon and an NHS icon, as a browser asks for them.
    await expect(await page.request.get(`${topology.appOrigin}/favicon.ico`)).toBeOK();
    await page.waitForTimeout(1_000);
    expect(problems).toEqual([]);
  });
}

test('the app opened directly and the launch page for an unknown iss log no console error', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto(`${topology.appOrigin}/`);
  await expect(page.getByRole('heading').first()).toBeVisible();
  await page.goto(`${topology.launchUrl}?iss=${encodeURIComponent('https://ehr.elsewhere.example/fhir')}&launch=abc`);
  await expect(page.locator('body')).toContainText(/not set up/i);
  // Opened with no launch: the preloaded /config.json is still read (Chromium warns a few seconds after load otherwise).
  await page.goto(topology.launchUrl);
  await expect(page.locator('body')).toContainText(/open the record again/i);
  await page.waitForTimeout(4_000);
  expect(problems).toEqual([]);
});

test('the built stylesheet names no other origin and every url() in it is served', async ({ page }) => {
  await page.goto(`${topology.appOrigin}/`);
  const hrefs = await page.locator('link[rel=stylesheet]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    const css = await (await page.request.get(href)).text();
    const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1] as string).filter((u) => !u.startsWith('data:') && !u.startsWith('#'));
    expect(urls.filter((u) => /^https?:/.test(u))).toEqual([]);
    for (const u of new Set(urls)) expect((await page.request.get(new URL(u, href).href)).status(), u).toBe(200);
  }
});
