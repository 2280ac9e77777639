/**
 * Where the machine's CPU went between two moments of a launch (the permission decision and
 * "Complete"): the bench's processes read from Linux's /proc, per thread, grouped by what the
 * thread is. The browser, its helpers and the sandbox share the machine's cores, so a figure
 * that waits on the CPU shows here (bench/README.md "CPU time in the decision window").
 * Linux only: elsewhere the snapshot is undefined and nothing is reported.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** /proc reports times in clock ticks of 1/100 s (USER_HZ, fixed in Linux's user-space ABI). */
const MS_PER_TICK = 10;

export type CpuGroup =
  | 'renderer main thread'
  | 'renderer other threads'
  | 'browser process'
  | 'other Chromium processes'
  | 'bench driver and sandbox (one Node process), main thread'
  | 'bench driver and sandbox, other threads';

/** Each thread's CPU time so far (user + system, in ticks), by process/thread id. */
export type CpuSnapshot = Map<string, { group: CpuGroup; ticks: number }>;

/**
 * What a thread of the bench's world is, from its process's command line: Chromium names
 * its helpers `--type=renderer`, `--type=gpu-process`, `--type=utility` (a renderer's command
 * line may be rewritten into one string, so it is matched as text); the bench's own process
 * runs the sandbox's servers too (bench/run.ts). Anything else is not the bench's.
 */
export function classify(cmdline: string, pid: number, tid: number, benchPid: number): CpuGroup | undefined {
  if (pid === benchPid) return tid === pid ? 'bench driver and sandbox (one Node process), main thread' : 'bench driver and sandbox, other threads';
  if (!/chrom/i.test(cmdline.split(/[\0 ]/)[0] ?? '')) return undefined;
  const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
  if (type === undefined) return 'browser process';
  if (type === 'renderer') return tid === pid ? 'renderer main thread' : 'renderer other threads';
  return 'other Chromium processes';
}

/** utime + stime (fields 14 and 15) of a /proc/<pid>/task/<tid>/stat line; the name in parentheses may hold spaces. */
export function ticksOf(statLine: string): number {
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export function cpuSnapshot(benchPid = process.pid): CpuSnapshot | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const snap: CpuSnapshot = new Map();
  for (const p of pids) {
    try {
      const cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (classify(cmdline, Number(p), Number(p), benchPid) === undefined) continue;
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const group = classify(cmdline, Number(p), Number(t), benchPid);
        if (group) snap.set(`${p}/${t}`, { group, ticks: ticksOf(readFileSync(`/proc/${p}/task/${t}/stat`, 'utf8')) });
      }
    } catch {
      // The process or thread ended while it was read.
    }
  }
  return snap;
}

/**
 * Milliseconds of CPU each group used from `before` to `after`. A thread that started in
 * between counts from zero; one that ended in between is lost (its time cannot be read).
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Partial<Record<CpuGroup, number>> {
  const out: Partial<Record<CpuGroup, number>> = {};
  for (const [id, { group, ticks }] of after) {
    const used = ticks - (before.get(id)?.ticks ?? 0);
    if (used > 0) out[group] = (out[group] ?? 0) + used * MS_PER_TICK;
  }
  return out;
}
