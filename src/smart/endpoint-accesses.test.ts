import { describe, expect, it } from 'vitest';
import { configInput } from '../testing/config';
import { testSession } from '../testing/session';
import { ISS } from '../testing/smart-state';

describe('session.endpointAccesses', () => {
  it('reuses the launch token at the launching endpoint (iss, trailing slash or not) and signs in elsewhere', async () => {
    const session = testSession();
    const config = configInput();
    config.endpoints[0]!.fhirBaseUrl = `${ISS}/`;
    const accesses = session.endpointAccesses(config);
    expect([...accesses.keys()]).toEqual(['riverside-gp', 'fenland-mh']);
    expect(session.endpointAccesses(config)).toBe(accesses);

    const gp = accesses.get('riverside-gp')!;
    expect(await gp.authorise()).toMatchObject({ state: 'authorised' });
    await expect(gp.getHeaders(`${ISS}/Patient/p1`)).resolves.toEqual({ Authorization: 'Bearer test-access-token' });

    const mh = accesses.get('fenland-mh')!;
    expect(mh.origin).toBe('http://localhost:8431');
    expect(mh.current()).toEqual({ state: 'idle' });
    await expect(mh.getHeaders(`${ISS}/Patient/p1`)).rejects.toMatchObject({ name: 'TokenOriginError' });
    // Nothing a component could serialise holds the token.
    expect(JSON.stringify([...accesses.values()])).not.toContain('test-access-token');
    expect(JSON.stringify(session)).not.toContain('test-access-token');
  });
});
