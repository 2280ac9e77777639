import { jsonSyntaxProblem } from './json-problem';
import type { AppConfiguration } from './types';
import { ConfigError, validateConfig } from './validate';

/** Where the static host serves the runtime configuration (see mocks/sandbox/app-server.ts). */
export const CONFIG_URL = '/config.json';

/**
 * Fetches and validates the runtime configuration. `cache: 'no-store'` because a deployer
 * who adds a host system must not wait for a stale copy to expire. Both pages preload this
 * URL beside their scripts (`<link rel="preload" as="fetch" crossorigin>` in index.html and
 * launch/index.html); this fetch has the preload's URL, mode (cors) and credentials
 * (same-origin), so Chromium hands it the preloaded response, `no-store` and all (measured:
 * one request per page, e2e/launch.spec.ts), instead of asking again. Every failure becomes
 * a ConfigError whose message says what to fix; none carries a stack to the page.
 */
export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfiguration> {
  let response: Response;
  try {
    response = await fetchImpl(CONFIG_URL, { cache: 'no-store' });
  } catch {
    throw new ConfigError(`${CONFIG_URL} could not be fetched (network error)`);
  }
  if (!response.ok) throw new ConfigError(`${CONFIG_URL} could not be fetched (HTTP ${response.status})`);
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new ConfigError(`${CONFIG_URL} could not be read (the connection ended early)`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${CONFIG_URL} is not valid JSON (${jsonSyntaxProblem(text, e)})`);
  }
  return validateConfig(body);
}
