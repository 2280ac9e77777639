/**
 * In-memory storage for oidc-provider: sessions, grants, codes and tokens live for one
 * run of the sandbox, which is what a sandbox wants. This is oidc-provider's own memory
 * adapter, passed explicitly: left implicit, oidc-provider prints a "development-only
 * in-memory adapter" warning on every start, and the sandbox starts without warnings.
 * One store per authorisation server, as oidc-provider itself would make.
 */
import type { AdapterFactory } from 'oidc-provider';
// @ts-expect-error -- oidc-provider ships no type declarations for its adapter module.
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

export function memoryAdapterFactory(): AdapterFactory {
  return (createMemoryAdapter as (clockTolerance: number) => AdapterFactory)(0);
}
