/**
 * oidc-provider, loaded without its "Unsupported runtime" warning on Node 20.
 *
 * Why: oidc-provider 9 prints that warning whenever the Node release line is older than
 * 22 ("Jod"); it is a release-line check, not a feature check. The CI machines run Node
 * 20.19 and cannot install 22, oidc-provider 9 passes the sandbox's whole test suite on
 * it, and 8.x (which declares Node 20) differs in configuration the sandbox relies on.
 * So this one line, and only it, is dropped while the module loads; every other warning
 * still prints. package.json `engines` states what is supported; docs/stack-notes.md
 * records the decision. Every runtime import of oidc-provider goes through this module
 * (eslint.config.js holds that).
 */
import type * as OidcProvider from 'oidc-provider';

const UNSUPPORTED_RUNTIME = 'oidc-provider WARNING: Unsupported runtime.';

async function loadQuietly(): Promise<typeof OidcProvider> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes(UNSUPPORTED_RUNTIME)) return;
    warn(...args);
  };
  try {
    return await import('oidc-provider');
  } finally {
    console.warn = warn;
  }
}

const oidc = await loadQuietly();

export const Provider = oidc.default;
export const errors = oidc.errors;
export const interactionPolicy = oidc.interactionPolicy;
