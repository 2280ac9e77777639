/**
 * Stands in for the `debug` package in the browser build (vite.config.ts alias).
 * fhirclient logs through `debug`, which is off unless localStorage.debug names it; its
 * code (~1.5 kB gzip with `ms`) would ship for nothing. Same shape: a logger factory whose
 * loggers are silent and can be extended.
 */
function createDebug() {
  const log = () => undefined;
  log.enabled = false;
  log.extend = createDebug;
  return log;
}
createDebug.enable = () => undefined;
createDebug.disable = () => '';
createDebug.enabled = () => false;
module.exports = createDebug;
