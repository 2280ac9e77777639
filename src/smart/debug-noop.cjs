/**
 * Stands in for the `debug` package in the browser build (vite.config.ts `resolve.alias`).
 * fhirclient logs through `debug`, whose browser build turns itself on whenever
 * `localStorage.debug` is set and then prints token responses and the Authorization
 * header to the console. The viewer never wants that: every logger is a no-op and cannot
 * be enabled. CommonJS with debug's own shape (a callable export), because fhirclient
 * `require`s it and calls the result.
 */
'use strict';

function logger(namespace) {
  const log = function noop() {};
  log.enabled = false;
  log.namespace = namespace;
  log.extend = (sub) => logger(`${namespace}:${sub}`);
  return log;
}

logger.enable = () => undefined;
logger.disable = () => '';
logger.enabled = () => false;
logger.log = () => undefined;

module.exports = logger;
