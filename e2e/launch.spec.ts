import { expect, test, type Frame, type FrameLocator, type Page } from '@playwright/test';
import { APP_AHEAD_FRAME_ID } from '../src/config/launch-match';
import { launchComplete } from './helpers';
import { patientAt, topology } from './sandbox';

/**
 * The walking skeleton, as a new user tries it: each host system opens the viewer for a
 * patient by a real EHR launch (iss + launch → the real authorisation server → redirect →
 * ready()) inside its iframe, and the viewer shows that patient's banner and the user.
 */

async function openFromHost(page: Page, hostId: string) {
  const host = topology.hosts.find((h) => h.id === hostId)!;
  const expected = patientAt(host);
  await page.goto(`${host.origin}/`);
  await page.getByRole('button', { name: `Open My Care Record for ${expected.hostListName}`, exact: true }).click();
  return { host, expected, app: page.frameLocator('#app-frame') };
}

/**
 * Holds the launch page's navigation to the authorisation server (a CDP pause of that one
 * request: Playwright's page.route would turn the HTTP cache off) until what the launch page
 * fetches for later has arrived: every prefetched file and the app page loaded ahead in its
 * hidden frame. The launch page's head start is best effort (a launch faster than the
 * prefetches does without it, and the bench measures how often it pays); these tests check
 * that what it fetches is what the viewer's page then takes from the cache.
 */
async function holdAuthorisationUntilFetchedAhead(page: Page): Promise<{ held: () => boolean }> {
  const cdp = await page.context().newCDPSession(page);
  let held = false;
  cdp.on('Fetch.requestPaused', async (e: { requestId: string }) => {
    const launch = page.frames().find((f) => new URL(f.url()).origin === topology.appOrigin && new URL(f.url()).pathname === '/launch/');
    for (let waited = 0; launch && waited < 10_000; waited += 50) {
      const ready = await launch
        .evaluate((frameId) => {
          const fetched = new Set(
            (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.responseEnd > 0).map((r) => new URL(r.name).pathname),
          );
          const prefetched = [...document.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')].every((l) => fetched.has(new URL(l.href).pathname));
          const ahead = (document.getElementById(frameId) as HTMLIFrameElement | null)?.contentDocument?.readyState === 'complete';
          return prefetched && ahead;
        }, APP_AHEAD_FRAME_ID)
        .catch(() => false);
      if (ready) {
        held = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => undefined);
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${new URL(topology.authIssuer).origin}/auth?*`, requestStage: 'Request' }] });
  return { held: () => held };
}

async function expectBanner(app: FrameLocator | Page, family: string, nhs: string) {
  const banner = app.getByRole('region', { name: /patient/i });
  await expect(banner).toContainText(family);
  await expect(banner).toContainText(nhs);
}

for (const hostId of ['gp', 'hospital', 'social-care'] as const) {
  test(`${hostId} host system launches the viewer to the right patient's banner inside its iframe`, async ({ page }) => {
    const { host, expected, app } = await openFromHost(page, hostId);
    await expectBanner(app, expected.family, expected.nhsNumberDisplay);
    const u = host.user;
    await expect(app.getByText(new RegExp(`${u.given} ${u.family}`, 'i'))).toBeVisible();
    await expect(app.getByText(u.roleDisplay)).toBeVisible();
  });
}

/** The app page the launch page loads ahead in a hidden frame (docs/adr/0010): its own requests are not the viewer's. */
const loadedAhead = (frame: Frame) => {
  const parent = frame.parentFrame();
  return parent !== null && new URL(parent.url()).pathname === '/launch/';
};

test('a launch reads /config.json once per page and comes straight back from the authorisation server', async ({ page }) => {
  const configReads: string[] = [];
  const authorisation: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === topology.appOrigin && u.pathname === '/config.json' && !loadedAhead(r.frame())) configReads.push(r.frame().url());
    if (u.origin === new URL(topology.authIssuer).origin && (u.searchParams.has('launch') || u.pathname.startsWith('/interaction'))) authorisation.push(u.pathname);
  });
  // Each page's scripts are held until its /config.json has been asked for (or 5 s): the
  // preload in the page asks for it beside them, not after them.
  const askedWhileScriptsLoaded = new Set<string>();
  await page.route(`${topology.appOrigin}/assets/*.js`, async (route) => {
    const pagePath = new URL(route.request().frame().url()).pathname;
    const asked = () => configReads.some((url) => new URL(url).pathname === pagePath);
    if ((pagePath === '/launch/' || pagePath === '/') && !loadedAhead(route.request().frame())) {
      for (let waited = 0; waited < 5_000 && !asked(); waited += 50) await new Promise((r) => setTimeout(r, 50));
      if (asked()) askedWhileScriptsLoaded.add(pagePath);
    }
    await route.continue();
  });
  const { expected, app } = await openFromHost(page, 'gp');
  await expectBanner(app, expected.family, expected.nhsNumberDisplay);
  // One read on the launch page, one in the viewer: each page's preload is the read itself.
  expect(configReads.map((url) => new URL(url).pathname)).toEqual(['/launch/', '/']);
  expect([...askedWhileScriptsLoaded].sort()).toEqual(['/', '/launch/']);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  // The user is signed in to the host system: no interaction page between /auth and the viewer.
  expect(authorisation).toEqual(['/auth']);
});

test("the launch page asks the launching server's discovery once, while its own scripts are still loading", async ({ page }) => {
  const gpIss = topology.endpoints.find((e) => e.id === 'riverside-gp')!.baseUrl;
  const discovery: string[] = [];
  page.on('request', (r) => {
    if (r.url() === `${gpIss}/.well-known/smart-configuration`) discovery.push(new URL(r.frame().url()).pathname);
  });
  // The launch page's scripts are held until discovery at iss has been asked for (or 5 s):
  // the page asks for it itself (the issuers its host wrote in, docs/adr/0009), not its scripts.
  let askedWhileScriptsLoaded = false;
  await page.route(`${topology.appOrigin}/assets/*.js`, async (route) => {
    if (new URL(route.request().frame().url()).pathname === '/launch/') {
      for (let waited = 0; waited < 5_000 && discovery.length === 0; waited += 50) await new Promise((r) => setTimeout(r, 50));
      if (discovery.length > 0) askedWhileScriptsLoaded = true;
    }
    await route.continue();
  });
  const { expected, app } = await openFromHost(page, 'gp');
  await expectBanner(app, expected.family, expected.nhsNumberDisplay);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  expect(askedWhileScriptsLoaded).toBe(true);
  // One read, on the launch page: the launch module's own read takes the page's response.
  expect(discovery).toEqual(['/launch/']);
});

test("the launching server's reads go out, each a batch at the base, while the viewer's own app chunk is still loading", async ({ page }) => {
  const gpIss = topology.endpoints.find((e) => e.id === 'riverside-gp')!.baseUrl;
  const reads: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (r.method() === 'GET' && r.url().startsWith(`${gpIss}/`) && /\/(Patient|Practitioner|PractitionerRole)\b/.test(u.pathname)) reads.push(`GET ${u.pathname}`);
    if (r.method() === 'POST' && r.url() === gpIss) {
      const entries = ((JSON.parse(r.postData() ?? '{}') as { entry?: { request: { url: string } }[] }).entry ?? []).map((e) => e.request.url);
      if (entries.some((url) => /^(Patient|Practitioner|PractitionerRole)\b/.test(url))) reads.push(`batch ${entries.join(', ')}`);
    }
  });
  // The app page's React app chunk (app/bootstrap, module-preloaded by index.html) is held
  // until the reads have gone out (or 5 s): the entry sends them as soon as the token and
  // the configuration are in, not after that chunk has run.
  let readWhileChunkHeld = false;
  await page.route(`${topology.appOrigin}/assets/bootstrap-*.js`, async (route) => {
    // Held in the app page loaded ahead too: the viewer's page may take that copy.
    if (new URL(route.request().frame().url()).pathname === '/') {
      for (let waited = 0; waited < 5_000 && reads.length === 0; waited += 50) await new Promise((r) => setTimeout(r, 50));
      if (reads.length > 0) readWhileChunkHeld = true;
    }
    await route.continue();
  });
  const { expected, app } = await openFromHost(page, 'gp');
  await expectBanner(app, expected.family, expected.nhsNumberDisplay);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  expect(readWhileChunkHeld).toBe(true);
  // Once each, each a batch of one at the base (no GET with a URL of its own): the app's queries took the answers sent ahead.
  expect([...reads].sort()).toEqual([
    expect.stringMatching(/^batch Patient\/[^,]+$/),
    expect.stringMatching(/^batch Practitioner\/[^,]+$/),
    expect.stringMatching(/^batch PractitionerRole\?practitioner=[^,]+$/),
  ]);
});

test("the launching server's reads need no preflight of their own: the app page paid the base's while the token was on its way", async ({ page }) => {
  const gpIss = topology.endpoints.find((e) => e.id === 'riverside-gp')!.baseUrl;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen: string[] = [];
  cdp.on('Network.requestWillBeSent', (e: { type?: string; request: { url: string; method: string } }) => {
    const { url, method } = e.request;
    if (url === gpIss && (e.type === 'Preflight' || method === 'OPTIONS')) seen.push('preflight');
  });
  cdp.on('Network.responseReceived', (e: { response: { url: string } }) => {
    if (e.response.url === `${topology.authIssuer}/token`) seen.push('token answered');
  });
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url() === gpIss && (r.postData() ?? '').includes('"Patient/')) reads.push(r.url());
  });
  const { expected, app } = await openFromHost(page, 'gp');
  await expectBanner(app, expected.family, expected.nhsNumberDisplay);
  expect(reads).toHaveLength(1);
  // The base's one preflight, sent while the token request was on its way (by the token-less
  // warm-up, which asks only for metadata; the two go out together, in either order); the
  // reads' batch after the token, with none of its own.
  expect(seen.filter((x) => x === 'preflight')).toHaveLength(1);
  // The first token answer is the launch's (the later ones are the other organisations' tokens).
  expect(seen.indexOf('token answered')).toBeGreaterThan(-1);
  expect(seen.indexOf('preflight')).toBeLessThan(seen.indexOf('token answered'));
});

test("the viewer's scripts and stylesheet come from the browser's cache, fetched by the launch page", async ({ page }) => {
  const hold = await holdAuthorisationUntilFetchedAhead(page);
  const { expected, app } = await openFromHost(page, 'gp');
  await expectBanner(app, expected.family, expected.nhsNumberDisplay);
  expect(hold.held()).toBe(true);
  // What the viewer's page names as served (the chunks it imports later are not in it).
  const html = await (await page.request.get(`${topology.appOrigin}/`)).text();
  const named = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  expect(named.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(1);
  const frame = page.frames().find((f) => new URL(f.url()).origin === topology.appOrigin && new URL(f.url()).pathname === '/')!;
  const loads = await frame.evaluate((paths) => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return paths.map((url) => ({ url, transferSize: entries.find((e) => new URL(e.name).pathname === url)?.transferSize }));
  }, named);
  // transferSize 0: served from the HTTP cache, nothing asked of the network.
  expect(loads).toEqual(loads.map((l) => ({ url: l.url, transferSize: 0 })));
});

test('the app page at the redirect back comes from the browser’s cache, loaded ahead by the launch page in a hidden frame', async ({ page }) => {
  const ahead: string[] = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && loadedAhead(r.frame())) ahead.push(new URL(r.url()).pathname);
  });
  // No page.route here: Playwright's request interception turns Chromium's HTTP cache off.
  const hold = await holdAuthorisationUntilFetchedAhead(page);
  const { expected, app } = await openFromHost(page, 'gp');
  await expectBanner(app, expected.family, expected.nhsNumberDisplay);
  expect(hold.held()).toBe(true);
  expect(ahead).toEqual(['/']);
  const frame = page.frames().find((f) => new URL(f.url()).origin === topology.appOrigin && new URL(f.url()).pathname === '/' && !loadedAhead(f))!;
  // The viewer's own page: the redirect URI with its code and state, its document from the HTTP cache (transferSize 0).
  const navigation = await frame.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { transferSize: n.transferSize, hadCode: new URL(n.name).searchParams.has('code') };
  });
  expect(navigation).toEqual({ transferSize: 0, hadCode: true });
});

test('a host system can open the viewer in a new window', async ({ page, context }) => {
  const host = topology.hosts.find((h) => h.id === 'gp')!;
  const expected = patientAt(host);
  await page.goto(`${host.origin}/`);
  const popup = context.waitForEvent('page');
  await page.getByRole('button', { name: `Open My Care Record in a new window for ${expected.hostListName}`, exact: true }).click();
  const win = await popup;
  await expectBanner(win, expected.family, expected.nhsNumberDisplay);
});

test.describe('launch failures end on a page that says what happened', () => {
  const gpIss = topology.endpoints.find((e) => e.id === 'riverside-gp')!.baseUrl;

  test('an iss the viewer is not set up for', async ({ page }) => {
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith('https://ehr.elsewhere.example/')) elsewhere.push(r.url());
    });
    await page.goto(`${topology.launchUrl}?iss=${encodeURIComponent('https://ehr.elsewhere.example/fhir')}&launch=abc`);
    await expect(page.getByRole('heading')).toBeVisible();
    // Nothing is asked of a server the viewer is not set up for (T7), not even its discovery.
    expect(elsewhere).toEqual([]);
    await expect(page.locator('body')).toContainText('https://ehr.elsewhere.example/fhir');
    await expect(page.locator('body')).toContainText(/not set up/i);
  });

  test('a launch the authorisation server does not know (expired or never issued)', async ({ page }) => {
    await page.goto(`${topology.launchUrl}?iss=${encodeURIComponent(gpIss)}&launch=no-such-launch`);
    await expect(page.locator('body')).toContainText(/expired/i);
    await expect(page.locator('body')).toContainText(/open the record again/i);
  });

  test('the user declined at the authorisation server', async ({ page }) => {
    await page.goto(`${topology.appOrigin}/?error=access_denied&error_description=End-User+aborted+interaction&state=x`);
    await expect(page.locator('body')).toContainText(/declined|denied|not allowed/i);
  });

  test('a tampered state on the way back is refused', async ({ page }) => {
    const host = topology.hosts.find((h) => h.id === 'gp')!;
    const expected = patientAt(host);
    // Catch the launch page's navigation to the authorisation server (redirect hops
    // cannot be intercepted), then walk the server's redirects with the browser's own
    // cookies and alter `state` in the final redirect back to the app.
    let authorizeUrl: string | undefined;
    await page.route(`${topology.authIssuer}/**`, async (route) => {
      if (!authorizeUrl && route.request().isNavigationRequest()) {
        authorizeUrl = route.request().url();
        await route.abort();
        return;
      }
      await route.continue();
    });
    await page.goto(`${host.origin}/`);
    await page.getByRole('button', { name: `Open My Care Record for ${expected.hostListName}`, exact: true }).click();
    await expect.poll(() => authorizeUrl).toBeTruthy();
    let next = authorizeUrl!;
    for (let hop = 0; hop < 10 && !next.startsWith(topology.appOrigin); hop++) {
      const r = await page.request.get(next, { maxRedirects: 0 });
      const location = r.headers()['location'];
      if (!location) throw new Error(`authorisation server stopped redirecting at ${next} (${r.status()})`);
      next = new URL(location, next).href;
    }
    const back = new URL(next);
    expect(back.searchParams.get('code')).toBeTruthy();
    back.searchParams.set('state', `tampered-${back.searchParams.get('state')}`);
    const frame = await (await page.locator('#app-frame').elementHandle())!.contentFrame();
    await frame!.goto(back.href);
    const app = page.frameLocator('#app-frame');
    await expect(app.locator('body')).toContainText(/security check/i);
    await expect(app.getByRole('region', { name: /patient/i })).toHaveCount(0);
  });

  test('the launching server cannot be reached', async ({ page }) => {
    await page.route(`${gpIss}/**`, (route) => route.abort('connectionrefused'));
    await page.goto(`${topology.launchUrl}?iss=${encodeURIComponent(gpIss)}&launch=whatever`);
    await expect(page.locator('body')).toContainText(/could not reach|cannot be reached|unreachable/i);
  });

  test('the app opened directly, without a launch', async ({ page }) => {
    await page.goto(`${topology.appOrigin}/`);
    await expect(page.locator('body')).toContainText(/open .* from your (clinical|host)? ?system|launch/i);
  });
});

test("the record view's scripts, fetched while the permission question shows, ask V8 to compile them whole; the launch path's do not", async ({ page }) => {
  const scripts = new Set<string>();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.origin === topology.appOrigin && /^\/assets\/[^/]+\.js$/.test(u.pathname)) scripts.add(u.pathname);
  });
  await launchComplete(page, 'gp');
  const firstLine = async (path: string) => (await (await page.request.get(`${topology.appOrigin}${path}`)).text()).split('\n', 1)[0];
  const named = (prefix: string) => [...scripts].filter((p) => p.startsWith(`/assets/${prefix}-`));
  // build/compile-hints.ts: the record view and its sections' chunks; not the launch page's,
  // the app page's entry or the bootstrap (they run as they load).
  for (const path of [...named('merged-record'), ...named('results'), ...named('documents')]) {
    expect(await firstLine(path), path).toBe('//# allFunctionsCalledOnLoad');
  }
  expect([...named('merged-record'), ...named('results'), ...named('documents')]).toHaveLength(3);
  const upFront = ['launch', 'app', 'bootstrap', 'scope-syntax', 'jsx-runtime', 'oidc-client-ts'];
  for (const prefix of upFront) expect(named(prefix), prefix).not.toHaveLength(0);
  for (const path of upFront.flatMap(named)) {
    expect(await firstLine(path), path).not.toContain('allFunctionsCalledOnLoad');
  }
});
