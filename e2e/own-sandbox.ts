import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * A second sandbox for one spec file, on its own ports, with its own settings
 * (SANDBOX_DATA, SANDBOX_AUTH, SANDBOX_ENDPOINTS…). It runs in its own process group:
 * npx starts tsx, which starts node, and stopping only npx would leave the sandbox
 * listening on its ports after the run. `start` resolves with everything it printed
 * once it is ready; `stop` ends the whole group.
 */
export function ownSandbox(portBase: number, env: Record<string, string>, startWithinMs = 100_000) {
  let sandbox: ChildProcess | undefined;
  return {
    async start(): Promise<string> {
      sandbox = spawn('npx', ['tsx', 'mocks/sandbox/start.ts'], {
        cwd: resolve(import.meta.dirname, '..'),
        env: { ...process.env, SANDBOX_PORT_BASE: String(portBase), ...env },
        detached: true,
      });
      const child = sandbox;
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      const started = Date.now();
      while (!out.includes('Press Ctrl-C')) {
        if (child.exitCode !== null || Date.now() - started > startWithinMs) throw new Error(`the sandbox did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      return out;
    },
    stop(): void {
      if (sandbox?.pid) process.kill(-sandbox.pid, 'SIGTERM');
    },
  };
}
