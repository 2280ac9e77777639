import type { Bundle, Consent } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../data/world';
import type { AccessTokenVerifier } from '../auth/verify';
import { sandboxTopology } from '../topology';
import { createRegisterHandler } from './register-handler';

const t = sandboxTopology(18400);
const BASE = t.objectionRegister.baseUrl;
const world = generateWorld();
const objecting = world.people.find((p) => p.key === world.cases.objection)!;
const verify: AccessTokenVerifier = async (token, audience) =>
  token === 'register-token' && audience === BASE
    ? { ok: true, claims: { iss: 'x', sub: 'u', aud: BASE, scope: 'openid user/Consent.rs', client_id: 'c', exp: 0, iat: 0 } }
    : { ok: false, reason: 'invalid token' };
const handle = createRegisterHandler({ topology: t, consents: world.objectionRegister, verify });
const get = (path: string, token = 'register-token') => handle(new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } }));
const byNhs = (nhs: string) => `/Consent?patient:identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhs}`)}&status=active`;

describe('the objection register', () => {
  it('finds a patient’s active objections by NHS number, naming the organisation by ODS code', async () => {
    const res = await get(byNhs(objecting.nhsNumber));
    const bundle = (await res.json()) as Bundle;
    expect(bundle.total).toBe(1);
    const consent = bundle.entry?.[0]?.resource as Consent;
    expect(consent.provision?.actor?.[0]?.reference.identifier).toEqual({ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'R9M01' });
  });

  it('finds nothing for a patient who has not objected', async () => {
    expect(((await (await get(byNhs('9990000018'))).json()) as Bundle).total).toBe(0);
  });

  it('needs a token for the register and a search by patient identifier', async () => {
    expect((await get(byNhs(objecting.nhsNumber), 'other')).status).toBe(401);
    expect((await get('/Consent?status=active')).status).toBe(400);
    expect((await get('/Consent?patient=Patient/1')).status).toBe(400);
    expect((await handle(new Request(`${BASE}/metadata`))).status).toBe(200);
  });
});
