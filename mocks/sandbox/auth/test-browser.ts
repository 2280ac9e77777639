/**
 * Test support: just enough of a browser to drive the authorisation server over real
 * HTTP. It keeps cookies (by name and path, as oidc-provider scopes its interaction
 * cookies by path), follows redirects only within the issuer, and stops at the first
 * redirect elsewhere (the app's redirect_uri) or at an HTML page.
 */

export type Stop =
  | { kind: 'redirect'; url: URL }
  | { kind: 'page'; url: URL; status: number; headers: Headers; html: string };

interface Cookie {
  name: string;
  value: string;
  path: string;
}

export class TestBrowser {
  readonly #cookies: Cookie[] = [];
  /** Every URL this browser has requested, redirects followed included, in order. */
  readonly requested: URL[] = [];

  constructor(private readonly issuerOrigin: string) {}

  async get(url: URL | string): Promise<Stop> {
    return this.#follow(await this.#request(new URL(url), { method: 'GET' }), new URL(url));
  }

  async post(url: URL | string, form: Record<string, string>): Promise<Stop> {
    const body = new URLSearchParams(form).toString();
    const init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    return this.#follow(await this.#request(new URL(url), init), new URL(url));
  }

  /** What a browser does with an auto-submitting form_post page (oidc-provider uses them). */
  async submitForm(page: Stop, action?: string): Promise<Stop> {
    if (page.kind !== 'page') throw new Error('not a page');
    const forms = [...page.html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = forms.find(([, formAction]) => action === undefined || formAction!.endsWith(action));
    if (!form) throw new Error(`no form${action ? ` posting to ${action}` : ''} in:\n${page.html}`);
    const inputs = Object.fromEntries(
      [...form[2]!.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map(([, n, v]) => [n!, decodeEntities(v!)]),
    );
    return this.post(new URL(decodeEntities(form[1]!), page.url), inputs);
  }

  async #request(url: URL, init: RequestInit): Promise<Response> {
    const cookie = this.#cookies
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    this.requested.push(url);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.#store(line);
    return response;
  }

  #store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
    const path = attr('path') ?? '/';
    const expired = attr('max-age') === '0' || new Date(attr('expires') ?? 8.64e15) <= new Date() || value === '';
    const index = this.#cookies.findIndex((c) => c.name === name && c.path === path);
    if (index >= 0) this.#cookies.splice(index, 1);
    if (!expired) this.#cookies.push({ name, value, path });
  }

  async #follow(response: Response, url: URL): Promise<Stop> {
    let current = response;
    let currentUrl = url;
    while (current.status >= 300 && current.status < 400) {
      const next = new URL(current.headers.get('location') ?? '', currentUrl);
      await current.body?.cancel();
      if (next.origin !== this.issuerOrigin) return { kind: 'redirect', url: next };
      current = await this.#request(next, { method: 'GET' });
      currentUrl = next;
    }
    return { kind: 'page', url: currentUrl, status: current.status, headers: current.headers, html: await current.text() };
  }
}

function decodeEntities(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
