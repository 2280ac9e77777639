/**
 * The sandbox's own server time for the viewer's one batch per endpoint (docs/adr/0005):
 * `npx tsx bench/sandbox-server-time.ts` builds the eight regional endpoints exactly as the
 * sandbox does (synthetic world, medplum engine, token check, default enforcement, fault
 * wrapper with no fault) and sends each the batch the viewer sends for the typical patient
 * (identifier search, Consents, every section's search chained on `patient.identifier` and
 * `patient.birthdate`), with a real signed token. No network and no latency: what is
 * printed is CPU time of this process, per endpoint alone and for all eight at once (the
 * bench's case, where one Node process answers them one after another).
 *
 * `node --cpu-prof --import tsx bench/sandbox-server-time.ts` for a profile.
 * SERVER_TIME_ROUNDS (default 5): rounds measured after the first.
 * SERVER_TIME_PLAIN=1: without the two shortcuts (search parameter expressions parsed
 * once, chains remembered; bench/README.md), as medplum does unaided.
 * Wall times move with the machine's load; CPU time (user + system) less so.
 */
import { generateKeyPair, SignJWT } from 'jose';
import { exportJWK } from 'jose';
import { generateWorld } from '../mocks/data/world';
import { sandboxTopology } from '../mocks/sandbox/topology';
import { createFhirEngine } from '../mocks/sandbox/fhir/engine';
import { createFhirHandler } from '../mocks/sandbox/fhir/handler';
import { defaultEnforcement } from '../mocks/sandbox/fhir/enforcement';
import { loadDefinitions, setPreParsedExpressions } from '../mocks/sandbox/fhir/definitions';
import { createAccessTokenVerifier } from '../mocks/sandbox/auth/verify';
import { withFaults } from '../mocks/sandbox/fault-handler';
import { HEALTHY } from '../mocks/sandbox/faults';
import { batchRequest } from '../src/fhir/batch';
import { personSearches } from '../src/features/sources/person-searches';

const PERSON = process.env.SERVER_TIME_PERSON ?? 'whitfield-margaret';
const ROUNDS = Number(process.env.SERVER_TIME_ROUNDS ?? 5);
const PLAIN = process.env.SERVER_TIME_PLAIN === '1';

async function main(): Promise<void> {
  const topology = sandboxTopology(Number(process.env.SANDBOX_PORT_BASE ?? 21400));
  const world = generateWorld({ topology });
  const person = world.people.find((p) => p.key === PERSON);
  if (!person) throw new Error(`no person ${PERSON}`);
  loadDefinitions();
  if (PLAIN) setPreParsedExpressions(false);
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const verify = createAccessTokenVerifier(topology.authIssuer, { keys: [{ ...(await exportJWK(publicKey)), alg: 'RS256', kid: 'k' }] });

  const endpoints = await Promise.all(
    topology.endpoints.map(async (endpoint) => {
      const engine = await createFhirEngine(world.byEndpoint[endpoint.id] ?? [], { rememberChains: !PLAIN, indexReferences: !PLAIN });
      const handler = withFaults(createFhirHandler({ endpoint, topology, engine, verify, enforcement: () => defaultEnforcement(endpoint.id), searchMs: 0 }), () => HEALTHY, topology.appOrigin);
      const token = await new SignJWT({ scope: 'launch/patient openid fhirUser patient/*.rs', client_id: topology.clientId })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })
        .setIssuer(topology.authIssuer)
        .setSubject('practitioner')
        .setAudience(endpoint.baseUrl)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
      const searches = personSearches({ nhsNumber: person.nhsNumber, birthDate: person.birthDate } as never, { composition: engine.resourceTypes.includes('Composition') });
      if (!searches) throw new Error('no person searches');
      const body = JSON.stringify(batchRequest([searches.identifier, searches.consent, ...searches.summary.map((s) => s.path)]));
      const send = async () => {
        const res = await handler(
          new Request(endpoint.baseUrl, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', origin: topology.appOrigin },
            body,
          }),
        );
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${endpoint.id}: ${res.status} ${text.slice(0, 200)}`);
        return text;
      };
      /** The viewer's second round (ADR 0007): every remaining page of every search, in one batch. */
      const remaining = (answer: string): string | undefined => {
        const paths: string[] = [];
        for (const e of (JSON.parse(answer) as { entry?: { resource?: { total?: number; link?: { relation: string; url: string }[] } }[] }).entry ?? []) {
          const next = e.resource?.link?.find((l) => l.relation === 'next')?.url;
          const total = e.resource?.total ?? 0;
          const m = next ? /[?&]_count=(\d+)&_offset=(\d+)/.exec(next) : null;
          if (!next || !m) continue;
          const step = Number(m[1]);
          for (let offset = Number(m[2]); offset < total; offset += step) paths.push(next.slice(endpoint.baseUrl.length + 1).replace(/_offset=\d+/, `_offset=${offset}`));
        }
        return paths.length ? JSON.stringify(batchRequest(paths)) : undefined;
      };
      const sendBody = async (b: string) => {
        const res = await handler(new Request(endpoint.baseUrl, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', origin: topology.appOrigin }, body: b }));
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${endpoint.id}: ${res.status} ${text.slice(0, 200)}`);
        return text;
      };
      return { id: endpoint.id, send, entries: JSON.parse(body).entry.length as number, remaining, sendBody };
    }),
  );

  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  // First: all eight at once on a fresh process, as right after the sandbox starts.
  const first: number[] = [];
  const t00 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(endpoints.map((e) => e.send().then(() => first.push(performance.now() - t00))));
  const cpuFirst = process.cpuUsage(cpu0);
  console.log(`${PLAIN ? 'PLAIN (no shortcuts) ' : ''}person ${PERSON}`);
  console.log(`  first batches (fresh process), all eight at once, answered after: ${first.map((x) => x.toFixed(0)).join(', ')} ms; CPU ${((cpuFirst.user + cpuFirst.system) / 1000).toFixed(0)} ms`);
  const alone = new Map<string, number[]>();
  const together: number[] = [];
  const answeredAt: number[][] = [];
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const e of endpoints) alone.set(e.id, [...(alone.get(e.id) ?? []), await time(e.send)]);
    const t0 = performance.now();
    const at: number[] = [];
    const c0 = process.cpuUsage();
    together.push(await time(() => Promise.all(endpoints.map((e) => e.send().then(() => at.push(performance.now() - t0))))));
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    answeredAt.push(at.sort((a, b) => a - b));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`  then ${ROUNDS} rounds, median ms:`);
  for (const e of endpoints) console.log(`  ${e.id.padEnd(20)} ${e.entries} entries  alone ${median(alone.get(e.id)!).toFixed(1)} ms`);
  const sum = endpoints.reduce((s, e) => s + median(alone.get(e.id)!), 0);
  console.log(`  sum alone ${sum.toFixed(1)} ms; all eight at once ${median(together).toFixed(1)} ms (CPU ${median(cpu).toFixed(1)} ms)`);
  const perRank = answeredAt[0]!.map((_, i) => median(answeredAt.map((a) => a[i]!)));
  console.log(`  all eight at once, answered after: ${perRank.map((x) => x.toFixed(0)).join(', ')} ms`);
  // The second round: each endpoint's remaining pages in one batch, all endpoints at once.
  const seconds = (await Promise.all(endpoints.map(async (e) => ({ e, body: e.remaining(await e.send()) })))).filter((x) => x.body);
  if (seconds.length > 0) {
    const at: number[][] = [];
    const cpu2: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const a: string[] = [];
      await Promise.all(seconds.map((x) => x.e.sendBody(x.body!).then(() => a.push(`${x.e.id} ${(performance.now() - t0).toFixed(0)}`))));
      const c = process.cpuUsage(c0);
      cpu2.push((c.user + c.system) / 1000);
      at.push(a as never);
    }
    console.log(`  second round (remaining pages, one batch per endpoint, all at once): ${seconds.map((x) => `${x.e.id} ${JSON.parse(x.body!).entry.length} pages`).join(', ')}`);
    console.log(`  answered (last round): ${(at[at.length - 1] as unknown as string[]).join(', ')} ms; CPU median ${median(cpu2).toFixed(0)} ms`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
