import { describe, expect, it, vi } from 'vitest';
import { configInput } from '../testing/config';
import { loadConfig } from './load';

const respond = (body: BodyInit | null, status = 200) =>
  vi.fn<typeof fetch>().mockResolvedValue(new Response(body, { status, headers: { 'content-type': 'application/json' } }));

describe('loadConfig', () => {
  it('fetches /config.json without the HTTP cache and validates it', async () => {
    const fetchImpl = respond(JSON.stringify(configInput()));
    await expect(loadConfig(fetchImpl)).resolves.toEqual(configInput());
    expect(fetchImpl).toHaveBeenCalledWith('/config.json', { cache: 'no-store' });
  });

  it('says what went wrong when the file is missing, not JSON, invalid or unreachable', async () => {
    await expect(loadConfig(respond('Not found', 404))).rejects.toThrow('/config.json could not be fetched (HTTP 404)');
    await expect(loadConfig(respond('{'))).rejects.toThrow("/config.json is not valid JSON (line 1, column 2: Expected property name or '}')");
    await expect(loadConfig(respond('{\n  "clientId": "viewer",\n}'))).rejects.toThrow(
      '/config.json is not valid JSON (line 3, column 1: Expected double-quoted property name)',
    );
    await expect(loadConfig(respond('{"clientId":"x","launch":[],"endpoints":[]}'))).rejects.toThrow(
      'launch must list at least 1 entry',
    );
    const offline = vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(loadConfig(offline)).rejects.toThrow('/config.json could not be fetched (network error)');
  });
});
