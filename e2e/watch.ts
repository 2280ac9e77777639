import { expect, type BrowserContext, type Frame, type Page } from '@playwright/test';

/**
 * Watches everything a browser context does that a security test needs to assert on:
 * every request from every page and frame (pop-ups and the sign-in iframes included) with
 * its Authorization header, uncaught page errors, and dialogs. Attach before the launch.
 */
export interface SeenRequest {
  url: string;
  method: string;
  origin: string;
  /** The bearer token, if the request carried one. */
  bearer?: string;
  /** Milliseconds since the watch began. */
  at: number;
  /** The request body, where there was one (a batch's entries). */
  postData?: string;
}

export interface Watch {
  requests: SeenRequest[];
  pageErrors: string[];
  dialogs: string[];
  /** Waits for the header reads still under way (call before asserting on requests). */
  settle(): Promise<void>;
}

export function watchContext(context: BrowserContext): Watch {
  const started = Date.now();
  const pending: Promise<void>[] = [];
  const watch: Watch = {
    requests: [],
    pageErrors: [],
    dialogs: [],
    settle: async () => {
      await Promise.all(pending);
    },
  };
  context.on('request', (request) => {
    const at = Date.now() - started;
    pending.push(
      request
        .allHeaders()
        .catch(() => request.headers())
        .then((headers) => {
          const m = /^Bearer\s+(\S+)/i.exec(headers.authorization ?? '');
          const postData = request.postData() ?? undefined;
          watch.requests.push({ url: request.url(), method: request.method(), origin: originOf(request.url()), bearer: m?.[1], at, ...(postData ? { postData } : {}) });
        }),
    );
  });
  context.on('weberror', (e) => watch.pageErrors.push(String(e.error())));
  const onPage = (page: Page) => {
    page.on('dialog', (d) => {
      watch.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    });
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
  return watch;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The `aud` claim(s) of a JWT access token, without checking its signature (the test only reads it). */
export function audiences(jwt: string): string[] {
  const part = jwt.split('.')[1];
  if (!part) return [];
  const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { aud?: string | string[] };
  return claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
}

/**
 * Bearer tokens go only to the origin they were issued for (docs/standards.md, "Browser
 * security"): every request that carried one went to the origin of the token's audience,
 * and no token ever appears in a URL.
 */
export async function expectTokensStayHome(watch: Watch): Promise<void> {
  await watch.settle();
  const withToken = watch.requests.filter((r) => r.bearer);
  expect(withToken.length, 'requests seen with a bearer token (else this check proves nothing)').toBeGreaterThan(0);
  const offOrigin = withToken.filter((r) => !audiences(r.bearer!).some((aud) => new URL(aud).origin === r.origin));
  expect(offOrigin.map((r) => `${r.method} ${r.url}`), 'a token was sent to an origin it was not issued for').toEqual([]);
  const tokens = new Set(withToken.map((r) => r.bearer!));
  const inUrl = watch.requests.filter((r) => [...tokens].some((t) => r.url.includes(t)) || /[?&#]access_token=/.test(r.url));
  expect(inUrl.map((r) => r.url), 'a token appeared in a URL').toEqual([]);
}

/** No uncaught error in any page or frame, and no dialog opened. */
export function expectNoCrash(watch: Watch): void {
  expect(watch.pageErrors, 'uncaught errors in the page').toEqual([]);
  expect(watch.dialogs, 'dialogs opened').toEqual([]);
}

/** Every frame of every page in the context (the host page, the app's iframe, sign-in iframes). */
export function allFrames(context: BrowserContext): Frame[] {
  return context.pages().flatMap((p) => p.frames());
}

