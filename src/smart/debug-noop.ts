/**
 * Stands in for the `debug` package in the browser build (vite.config.ts `resolve.alias`).
 * fhirclient logs through `debug`, whose browser build turns itself on whenever
 * `localStorage.debug` is set and then prints token responses and the Authorization
 * header to the console. The viewer never wants that: every logger is a no-op and
 * cannot be enabled. Same shape as debug's API (a factory; loggers with `extend`).
 */
interface NoopLogger {
  (...args: unknown[]): void;
  enabled: boolean;
  namespace: string;
  extend(namespace: string): NoopLogger;
}

function logger(namespace: string): NoopLogger {
  const log = (() => undefined) as unknown as NoopLogger;
  log.enabled = false;
  log.namespace = namespace;
  log.extend = (sub: string) => logger(`${namespace}:${sub}`);
  return log;
}

const createDebug = Object.assign(logger, {
  enable: (): void => undefined,
  disable: (): string => '',
  enabled: (): boolean => false,
  log: (): void => undefined,
});

export default createDebug;
