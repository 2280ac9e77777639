/**
 * The sandbox's authorisation server (oidc-provider, mocks/sandbox/auth/server.ts) listens
 * through Koa's own `listen`, not through listenLocal, so SANDBOX_LATENCY_MS does not reach
 * it. The benchmark runs the sandbox in this process and adds the same latency to that one
 * port by delaying the server's `request` event. Bench-only: a one-line change in
 * auth/server.ts (listen through listenLocal) would make this unnecessary.
 */
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function addLatencyToPort(port: number, latencyMs: number): () => void {
  if (latencyMs <= 0) return () => undefined;
  const original = Server.prototype.emit;
  const emitAsBefore = original as (this: Server, event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function emit(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request' && (this.address() as AddressInfo | null)?.port === port) {
      setTimeout(() => emitAsBefore.call(this, event, ...args), latencyMs);
      return true;
    }
    return emitAsBefore.call(this, event, ...args);
  } as typeof Server.prototype.emit;
  return () => {
    Server.prototype.emit = original;
  };
}
