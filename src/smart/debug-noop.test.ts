import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import viteConfig from '../../vite.config';

interface Logger {
  (...args: unknown[]): void;
  enabled: boolean;
  namespace: string;
  extend(sub: string): Logger;
}
/** Loaded as fhirclient loads `debug`: required, then called. */
const createDebug = createRequire(import.meta.url)('./debug-noop.cjs') as ((ns: string) => Logger) & { enable(): void; enabled(): boolean };

describe('debug in the browser build', () => {
  it('is replaced by a logger that never logs, even when asked to', () => {
    const lines: unknown[] = [];
    const original = console.debug;
    console.debug = (...a: unknown[]) => void lines.push(a);
    try {
      createDebug.enable();
      const log = createDebug('FHIR').extend('client:request');
      log('Authorization: Bearer %s', 'secret-token');
      expect([log.enabled, log.namespace, createDebug.enabled()]).toEqual([false, 'FHIR:client:request', false]);
    } finally {
      console.debug = original;
    }
    expect(lines).toEqual([]);
  });

  it('is what the build resolves `debug` to', () => {
    const alias = (viteConfig({ command: 'build', mode: 'production' }).resolve?.alias ?? {}) as Record<string, string>;
    expect(alias.debug).toMatch(/src\/smart\/debug-noop\.cjs$/);
  });
});
