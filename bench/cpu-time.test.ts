import { describe, expect, it } from 'vitest';
import { classify, cpuBetween, cpuSnapshot, ticksOf, type CpuSnapshot } from './cpu-time';

describe('classify', () => {
  // Command lines as /proc shows them: NUL-separated, or one rewritten string (a zygote-forked renderer).
  const browser = '/usr/lib/chromium/chromium\0--headless\0--no-sandbox\0';
  const renderer = '/usr/lib/chromium/chromium --type=renderer --renderer-client-id=23 --lang=en-US';
  const network = '/usr/lib/chromium/chromium\0--type=utility\0--utility-sub-type=network.mojom.NetworkService\0';
  it('names Chromium threads by process type, a renderer\'s main thread apart', () => {
    expect(classify(browser, 10, 10, 1)).toBe('browser process');
    expect(classify(browser, 10, 11, 1)).toBe('browser process');
    expect(classify(renderer, 20, 20, 1)).toBe('renderer main thread');
    expect(classify(renderer, 20, 21, 1)).toBe('renderer other threads');
    expect(classify(network, 30, 30, 1)).toBe('other Chromium processes');
  });
  it('names the bench\'s own process (which runs the sandbox), and nothing else', () => {
    expect(classify('node\0bench/run.ts\0', 1, 1, 1)).toBe('bench driver and sandbox (one Node process), main thread');
    expect(classify('node\0bench/run.ts\0', 1, 5, 1)).toBe('bench driver and sandbox, other threads');
    expect(classify('node\0other.js\0', 7, 7, 1)).toBeUndefined();
    expect(classify('/usr/sbin/sshd\0-D\0', 8, 8, 1)).toBeUndefined();
    expect(classify('', 9, 9, 1)).toBeUndefined();
  });
});

describe('ticksOf', () => {
  it('adds utime and stime (fields 14 and 15), whatever the thread name holds', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    expect(ticksOf('1234 (Chrome_ChildIOT) S 1 1 1 0 -1 4194304 100 0 0 0 37 5 0 0 20 0 12 0')).toBe(42);
    expect(ticksOf('99 (a) b (c) R 1 1 1 0 -1 0 0 0 0 0 3 4 0 0')).toBe(7);
  });
});

describe('cpuBetween', () => {
  const snap = (rows: Array<[string, 'renderer main thread' | 'browser process', number]>): CpuSnapshot =>
    new Map(rows.map(([id, group, ticks]) => [id, { group, ticks }]));
  it('gives each group\'s ticks used in between, in milliseconds (10 ms a tick)', () => {
    const before = snap([['20/20', 'renderer main thread', 100], ['10/10', 'browser process', 50], ['10/11', 'browser process', 7]]);
    const after = snap([['20/20', 'renderer main thread', 125], ['10/10', 'browser process', 52], ['10/11', 'browser process', 8]]);
    expect(cpuBetween(before, after)).toEqual({ 'renderer main thread': 250, 'browser process': 30 });
  });
  it('counts a thread started in between from zero and leaves out groups that used nothing', () => {
    const before = snap([['10/10', 'browser process', 50]]);
    const after = snap([['10/10', 'browser process', 50], ['20/20', 'renderer main thread', 3]]);
    expect(cpuBetween(before, after)).toEqual({ 'renderer main thread': 30 });
  });
});

describe('cpuSnapshot', () => {
  it.runIf(process.platform === 'linux')('reads this process\'s own threads on Linux', () => {
    const s = cpuSnapshot()!;
    expect(s.get(`${process.pid}/${process.pid}`)?.group).toBe('bench driver and sandbox (one Node process), main thread');
  });
});
