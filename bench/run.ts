/**
 * `npm run bench`: how close the viewer is to the physical limit. Builds the app into its
 * own directory, starts the sandbox in this process with a latency L added to every
 * request on every server, drives Chromium through full launches (host page → button →
 * the viewer in the host's iframe) and prints one JSON object per line: metric, value,
 * target, met, settings. Writes the same lines to bench/results/latest.jsonl and a
 * request timeline of the first measured launches to bench/results/latest-timeline.txt.
 * Exits non-zero only on an error, never on a missed target. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { startSandbox, type Sandbox } from '../mocks/sandbox/sandbox';
import { observeServedRequests, type ServedRequest } from '../mocks/sandbox/http-util';
import { HEALTHY } from '../mocks/sandbox/faults';
import { addLatencyToPort } from './auth-latency';
import { entrySize } from './bundle-size';
import { driveLaunch, type Observation } from './drive';
import { summariseTrace } from './trace-summary';
import { cpuBetween, cpuSnapshot, type CpuGroup, type CpuSnapshot } from './cpu-time';
import { countRequests, firstEndpointRequest, isComplete, launchStart, median, phases, round, settledExcept, timeline } from './metrics';
import { runNaive, type NaiveResult } from './naive';
import type { ProbeEvent } from './page-probe';
import { summariseProfile } from './profile';
import { AUTH_ROUTES } from '../mocks/sandbox/auth/routes';

const ROOT = resolve(import.meta.dirname, '..');
const env = process.env;
const num = (name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
};

const settings = {
  latencyMs: num('BENCH_LATENCY_MS', 200),
  runs: Math.max(1, Math.round(num('BENCH_RUNS', 3))),
  portBase: Math.round(num('BENCH_PORT_BASE', 19400)),
  distDir: resolve(ROOT, env.BENCH_DIST_DIR || 'dist-bench'),
  build: env.BENCH_SKIP_BUILD !== '1',
  /** Build a commit (`git archive`) instead of the working tree, e.g. BENCH_REF=HEAD. */
  ref: env.BENCH_REF || undefined,
  hangEndpoint: env.BENCH_HANG_ENDPOINT || 'ouse-community',
  /** One more launch under the CPU profiler: '1' or 'large' (the large record), 'typical'. */
  profile: env.BENCH_PROFILE === 'typical' ? ('typical' as const) : env.BENCH_PROFILE === '1' || env.BENCH_PROFILE === 'large' ? ('large' as const) : undefined,
  /** One more typical launch under Chromium's tracing, summarised per thread (bench/trace-summary.ts). */
  trace: env.BENCH_TRACE === '1',
  /** How long the user reads the permission prompt before deciding (when the app has one). */
  thinkMs: num('BENCH_THINK_MS', 3000),
  chromium: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  /** Network profiles, measured one after the other and reported side by side (BENCH_PROFILES=network,server). */
  profiles: (env.BENCH_PROFILES || 'network,server,region').split(',').map((x) => x.trim()).filter(Boolean),
  /** The slow-server profile: a short network and server time on every FHIR search. */
  serverLatencyMs: num('BENCH_SERVER_LATENCY_MS', 30),
  serverSearchMs: num('BENCH_SERVER_SEARCH_MS', 300),
  /** The region profile: this many endpoints (SANDBOX_ENDPOINTS), the record locator named, L on every request. */
  regionEndpoints: Math.round(num('BENCH_REGION_ENDPOINTS', 100)),
  regionLatencyMs: num('BENCH_REGION_LATENCY_MS', 200),
};

/**
 * A network profile: L added to every request of every server, S of server time on every
 * FHIR search (SANDBOX_SEARCH_MS). Round trips are counted in units of L + S: a request
 * that waits for a search costs one of them.
 */
interface Profile {
  name: 'network' | 'server';
  latencyMs: number;
  searchMs: number;
  unitMs: number;
  unit: string;
}
function profileOf(name: string): Profile {
  if (name === 'network') return { name, latencyMs: settings.latencyMs, searchMs: 0, unitMs: settings.latencyMs, unit: 'round trips (L)' };
  if (name === 'server') {
    const L = settings.serverLatencyMs;
    const S = settings.serverSearchMs;
    return { name, latencyMs: L, searchMs: S, unitMs: L + S, unit: `round trips (L + S = ${L + S} ms)` };
  }
  throw new Error(`BENCH_PROFILES: unknown profile "${name}" (network, server, region)`);
}
/** The flags of playwright.config.ts: no network beyond loopback, nothing calling home. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LAUNCH_TIMEOUT_MS = 60_000;

interface MetricLine {
  metric: string;
  value: number;
  unit: string;
  /** The target's number; `op` says which side of it meets it. */
  target: number;
  op: '<=' | '>=';
  met: boolean;
  settings: Record<string, unknown>;
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** What was measured: the working tree, a commit, or a build made beforehand. */
let source = 'working tree';

function run(cmd: string, args: string[], cwd: string, what: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], shell: false });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
  return r.stdout.trim();
}

function build(): void {
  if (!settings.build) {
    if (!existsSync(join(settings.distDir, 'index.html'))) throw new Error(`BENCH_SKIP_BUILD=1 but ${settings.distDir} holds no build`);
    source = `prebuilt ${settings.distDir}`;
    return;
  }
  let cwd = ROOT;
  if (settings.ref) {
    // A commit's files (git archive: reads the repository, changes nothing), built with this checkout's node_modules.
    const sha = run('git', ['rev-parse', '--short', settings.ref], ROOT, 'git rev-parse');
    cwd = mkdtempSync(join(tmpdir(), 'mcr-bench-src-'));
    run('sh', ['-c', `git -C "${ROOT}" archive "${sha}" | tar -x -C "${cwd}"`], ROOT, 'git archive');
    symlinkSync(join(ROOT, 'node_modules'), join(cwd, 'node_modules'));
    source = `git ${settings.ref} (${sha})`;
  }
  log(`building the app (${source}) into ${settings.distDir}`);
  const vite = join(ROOT, 'node_modules', '.bin', 'vite');
  try {
    run(vite, ['build', '--outDir', settings.distDir, '--emptyOutDir', '--logLevel', 'error'], cwd, 'vite build');
  } finally {
    if (cwd !== ROOT) {
      unlinkSync(join(cwd, 'node_modules')); // the link only, before removing the copy
      rmSync(cwd, { recursive: true, force: true });
    }
  }
}

function machine(): Record<string, unknown> {
  const c = cpus();
  return { cpus: c.length, cpu: c[0]?.model.trim(), memGb: round(totalmem() / 2 ** 30, 1), node: process.version, platform: `${process.platform} ${process.arch}` };
}

/** A target written as "<= 2.5" or ">= 3": its operator and number. */
function parseTarget(target: string): { op: '<=' | '>='; limit: number } {
  const [, op, n] = /^(<=|>=)\s*([\d.]+)$/.exec(target) ?? [];
  if (!op || n === undefined) throw new Error(`bad target "${target}"`);
  return { op: op as '<=' | '>=', limit: Number(n) };
}

/** Whether `value` meets the target. */
function meets(target: string, value: number): boolean {
  const { op, limit } = parseTarget(target);
  if (!Number.isFinite(value)) return false;
  return op === '<=' ? value <= limit : value >= limit;
}

interface RunResult {
  typical: Observation;
  /** The sandbox's handling of the requests of the typical launch (observeServedRequests). */
  typicalServed: ServedRequest[];
  /** CPU used by the browser's and the bench's threads from the decision to "Complete" (Linux only). */
  typicalCpu?: Partial<Record<CpuGroup, number>>;
  naive: NaiveResult;
  hang: Observation;
  large: Observation;
  naiveLarge: NaiveResult;
}

async function measureRun(browser: Browser, sandbox: Sandbox, people: { typical: string; large: string }): Promise<RunResult> {
  const t = sandbox.topology;
  const painted = (events: ProbeEvent[]) => events.some((e) => e.name === 'painted');
  log('  typical patient, all healthy');
  const typicalServed: ServedRequest[] = [];
  observeServedRequests((s) => typicalServed.push(s));
  let typical: Observation;
  // Read as the bench hears of each moment: just before the click, and when the probe reports "Complete".
  let cpuBefore: CpuSnapshot | undefined;
  let cpuAtComplete: CpuSnapshot | undefined;
  try {
    typical = await driveLaunch(browser, sandbox, {
      hostId: 'gp', personKey: people.typical, timeoutMs: LAUNCH_TIMEOUT_MS, thinkMs: settings.thinkMs, settleMs: 300,
      beforeDecision: () => (cpuBefore = cpuSnapshot()),
      done: (events) => {
        if (cpuBefore && !cpuAtComplete && events.some(isComplete)) cpuAtComplete = cpuSnapshot();
        return painted(events);
      },
    });
  } finally {
    observeServedRequests(undefined);
  }
  const typicalCpu = cpuBefore && cpuAtComplete ? cpuBetween(cpuBefore, cpuAtComplete) : undefined;
  log('  naive strategy in Node, same patient');
  const naive = await runNaive(sandbox, people.typical);
  log(`  typical patient, ${settings.hangEndpoint} hanging`);
  const names = t.endpoints.map((e) => e.organisationName);
  const hung = t.endpoints.find((e) => e.id === settings.hangEndpoint);
  if (!hung) throw new Error(`BENCH_HANG_ENDPOINT: no endpoint ${settings.hangEndpoint}`);
  await sandbox.setFault(hung.id, { mode: 'hang', latencyMs: 0 });
  let hang: Observation;
  try {
    hang = await driveLaunch(browser, sandbox, {
      hostId: 'gp',
      personKey: people.typical,
      done: (events) => settledExcept(events, names, hung.organisationName) !== undefined,
      timeoutMs: LAUNCH_TIMEOUT_MS, thinkMs: settings.thinkMs,
    });
  } finally {
    await sandbox.setFault(hung.id, HEALTHY);
  }
  log('  large record');
  const large = await driveLaunch(browser, sandbox, { hostId: 'gp', personKey: people.large, done: painted, timeoutMs: LAUNCH_TIMEOUT_MS, thinkMs: settings.thinkMs, measureHeap: true });
  log('  naive strategy in Node, large record');
  const naiveLarge = await runNaive(sandbox, people.large);
  return { typical, typicalServed, ...(typicalCpu ? { typicalCpu } : {}), naive, hang, large, naiveLarge };
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  build();
  const app = await entrySize(settings.distDir, 'index.html');
  const launchPage = await entrySize(settings.distDir, 'launch/index.html');
  // Keep the build out of git without touching the repository's .gitignore.
  await writeFile(join(settings.distDir, '.gitignore'), '*\n');

  const allLines: MetricLine[] = [];
  for (const [i, name] of settings.profiles.entries()) {
    if (name === 'region') {
      allLines.push(...(await measureRegion({ loadBefore, started })));
      continue;
    }
    const profile = profileOf(name);
    const lines = await measureProfile(profile, { app, launchPage, loadBefore, started, withBundle: i === 0, timelineFile: i === 0 ? 'latest-timeline.txt' : `latest-timeline-${profile.name}.txt` });
    allLines.push(...lines);
  }
  const out = allLines.map((l) => JSON.stringify(l)).join('\n');
  process.stdout.write(`${out}\n`);
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(join(ROOT, 'bench', 'results', 'latest.jsonl'), `${out}\n`);
  log(`done in ${Math.round((Date.now() - started) / 1000)} s; wrote bench/results/latest.jsonl`);
}

type Sizes = Awaited<ReturnType<typeof entrySize>>;

async function measureProfile(
  profile: Profile,
  ctx: { app: Sizes; launchPage: Sizes; loadBefore: number; started: number; withBundle: boolean; timelineFile: string },
): Promise<MetricLine[]> {
  const L = profile.latencyMs;
  const previousLatency = env.SANDBOX_LATENCY_MS;
  const previousSearch = env.SANDBOX_SEARCH_MS;
  env.SANDBOX_LATENCY_MS = String(L); // read by listenLocal as each server starts
  env.SANDBOX_SEARCH_MS = String(profile.searchMs); // read by each FHIR endpoint as it starts
  const authPort = settings.portBase + 20;
  const undoAuthLatency = addLatencyToPort(authPort, L);
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  const runs: RunResult[] = [];
  try {
    log(`profile ${profile.name}: the sandbox on port base ${settings.portBase}, ${L} ms on every request, ${profile.searchMs} ms on every FHIR search`);
    sandbox = await startSandbox({ portBase: settings.portBase, distDir: settings.distDir });
    stopOnSignal = async () => {
      await browser?.close().catch(() => undefined);
      await sandbox?.close();
    };
    browser = await chromium.launch({ executablePath: settings.chromium, args: CHROMIUM_ARGS });
    const people = { typical: sandbox.world.people[0]!.key, large: sandbox.world.cases.largeRecord };
    log('warm-up launch (not counted)');
    await driveLaunch(browser, sandbox, { hostId: 'gp', personKey: people.typical, done: (e) => e.some((x) => x.name === 'painted'), timeoutMs: LAUNCH_TIMEOUT_MS });
    for (let i = 0; i < settings.runs; i++) {
      log(`run ${i + 1} of ${settings.runs}`);
      runs.push(await measureRun(browser, sandbox, people));
    }
    const lines = report(sandbox, runs, profile, { ...ctx, browserVersion: browser.version(), people });
    const first = runs[0]!;
    const t = sandbox.topology;
    const U = profile.unitMs;
    const tl = [
      `# Request timelines of run 1, profile ${profile.name}, in ${profile.unit}, measured ${new Date(ctx.started).toISOString()}`,
      '# [sandbox] lines (typical patient): each request as the sandbox handled it, at the moment its handler started: how long it waited after its latency, behind the other work of the one Node process that runs every server but the authorisation server, and how long it then took to answer (handlers interleave at every await, so this includes the others\' work meanwhile)',
      `\n## Typical patient (${people.typical}), from opening the launch URL`,
      ...timeline(t, first.typical, launchStart(t, first.typical) ?? first.typical.clickedAt, U, first.typicalServed),
      ...(first.typicalCpu
        ? [
            `\n## CPU time from the decision's click to "Complete" (typical patient, run 1; ${cpus().length} CPUs; 10 ms ticks)`,
            ...Object.entries(first.typicalCpu).sort((a, b) => b[1] - a[1]).map(([group, ms]) => `${String(ms).padStart(6)} ms  ${group}`),
          ]
        : []),
      `\n## Large record (${people.large}), from the first endpoint request`,
      ...timeline(t, first.large, firstEndpointRequest(t, first.large) ?? first.large.clickedAt, U),
    ];
    await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
    await writeFile(join(ROOT, 'bench', 'results', ctx.timelineFile), `${tl.join('\n')}\n`);
    if (settings.trace && profile.name === 'network') {
      log(`tracing one more launch of ${people.typical} (BENCH_TRACE=1; not counted)`);
      try {
        const traced = await driveLaunch(browser, sandbox, { hostId: 'gp', personKey: people.typical, done: (e) => e.some((x) => x.name === 'painted'), timeoutMs: 3 * LAUNCH_TIMEOUT_MS, thinkMs: settings.thinkMs, trace: true });
        const summary = [`# Chromium trace of a launch of ${people.typical}, ${source}, L = ${L} ms, from the permission decision to the painted record, ${new Date().toISOString()}`, '# self time of each kind of event, per thread (busiest threads first)', '', ...summariseTrace(traced.trace ?? [])];
        await writeFile(join(ROOT, 'bench', 'results', 'typical-record-trace.txt'), `${summary.join('\n')}\n`);
        if (env.BENCH_TRACE_FILE) await writeFile(env.BENCH_TRACE_FILE, JSON.stringify(traced.trace));
        log('wrote bench/results/typical-record-trace.txt');
      } catch (e) {
        log(`the trace could not be taken: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`);
      }
    }
    if (settings.profile && profile.name === (env.BENCH_PROFILE_UNDER || 'network')) {
      // Diagnostics only, after the results are written: a failure here is reported, not fatal.
      const who = settings.profile === 'typical' ? { key: people.typical, file: 'typical-record' } : { key: people.large, file: 'large-record' };
      log(`profiling one more launch of ${who.key} (BENCH_PROFILE=${settings.profile}; not counted)`);
      try {
        const profiled = await driveLaunch(browser, sandbox, { hostId: 'gp', personKey: who.key, done: (e) => e.some((x) => x.name === 'painted'), timeoutMs: 3 * LAUNCH_TIMEOUT_MS, thinkMs: settings.thinkMs, profile: true });
        await writeFile(join(ROOT, 'bench', 'results', `${who.file}.cpuprofile`), JSON.stringify(profiled.profile));
        const summary = [`# CPU profile of a launch of ${who.key}, ${source}, L = ${L} ms, ${new Date().toISOString()}`, '', ...summariseProfile(profiled.profile, settings.distDir, sandbox.topology.appOrigin, 20, lastResponseWindow(profiled))];
        await writeFile(join(ROOT, 'bench', 'results', `${who.file}-profile.txt`), `${summary.join('\n')}\n`);
        log(`wrote bench/results/${who.file}-profile.txt`);
      } catch (e) {
        log(`the profile could not be taken: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`);
      }
    }
    return lines;
  } finally {
    await browser?.close().catch(() => undefined);
    await sandbox?.close();
    undoAuthLatency();
    if (previousLatency === undefined) delete env.SANDBOX_LATENCY_MS;
    else env.SANDBOX_LATENCY_MS = previousLatency;
    if (previousSearch === undefined) delete env.SANDBOX_SEARCH_MS;
    else env.SANDBOX_SEARCH_MS = previousSearch;
  }
}

/** From the end of the last FHIR response to the profile's stop (just after the painted frame). */
function lastResponseWindow(o: Observation): { lastMs: number; what: string } | undefined {
  const painted = o.events.find((e) => e.name === 'painted');
  if (!painted?.lastFhirResponseEnd || o.profileStoppedAt === undefined) return undefined;
  const lastResponse = painted.t - painted.p + painted.lastFhirResponseEnd;
  return { lastMs: o.profileStoppedAt - lastResponse, what: `the end of the last FHIR response to the profile's stop; painted ${Math.round(painted.t - lastResponse)} ms after that response` };
}

function report(
  sandbox: Sandbox,
  runs: RunResult[],
  profile: Profile,
  ctx: { app: Sizes; launchPage: Sizes; browserVersion: string; loadBefore: number; started: number; people: { typical: string; large: string }; withBundle: boolean },
): MetricLine[] {
  const t = sandbox.topology;
  /** The round-trip unit: L, or L + S in the slow-server profile. */
  const L = profile.unitMs;
  const common = {
    app: source,
    profile: profile.name,
    latencyMs: profile.latencyMs,
    searchMs: profile.searchMs,
    roundTripUnitMs: profile.unitMs,
    latencyOn: 'every request to every sandbox server (home, hosts, authorisation, 8 FHIR endpoints, app), CORS preflights included',
    searchTimeOn: profile.searchMs > 0 ? "every FHIR search at the 8 regional endpoints (a direct search and each search in a batch; a batch's searches run concurrently)" : 'none',
    endpoints: t.endpoints.length,
    runs: runs.length,
    statistic: 'median of runs',
    browser: `Chromium ${ctx.browserVersion} headless, fresh context per launch (cold HTTP cache)`,
    machine: { ...machine(), loadAvg1mBefore: round(ctx.loadBefore), loadAvg1mAfter: round(loadavg()[0]!), note: 'shared machine: other builds and tests may run at the same time' },
    date: new Date(ctx.started).toISOString(),
  };
  const line = (metric: string, value: number, unit: string, target: string, extra: Record<string, unknown>, top: Record<string, unknown> = {}): MetricLine => {
    const { op, limit } = parseTarget(target);
    return {
      metric,
      profile: profile.name,
      ...top,
      value: round(value),
      unit,
      target: limit,
      op,
      met: meets(target, value),
      settings: { ...extra, ...common, statistic: extra.statistic ?? common.statistic },
    } as MetricLine;
  };

  const completeAt = (o: Observation) => o.events.find(isComplete)?.t;
  /** Where the retrieval starts: the permission decision if the app asks for one, else its first endpoint request. */
  const retrievalStart = (o: Observation) => o.permissionAt ?? firstEndpointRequest(t, o);
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`could not measure ${what}`);
    return v;
  };
  const summaryMs = (o: Observation) => need(completeAt(o), 'the complete summary') - need(retrievalStart(o), 'the start of the retrieval');

  // serial round trips and launch round trips
  const summary = runs.map((r) => summaryMs(r.typical));
  const from = runs[0]!.typical.permissionAt ? 'permission-decision' : 'first-endpoint-request';
  const launchEnd = from === 'permission-decision' ? 'prompt' : 'banner';
  const launch = runs.map((r) => need(r.typical.events.find((e) => e.name === launchEnd)?.t, `the ${launchEnd}`) - need(launchStart(t, r.typical), 'the launch URL'));

  // requests per endpoint
  const counts = runs.map((r) => countRequests(t, r.typical));
  const perRunMedian = counts.map((c) => median(Object.values(c.fhir)));
  const c0 = counts[0]!;

  // naive ratio and failure isolation
  // After a permission decision the app has signed in already: compare with the naive's data phase alone.
  const naiveMs = (n: NaiveResult) => (from === 'permission-decision' ? n.dataPhaseMs : n.totalMs);
  const naiveRatio = runs.map((r, i) => naiveMs(r.naive) / summary[i]!);
  const hungName = t.endpoints.find((e) => e.id === settings.hangEndpoint)!.organisationName;
  const healthyWhileHung = runs.map((r) => {
    const settled = need(settledExcept(r.hang.events, t.endpoints.map((e) => e.organisationName), hungName), 'the healthy sources while one hangs');
    return settled.t - need(retrievalStart(r.hang), 'the start of the retrieval');
  });
  const isolation = runs.map((_, i) => healthyWhileHung[i]! / summary[i]!);

  // large record
  const render = runs.map((r) => {
    const p = need(r.large.events.find((e) => e.name === 'painted'), 'the painted summary');
    const marks = p.marks ?? {};
    if (marks['mcr:data-complete'] !== undefined && marks['mcr:summary-rendered'] !== undefined) return marks['mcr:summary-rendered'] - marks['mcr:data-complete'];
    return p.p - need(p.lastFhirResponseEnd, 'the last FHIR response');
  });
  const usedMarks = Boolean(runs[0]!.large.events.find((e) => e.name === 'painted')?.marks?.['mcr:data-complete']);
  const heap = runs.map((r) => need(r.large.heap, 'the heap').usedBeforeGcMb);
  const heapAfterGc = runs.map((r) => need(r.large.heap, 'the heap').usedAfterGcMb);
  const largeSummary = runs.map((r) => summaryMs(r.large));
  const largePainted = runs.map((r) => r.large.events.find((e) => e.name === 'painted'));
  const largeResponses = largePainted[0]?.fhirResponses;
  const naiveLargeRatio = runs.map((r, i) => naiveMs(r.naiveLarge) / largeSummary[i]!);

  const samples = (xs: number[], digits = 2) => xs.map((x) => round(x, digits));
  // Each phase's median across runs, in L (metrics.ts phases); the medians need not add up to the median total.
  const split = runs.map((r) => phases(t, r.typical)).filter((x) => x !== undefined);
  const phasesL = split.length === 0 ? undefined : Object.fromEntries(
    (Object.keys(split[0]!) as Array<keyof (typeof split)[number]>).map((k) => [k, { medianL: round(median(split.map((x) => x[k])) / L, 2), samples: samples(split.map((x) => x[k] / L)) }]),
  );
  // Each group's median across runs (ms), where every run could read it.
  const cpu = runs.every((r) => r.typicalCpu) ? runs.map((r) => r.typicalCpu!) : undefined;
  const cpuGroups = cpu ? [...new Set(cpu.flatMap((c) => Object.keys(c)))] as CpuGroup[] : [];
  const cpuMs = cpu && Object.fromEntries(cpuGroups.map((g) => [g, { medianMs: median(cpu.map((c) => c[g] ?? 0)), samples: cpu.map((c) => c[g] ?? 0) }]));
  return [
    line('serial_round_trips_to_summary', median(summary) / L, profile.unit, '<= 2.5', {
      from,
      to: 'the overall status line first reads "Complete: all 8 organisations answered"',
      fromNote:
        from === 'first-endpoint-request'
          ? 'no permission step in the UI: measured from the first request (or its CORS preflight) the app sends to a regional endpoint after the launch, the launch\'s own Patient/Practitioner reads excluded'
          : `measured from clicking "Record and continue" on the permission prompt, ${settings.thinkMs} ms after the prompt showed (BENCH_THINK_MS: the user reading it; the app may sign in meanwhile)`,
      patient: `${ctx.people.typical} (typical: records at 4 of 8 organisations)`,
      limit: 2,
      medianMs: Math.round(median(summary)),
      samples: samples(summary.map((x) => x / L)),
      ...(phasesL
        ? {
            phases: phasesL,
            phasesAre: 'decision → permission AuditEvent answered (permission) → last organisation\'s request sent (toLastSent) → first organisation answered (toFirstAnswer) → last answered (answerSpread) → "Complete" (toComplete); from Resource Timing',
          }
        : {}),
      ...(cpuMs
        ? {
            cpuMs,
            cpuMsAre: `CPU time (user + system, 10 ms ticks, from /proc) of each group of threads from just before the decision's click to the bench hearing of "Complete", on ${cpus().length} CPUs`,
          }
        : {}),
    }),
    line('launch_round_trips', median(launch) / L, profile.unit, '<= 6', {
      from: 'Chromium sends the request for the launch URL (/launch/?iss=…&launch=…)',
      to: launchEnd === 'prompt' ? 'the permission prompt shows' : 'the patient banner shows the patient\'s name (no permission prompt in the UI)',
      patient: ctx.people.typical,
      medianMs: Math.round(median(launch)),
      samples: samples(launch.map((x) => x / L)),
    }),
    line('requests_per_endpoint', median(perRunMedian), 'requests', '<= 2', {
      counted:
        'HTTP requests Chromium sent (DevTools protocol Network.requestWillBeSent, every frame of the renderer, hidden sign-in frames included) whose URL is under an endpoint\'s FHIR base path, .well-known/smart-configuration excluded (authorisation); the launch\'s Patient/Practitioner/PractitionerRole reads at the launching endpoint included; CORS preflights not counted here but listed',
      statistic: 'median over the 8 endpoints, then median of runs',
      patient: `${ctx.people.typical} (typical)`,
      perEndpointRun1: c0.fhir,
      sessionReadsRun1: c0.sessionReads,
      corsPreflightsRun1: c0.preflights,
      authServerRequestsRun1: c0.authServer,
      appOriginRequestsRun1: c0.appOrigin,
      samples: perRunMedian,
    }),
    line('naive_ratio', median(naiveRatio), 'ratio (naive ÷ app)', '>= 3', {
      naive: 'bench/naive.ts in Node, real tokens, same sandbox, same latency, same patient, same run: per endpoint discovery, silent sign-in (launch token at the launching endpoint), NHS-number search, then the app\'s 7 searches one after another with every page followed one by one; endpoints in parallel. Node sends no CORS preflights and loads no sign-in callback page.',
      app: 'time to the complete summary, as serial_round_trips_to_summary',
      naiveCompared: from === 'permission-decision' ? 'data phase (token to last search): the app signs in before the decision' : 'everything from discovery on',
      naiveMedianMs: median(runs.map((r) => r.naive.totalMs)),
      naiveDataPhaseMedianMs: median(runs.map((r) => r.naive.dataPhaseMs)),
      appMedianMs: Math.round(median(summary)),
      naiveRequestsRun1: Object.fromEntries(runs[0]!.naive.endpoints.map((e) => [e.endpointId, e.requests])),
      samples: samples(naiveRatio),
      largeRecord: {
        ratio: round(median(naiveLargeRatio)),
        naiveMedianMs: median(runs.map((r) => r.naiveLarge.totalMs)),
        naiveDataPhaseMedianMs: median(runs.map((r) => r.naiveLarge.dataPhaseMs)),
        appMedianMs: Math.round(median(largeSummary)),
        naiveRequestsRun1: Object.fromEntries(runs[0]!.naiveLarge.endpoints.map((e) => [e.endpointId, e.requests])),
        samples: samples(naiveLargeRatio),
      },
    }),
    ...(!ctx.withBundle ? [] : [
    line('bundle_gzip_kb', ctx.app.gzipKb, 'kB (gzip)', '<= 160', { entry: 'index.html', files: ctx.app.files, rawKb: ctx.app.rawKb, method: 'script src + link modulepreload + link stylesheet of the built HTML entry, each gzipped (node:zlib level 6)', distDir: settings.distDir }, { entry: 'app' }),
    line('bundle_gzip_kb', ctx.launchPage.gzipKb, 'kB (gzip)', '<= 40', { entry: 'launch/index.html', files: ctx.launchPage.files, rawKb: ctx.launchPage.rawKb, method: 'as for the app' }, { entry: 'launch' }),
    ]),
    line('large_record_render_ms', median(render), 'ms', '<= 200', {
      from: usedMarks ? 'performance mark mcr:data-complete' : 'the end of the last FHIR response (Resource Timing responseEnd in the app frame)',
      to: usedMarks ? 'performance mark mcr:summary-rendered' : 'the frame painted after the overall line reads "Complete" (requestAnimationFrame, then a task)',
      includes: 'parsing the last response, normalising, merging, React render and commit',
      patient: `${ctx.people.large} (cases.largeRecord)`,
      fhirResponsesRun1: largeResponses,
      probeNote: 'the probe\'s own callbacks over the whole launch (almost all of them before the measured window); an upper bound on its share of this number',
      probeOverheadMedianMs: round(median(largePainted.map((p) => p?.probeMs ?? NaN)), 1),
      probeCallbacksMedian: median(largePainted.map((p) => p?.probeCalls ?? NaN)),
      timeToSummaryMedianMs: Math.round(median(largeSummary)),
      timeToSummaryMedianL: round(median(largeSummary) / L),
      timeToSummaryTarget: '<= 5 round trips',
      minMs: round(Math.min(...render), 1),
      samples: samples(render, 1),
    }),
    line('large_record_round_trips', median(largeSummary) / L, profile.unit, '<= 5', {
      from: 'as serial_round_trips_to_summary',
      to: 'the overall status line first reads "Complete"',
      patient: `${ctx.people.large} (cases.largeRecord)`,
      medianMs: Math.round(median(largeSummary)),
      samples: samples(largeSummary.map((x) => x / L)),
    }),
    line('large_record_heap_mb', median(heap), 'MB', '<= 80', {
      measured: 'CDP Performance.getMetrics JSHeapUsedSize of the page\'s renderer right after the summary was painted (one V8 heap for the host page, the app frame and its sign-in frames: all same-site)',
      afterForcedGcMedianMb: round(median(heapAfterGc)),
      patient: ctx.people.large,
      samples: samples(heap, 1),
    }),
    line('failure_isolation', median(isolation), 'ratio (hung ÷ healthy)', '<= 1.1', {
      hung: `${settings.hangEndpoint} (mode "hang": accepts every request, discovery included, and never answers)`,
      measured: `from the ${from === 'permission-decision' ? 'permission decision' : 'first endpoint request'} to every other organisation's line settled, divided by the same run's all-healthy time to the complete summary`,
      healthyWhileHungMedianMs: Math.round(median(healthyWhileHung)),
      allHealthyMedianMs: Math.round(median(summary)),
      samples: samples(isolation),
    }),
  ];
}

/** Ctrl-C: close Chromium and every sandbox server before leaving. */
let stopOnSignal: () => Promise<void> = async () => undefined;
let exiting = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    log(`${signal}: stopping`);
    void stopOnSignal().finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);

/**
 * The region profile (issue 16): BENCH_REGION_ENDPOINTS (100) endpoints in one sandbox,
 * the record locator named in the configuration, L (200 ms) on every request of every
 * server; the region's typical patient, known to five organisations, launched from the
 * hospital host. Reported in the same line shape as the other profiles.
 */
async function measureRegion(ctx: { loadBefore: number; started: number }): Promise<MetricLine[]> {
  const L = settings.regionLatencyMs;
  const previousLatency = env.SANDBOX_LATENCY_MS;
  const previousSearch = env.SANDBOX_SEARCH_MS;
  env.SANDBOX_LATENCY_MS = String(L);
  env.SANDBOX_SEARCH_MS = '0';
  const undoAuthLatency = addLatencyToPort(settings.portBase + 20, L);
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  try {
    log(`profile region: ${settings.regionEndpoints} endpoints with the record locator, port base ${settings.portBase}, ${L} ms on every request`);
    sandbox = await startSandbox({ portBase: settings.portBase, distDir: settings.distDir, endpoints: settings.regionEndpoints, locator: true });
    stopOnSignal = async () => {
      await browser?.close().catch(() => undefined);
      await sandbox?.close();
    };
    browser = await chromium.launch({ executablePath: settings.chromium, args: CHROMIUM_ARGS });
    const person = sandbox.world.cases.knownToFive;
    if (!person) throw new Error('the region has no person known to five organisations');
    const painted = (events: ProbeEvent[]) => events.some((e) => e.name === 'painted');
    const drive = (measureHeap: boolean) =>
      driveLaunch(browser!, sandbox!, { hostId: 'hospital', personKey: person, done: painted, timeoutMs: 2 * LAUNCH_TIMEOUT_MS, thinkMs: settings.thinkMs, settleMs: 300, measureHeap });
    log('region warm-up launch (not counted)');
    await drive(false);
    const runs: Observation[] = [];
    for (let i = 0; i < settings.runs; i++) {
      log(`region run ${i + 1} of ${settings.runs}`);
      runs.push(await drive(true));
    }
    const t = sandbox.topology;
    const known = sandbox.world.people.find((p) => p.key === person)!;
    await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
    await writeFile(
      join(ROOT, 'bench', 'results', 'latest-timeline-region.txt'),
      `${[`# Request timeline of region run 1 (${t.endpoints.length} endpoints, ${person}), in round trips of L = ${L} ms, from the permission decision`, ...timeline(t, runs[0]!, runs[0]!.permissionAt ?? runs[0]!.clickedAt, L)].join('\n')}\n`,
    );
    return regionReport(t, runs, { L, person, knownTo: Object.keys(known.patientIds), browserVersion: browser.version(), ...ctx });
  } finally {
    await browser?.close().catch(() => undefined);
    await sandbox?.close();
    undoAuthLatency();
    if (previousLatency === undefined) delete env.SANDBOX_LATENCY_MS;
    else env.SANDBOX_LATENCY_MS = previousLatency;
    if (previousSearch === undefined) delete env.SANDBOX_SEARCH_MS;
    else env.SANDBOX_SEARCH_MS = previousSearch;
  }
}

function regionReport(
  t: Sandbox['topology'],
  runs: Observation[],
  ctx: { L: number; person: string; knownTo: string[]; browserVersion: string; loadBefore: number; started: number },
): MetricLine[] {
  const common = {
    app: source,
    profile: 'region',
    latencyMs: ctx.L,
    roundTripUnitMs: ctx.L,
    latencyOn: `every request to every sandbox server (home, hosts, authorisation, ${t.endpoints.length} FHIR endpoints, audit, register, locator, app), CORS preflights included`,
    endpoints: t.endpoints.length,
    patient: `${ctx.person} (known to ${ctx.knownTo.length}: ${ctx.knownTo.join(', ')}), launched from the hospital host`,
    runs: runs.length,
    statistic: 'median of runs',
    browser: `Chromium ${ctx.browserVersion} headless, fresh context per launch (cold HTTP cache)`,
    machine: { ...machine(), loadAvg1mBefore: round(ctx.loadBefore), loadAvg1mAfter: round(loadavg()[0]!), note: 'shared machine: other builds and tests may run at the same time' },
    date: new Date(ctx.started).toISOString(),
  };
  const line = (metric: string, value: number, unit: string, target: string, extra: Record<string, unknown>): MetricLine => {
    const { op, limit } = parseTarget(target);
    return { metric, profile: 'region', value: round(value), unit, target: limit, op, met: meets(target, value), settings: { ...extra, ...common } } as MetricLine;
  };
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`could not measure ${what}`);
    return v;
  };
  const decision = (o: Observation) => need(o.permissionAt, 'the permission decision');
  const complete = runs.map((o) => need(o.events.find(isComplete)?.t, 'the complete record') - decision(o));
  const firstItem = runs.map((o) => need(o.events.find((e) => e.name === 'sources' && (e.lines ?? []).some((l) => /Up to date · [1-9]\d* items?/.test(l)))?.t, 'the first item') - decision(o));
  const counts = runs.map((o) => countRequests(t, o));
  const requested = counts.map((c) => Object.entries(c.fhir).filter(([, n]) => n > 0).map(([id]) => id));
  const sent = counts.map((c) => Object.values(c.fhir).reduce((a, b) => a + b, 0));
  const outside = requested.map((ids) => ids.filter((id) => !ctx.knownTo.includes(id)).length);
  // Sign-in frames: navigations to the authorisation endpoint (the launch's own authorisation excluded).
  const signIns = runs.map((o) => (o.sent.length > 0 ? o.sent : o.requests).filter((r) => r.url.startsWith(`${t.authIssuer}${AUTH_ROUTES.authorization}?`)).length - 1);
  const heap = runs.map((o) => need(o.heap, 'the heap').usedBeforeGcMb);
  const samples = (xs: number[]) => xs.map((x) => round(x, 2));
  return [
    line('region_serial_round_trips_to_complete', median(complete) / ctx.L, 'round trips (L)', '<= 3', {
      from: `clicking "Record and continue" on the permission prompt, ${settings.thinkMs} ms after it showed (the app signs in to what it knows of meanwhile)`,
      to: 'the overall status line first reads "Complete"',
      medianMs: Math.round(median(complete)),
      samples: samples(complete.map((x) => x / ctx.L)),
    }),
    line('region_endpoints_requested', median(requested.map((r) => r.length)), 'endpoints', `<= ${ctx.knownTo.length}`, {
      counted: 'endpoints that received any FHIR request but discovery (CDP Network.requestWillBeSent, every frame); the launching endpoint\'s session reads included',
      requestedRun1: requested[0],
      outsideLocatorAndPracticeRun1: outside[0],
      samples: requested.map((r) => r.length),
    }),
    line('region_requests_outside_located', median(outside), 'endpoints', '<= 0', {
      counted: 'endpoints asked that are neither named by the locator nor the registered practice (must be none)',
      samples: outside,
    }),
    line('region_requests_sent', median(sent), 'requests', `<= ${2 * ctx.knownTo.length + 3}`, {
      counted: 'HTTP requests to all regional FHIR endpoints (discovery excluded; CORS preflights not counted): two per asked organisation (probe + batch) and the launch\'s three session reads',
      perEndpointRun1: Object.fromEntries(Object.entries(counts[0]!.fhir).filter(([, n]) => n > 0)),
      preflightsRun1: Object.values(counts[0]!.preflights).reduce((a, b) => a + b, 0),
      authServerRequestsRun1: counts[0]!.authServer,
      samples: sent,
    }),
    line('region_sign_in_frames', median(signIns), 'frames', '<= 1', {
      counted: `authorization requests (${AUTH_ROUTES.authorization}?…) at the one authorisation server after the launch's own: hidden sign-in frames of oidc-client-ts, one per endpoint and service without a shared sign-in, one for all with it (auth.sharedSignIn, RFC 8707)`,
      authorisationServers: 1,
      tokenRequestsRun1: (runs[0]!.sent.length > 0 ? runs[0]!.sent : runs[0]!.requests).filter((r) => r.url === `${t.authIssuer}${AUTH_ROUTES.token}`).length,
      samples: signIns,
    }),
    line('region_heap_mb', median(heap), 'MB', '<= 80', {
      measured: 'JS heap of the renderer (host page, app frame, sign-in frames) when the record is complete, before a forced GC',
      samples: samples(heap),
    }),
    line('region_time_to_first_item_ms', median(firstItem), 'ms', `<= ${3 * ctx.L}`, {
      from: 'the permission decision',
      to: 'the first source line reporting items ("Up to date · N items", N > 0)',
      samples: firstItem.map((x) => Math.round(x)),
    }),
  ];
}
