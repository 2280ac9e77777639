import { createServer } from 'node:http';
import { expect, test, type BrowserContext, type FrameLocator, type Page, type Response } from '@playwright/test';
import { CANARY_HOST, CANARY_PROPERTY, XSS_CORPUS } from '../mocks/data/hostile/xss-corpus';
import { appFrame, clearFaults, eachResource, launchFromHost, overall, rewriteFhir, section, setFault, sourceLine } from './helpers';
import { topology, world } from './sandbox';
import { allFrames, expectNoCrash, expectTokensStayHome, watchContext, type Watch } from './watch';

/**
 * Issue "Keep working and leak nothing under faults, bad data and hostile input", hostile
 * content: every organisation's every readable string (names, displays, texts, dosage
 * texts, titles, descriptions) and every narrative is a payload from the XSS corpus
 * (mocks/data/hostile/xss-corpus.ts, through the sandbox's `hostile-content` fault). The
 * record still shows, each payload that is shown reads as literal text, and nothing runs,
 * loads or submits: no canary set in any frame, no dialog, no request to the canary host.
 *
 * Once with the production CSP (where any attempt would also be a CSP violation) and once
 * with CSP bypassed, which proves the rendering itself is safe and CSP is the second line.
 */

const SIX = world.cases.sixOrganisations;

/**
 * Runs in every frame before its scripts: records CSP violations. In the summary, where
 * server text is only ever text, any violation means markup from a server reached the
 * DOM. (Not in the detail view: DOMPurify parses the narrative in an inert document, for
 * which Chromium reports violations although nothing runs.)
 */
const CSP_WATCH = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

/**
 * nhsuk-frontend's stylesheet names its web fonts at assets.nhs.uk, which the CSP rightly
 * refuses (the system font is used): the app's own request, not an injection.
 */
const KNOWN_APP_VIOLATION = /^font-src https:\/\/assets\.nhs\.uk\//;

test.afterEach(clearFaults);

async function launchHostile(page: Page, context: BrowserContext): Promise<{ app: FrameLocator; watch: Watch }> {
  const watch = watchContext(context);
  await context.addInitScript(CSP_WATCH);
  const { app } = await launchFromHost(page, 'gp', SIX);
  // Hostile words, real structure: every organisation still answers in full.
  await expect(overall(app)).toHaveText(/^Complete: all \d+ organisations answered/, { timeout: 45_000 });
  await expect(section(app, 'Encounters')).toBeVisible();
  return { app, watch };
}

/**
 * Nothing ran (canary), opened (dialog), loaded or submitted (a request to the canary
 * host), or crashed; with `noViolations`, nothing even tried (no CSP violation).
 */
async function expectNothingRan(context: BrowserContext, watch: Watch, noViolations: boolean): Promise<void> {
  for (const frame of allFrames(context)) {
    const seen = await frame
      .evaluate(([prop]) => ({ canary: (window as unknown as Record<string, unknown>)[prop!], csp: (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [] }), [CANARY_PROPERTY])
      .catch(() => ({ canary: undefined, csp: [] as string[] })); // a frame that went away meanwhile
    expect(seen.canary, `window.${CANARY_PROPERTY} in ${frame.url()}`).toBeUndefined();
    if (noViolations) expect(seen.csp.filter((v) => !KNOWN_APP_VIOLATION.test(v)), `CSP violations in ${frame.url()}`).toEqual([]);
  }
  await watch.settle();
  expect(watch.requests.filter((r) => r.url.includes(CANARY_HOST)).map((r) => r.url), 'requests to the canary host').toEqual([]);
  expectNoCrash(watch);
}

/** How many corpus payloads appear, character for character, in the text a user reads. */
async function literalPayloadsShown(page: Page): Promise<string[]> {
  const text = await (await appFrame(page)).evaluate(() => document.body.innerText);
  return XSS_CORPUS.filter((p) => text.includes(p.payload.trim())).map((p) => p.id);
}

/** Opens the first item of a section in the detail view, checks its narrative is inert, and closes it. */
async function openDetail(app: FrameLocator, name: 'Alerts' | 'Medications' | 'Encounters' | 'Care plans'): Promise<void> {
  await section(app, name).getByRole('button', { name: /^View / }).first().click();
  const dialog = app.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const narrative = dialog.locator('.narrative');
  if ((await narrative.count()) > 0) {
    const dangerous = await narrative.evaluate((box) => {
      const bad = box.querySelectorAll('script, style, iframe, frame, object, embed, form, input, button, svg, math, img, link, meta, base, details, noscript');
      const handlers = [...box.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name) || a.name === 'style' || a.name === 'srcdoc').map((a) => `${el.tagName}[${a.name}]`));
      const links = [...box.querySelectorAll('[href], [src], [action], [formaction]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '').filter((u) => !/^(https?:|mailto:|tel:)/i.test(u.trim()));
      return { elements: [...bad].map((e) => e.tagName), handlers, links };
    });
    expect(dangerous).toEqual({ elements: [], handlers: [], links: [] });
  }
  await dialog.getByRole('button', { name: /close/i }).first().click();
  await expect(dialog).toBeHidden();
}

for (const csp of [true, false]) {
  test.describe(csp ? 'with the production CSP' : 'with CSP bypassed (the rendering alone must be safe)', () => {
    test.use({ bypassCSP: !csp });
    test.beforeEach(async () => {
      await Promise.all(topology.endpoints.map((e) => setFault(e.id, { mode: 'hostile-content' })));
    });

    test('hostile strings and narratives in every record: shown as text, nothing runs, loads or leaks', async ({ page, context }) => {
      test.setTimeout(90_000);
      const { app, watch } = await launchHostile(page, context);

      // Readable as text: the payloads are there, character for character, for a user to see.
      const shown = await literalPayloadsShown(page);
      test.info().annotations.push({ type: 'payloads shown as literal text', description: `${shown.length} of ${XSS_CORPUS.length}: ${shown.join(', ')}` });
      expect(shown.length, 'corpus payloads visible as literal text').toBeGreaterThanOrEqual(Math.ceil(XSS_CORPUS.length / 2));
      await expect(app.getByText(/<script>window\.__xss=\d+<\/script>/).first()).toBeVisible();
      await expectNothingRan(context, watch, csp);

      // The detail view shows narratives (the one HTML path) and every field as text.
      for (const name of ['Alerts', 'Medications', 'Encounters', 'Care plans'] as const) await openDetail(app, name);

      await expectNothingRan(context, watch, false);
      await expectTokensStayHome(watch);
    });
  });
}

/**
 * Hostile and bad input outside the records: a broken configuration, launch parameters
 * the viewer does not know or that carry markup, an NHS number that fails its check digit,
 * dates out of range and codes nobody knows. Each ends in a plain message, never a blank
 * page, a stack trace or anything run.
 */
test.describe('bad and hostile input: a clear message, never a blank screen', () => {
  const gp = topology.hosts.find((h) => h.id === 'gp')!;
  const gpIss = topology.endpoints.find((e) => e.id === gp.endpointId)!.baseUrl;

  test('a bad configuration names the field at fault', async ({ page }) => {
    const config = (await (await page.request.get(`${topology.appOrigin}/config.json`)).json()) as { endpoints: { fhirBaseUrl: string }[] };
    config.endpoints[2]!.fhirBaseUrl = 'ftp://records.example/fhir';
    await page.route(`${topology.appOrigin}/config.json`, (route) => route.fulfill({ json: config }));
    await page.goto(`${topology.launchUrl}?iss=${encodeURIComponent(gpIss)}&launch=x`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The viewer is not set up correctly');
    await expect(page.locator('body')).toContainText('endpoints[2].fhirBaseUrl');
  });

  test('a launch without its launch parameter, and an iss that is markup or a javascript: URL', async ({ page, context }) => {
    const watch = watchContext(context);
    await page.goto(`${topology.launchUrl}?iss=${encodeURIComponent(gpIss)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open this record from your clinical system');

    const markup = '<img src=x onerror="window.__xss=1">';
    await page.goto(`${topology.launchUrl}?iss=${encodeURIComponent(markup)}&launch=x`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This system is not set up to use the viewer');
    await expect(page.getByText(markup, { exact: false })).toBeVisible(); // shown as the text it is

    const scriptUrl = XSS_CORPUS.find((p) => p.id === 'bare-javascript-url')!.payload;
    await page.goto(`${topology.launchUrl}?iss=${encodeURIComponent(scriptUrl)}&launch=x`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This system is not set up to use the viewer');
    expect(await page.evaluate(([p]) => (window as unknown as Record<string, unknown>)[p!], [CANARY_PROPERTY])).toBeUndefined();
    expect(page.url()).toContain(topology.launchUrl); // no navigation anywhere else
    expectNoCrash(watch);
  });

  test('an NHS number that fails its check digit stops the search of other organisations, saying why', async ({ page, context }) => {
    const watch = watchContext(context);
    await rewriteFhir(page, gp.endpointId, (body) =>
      eachResource(body, (r) => {
        if (r.resourceType !== 'Patient') return;
        for (const id of (r.identifier as { system?: string; value?: string }[] | undefined) ?? []) {
          if (id.system === 'https://fhir.nhs.uk/Id/nhs-number') id.value = '9990000019'; // check digit should be 8
        }
      }),
    );
    // No permission question: nobody else is asked anything for an unverifiable patient.
    const { app } = await launchFromHost(page, 'gp', SIX, { permission: null });
    await expect(app.getByText(/is not a valid NHS number/)).toBeVisible({ timeout: 30_000 });
    await expect(app.getByRole('region', { name: 'Sources' })).toHaveCount(0);
    await watch.settle();
    const asked = watch.requests.filter((r) => topology.endpoints.some((e) => e.id !== gp.endpointId && r.url.startsWith(e.baseUrl)) && !/\/(metadata|\.well-known\/smart-configuration)$/.test(r.url));
    expect(asked.map((r) => r.url), 'requests about the patient to other organisations').toEqual([]);
    expectNoCrash(watch);
  });

  test('dates out of range and unknown codes: those records are counted as unreadable, the rest shown', async ({ page, context }) => {
    const watch = watchContext(context);
    await rewriteFhir(page, 'fenland-mh', (body) =>
      eachResource(body, (r) => {
        if (r.resourceType === 'Encounter') r.period = { start: '1066-10-14T09:00:00Z' };
        if (r.resourceType === 'Flag') r.code = { coding: [{ system: 'urn:example:unknown-code-system', code: 'ZZZ-999' }] };
      }),
    );
    const { app } = await launchFromHost(page, 'gp', SIX);
      await expect(sourceLine(app, 'fenland-mh')).toContainText(/\d+ records? could not be read/, { timeout: 30_000 });
    await expect(sourceLine(app, 'riverside-gp')).toContainText('Up to date');
    await expect(app.getByText('1066')).toHaveCount(0); // never shown, sorted or compared as if true
    await expect(app.getByText('ZZZ-999')).toHaveCount(0);
    expectNoCrash(watch);
  });
});

/** The production preview server (mocks/sandbox/app-server.ts) as the browser meets it (docs/deploying.md). */
test.describe('the served app: security headers, enforced by the browser', () => {
  test('every page and the configuration carry CSP, Referrer-Policy and nosniff', async ({ page }) => {
    const responses: Response[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(topology.appOrigin) && r.request().resourceType() === 'document') responses.push(r);
    });
    for (const path of ['/', '/launch/', '/auth-callback/', '/config.json']) {
      const res = await page.request.get(`${topology.appOrigin}${path}`, { maxRedirects: 0 });
      const h = res.headers();
      const csp = h['content-security-policy'] ?? '';
      expect(csp, path).toMatch(/(^|; )default-src 'self'(;|$)/);
      // The app's own files and one inline script by its hash (the launch page's early discovery, ADR 0009); no unsafe-inline.
      expect(csp, path).toMatch(/(^|; )script-src 'self' 'sha256-[A-Za-z0-9+/]{43}='(;|$)/);
      expect(csp, path).toMatch(/(^|; )object-src 'none'(;|$)/);
      expect(csp, path).toMatch(/(^|; )base-uri 'none'(;|$)/);
      expect(csp, path).toContain(`frame-ancestors 'self' ${topology.hosts.map((x) => x.origin).join(' ')}`);
      for (const e of topology.endpoints) expect(csp, path).toContain(new URL(e.baseUrl).origin);
      expect(h['referrer-policy'], path).toBe('no-referrer');
      expect(h['x-content-type-options'], path).toBe('nosniff');
    }
    // The document the host's iframe actually loads carries them too.
    const { app } = await launchFromHost(page, 'gp', SIX);
    await expect(app.getByRole('region', { name: 'Patient' })).toBeVisible({ timeout: 30_000 });
    const doc = responses.find((r) => new URL(r.url()).pathname === '/');
    expect(doc, 'the app document was seen').toBeDefined();
    expect((await doc!.allHeaders())['content-security-policy']).toContain("script-src 'self'");
  });

  for (const [who, allowed] of [['a configured host system', true], ['any other origin', false]] as const) {
    test(`${who} ${allowed ? 'can' : 'cannot'} frame the app (CSP frame-ancestors)`, async ({ page }) => {
      // A real page on a real loopback origin: the host system's, or a stranger's on a port of its own.
      const port = allowed ? topology.hosts[0]!.port : topology.portBase + 59;
      const framing = allowed
        ? undefined
        : createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<iframe id="f" src="${topology.launchUrl}?iss=x&launch=y"></iframe>`));
      await new Promise<void>((resolve) => (framing ? framing.listen(port, '127.0.0.1', resolve) : resolve()));
      try {
        if (allowed) {
          await page.goto(`${topology.hosts[0]!.origin}/`);
          await page.evaluate((src) => {
            const f = document.createElement('iframe');
            f.id = 'f';
            f.src = src;
            document.body.append(f);
          }, `${topology.launchUrl}?iss=x&launch=y`);
        }
        const refused = allowed ? undefined : page.waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 10_000 });
        if (!allowed) await page.goto(`http://localhost:${port}/`);
        await refused;
        const frame = await (await page.locator('#f').elementHandle())!.contentFrame();
        await frame!.waitForLoadState('load');
        if (allowed) await expect(page.frameLocator('#f').getByRole('heading', { level: 1 })).toHaveText('This system is not set up to use the viewer');
        else {
          // Chromium puts its own error page in place of a refused frame: nothing of the app loads.
          await expect.poll(() => frame!.url()).toMatch(/^chrome-error:/);
        }
      } finally {
        await new Promise<void>((resolve) => (framing ? framing.close(() => resolve()) : resolve()));
      }
    });
  }
});
