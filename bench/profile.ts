/**
 * BENCH_PROFILE=1: a CPU profile of one extra large-record launch (not counted in the
 * numbers), written as bench/results/large-record.cpuprofile (open it in Chrome DevTools,
 * Performance panel) with a summary of where the time went, mapped back to the source
 * through the build's source maps (node:module SourceMap).
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * `window`: the last `lastMs` milliseconds of the profile (from the end of the last FHIR
 * response to the profile's stop, on the wall clock), summarised apart as well.
 */
export function summariseProfile(raw: unknown, distDir: string, appOrigin: string, top = 20, window?: { lastMs: number; what: string }): string[] {
  const profile = raw as CpuProfile;
  const maps = new Map<string, SourceMap | undefined>();
  const mapFor = (url: string): SourceMap | undefined => {
    if (!url.startsWith(`${appOrigin}/`)) return undefined;
    if (!maps.has(url)) {
      const file = join(distDir, `${new URL(url).pathname}.map`);
      maps.set(url, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
    }
    return maps.get(url);
  };
  const label = (n: ProfileNode): string => {
    const cf = n.callFrame;
    const map = mapFor(cf.url);
    const entry = map?.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
    if (entry?.originalSource) {
      // Sources are named relative to the build: keep the part from the project's own folders on.
      const original = entry.originalSource;
      const source = original.includes('node_modules/')
        ? original.replace(/^.*node_modules\//, 'node_modules/')
        : original.replace(/^.*?\/?((src|launch|auth-callback)\/)/, '$1');
      return `${entry.name ?? cf.functionName ?? '(anonymous)'} ${source}:${(entry.originalLine ?? 0) + 1}`;
    }
    return `${cf.functionName || '(anonymous)'}${cf.url ? ` ${cf.url.split('/').pop()}` : ''}`;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** Self and total time by label, of the samples taken from `fromUs` (profile clock) on. */
  const tally = (fromUs: number) => {
    const selfUs = new Map<number, number>();
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas[i] ?? 0;
      if (at >= fromUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    for (const [id, us] of selfUs) {
      const own = label(byId.get(id)!);
      self.set(own, (self.get(own) ?? 0) + us);
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const k = label(byId.get(cur)!);
        if (seen.has(k)) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + us);
      }
    }
    return { self, total };
  };
  const rows = (m: Map<string, number>, keep: (k: string) => boolean) =>
    [...m].filter(([k]) => keep(k)).sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms  ${k}`);
  // Where the busy moments fall: 100 ms windows in which the main thread worked more than a
  // third of the time, each with its heaviest functions (self time) and the app function
  // (src/) they ran under, to find script and rendering between a response and the paint.
  const windowUs = 100_000;
  const windows = new Map<number, Map<string, number>>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    const own = label(byId.get(id)!);
    if (own.startsWith('(idle)')) return;
    let app = '';
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = label(byId.get(cur)!);
      if (/ src\//.test(k)) {
        app = k;
        break;
      }
    }
    const key = app && app !== own ? `${own} < ${app}` : own;
    const w = windows.get(Math.floor(at / windowUs)) ?? new Map<string, number>();
    w.set(key, (w.get(key) ?? 0) + us);
    windows.set(Math.floor(at / windowUs), w);
  });
  const busy = [...windows]
    .map(([w, m]) => ({ w, m, us: [...m.values()].reduce((a, b) => a + b, 0) }))
    .filter((x) => x.us > windowUs / 3)
    .sort((a, b) => a.w - b.w)
    .map(({ w, m, us }) =>
      `${((w * windowUs) / 1e6).toFixed(1).padStart(6)} s  busy ${(us / 1000).toFixed(0).padStart(3)} ms: ${[...m].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(' | ')}`,
    );
  const whole = tally(-Infinity);
  const out = [
    '## Busy 100 ms windows (seconds from the start of the profile; more than a third busy)',
    ...busy,
    '',
    '## Self time (whole launch, every frame of the renderer)',
    ...rows(whole.self, () => true),
    '',
    '## Total time of the app\'s own functions (src/, including what they call)',
    ...rows(whole.total, (k) => / src\//.test(k)),
  ];
  if (window && window.lastMs > 0) {
    const last = tally(profile.endTime - window.lastMs * 1000);
    out.push(
      '',
      `## The last ${Math.round(window.lastMs)} ms (${window.what}): self time`,
      ...rows(last.self, () => true),
      '',
      `## The last ${Math.round(window.lastMs)} ms: React's render and commit, and layout forced from a ref (total)`,
      ...rows(last.total, (k) => /^(renderRootSync|commitRoot|flushLayoutEffects|flushPassiveEffects) /.test(k)),
      '',
      `## The last ${Math.round(window.lastMs)} ms: total time of the app's own functions`,
      ...rows(last.total, (k) => / src\//.test(k)),
    );
  }
  return out;
}
