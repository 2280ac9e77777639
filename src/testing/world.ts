/**
 * The synthetic world for tests that render the record: the MSW handlers over every
 * regional endpoint (mocks/handlers, no token checks), the sandbox's own configuration,
 * and fake endpoint accesses that are always signed in. Test-only: product code never
 * imports mocks/.
 */
import type { HttpHandler } from 'msw';
import { generateWorld, type SyntheticPerson, type SyntheticWorld } from '../../mocks/data/world';
import { fhirHandlers } from '../../mocks/handlers';
import { sandboxAppConfig } from '../../mocks/sandbox/app-config';
import { endpointById, sandboxTopology } from '../../mocks/sandbox/topology';
import type { AppConfiguration } from '../config/types';
import type { EndpointAccess, EndpointAuthState } from '../smart/endpoint-access';

export const topology = sandboxTopology();

let loaded: Promise<{ world: SyntheticWorld; handlers: HttpHandler[] }> | undefined;

/** The world and its handlers, built once per test file (the engines take a moment). */
export function loadWorld(): Promise<{ world: SyntheticWorld; handlers: HttpHandler[] }> {
  loaded ??= (async () => {
    const world = generateWorld();
    return { world, handlers: await fhirHandlers(topology, world) };
  })();
  return loaded;
}

export function personByKey(world: SyntheticWorld, key: string): SyntheticPerson {
  const person = world.people.find((p) => p.key === key);
  if (!person) throw new Error(`No synthetic person "${key}"`);
  return person;
}

export function baseUrlOf(endpointId: string): string {
  return endpointById(topology, endpointId).baseUrl;
}

export function organisationOf(endpointId: string): string {
  return endpointById(topology, endpointId).organisationName;
}

/** The sandbox configuration, optionally limited to some endpoints or with other time limits. */
export function worldConfig(opts: { only?: string[]; timeoutMs?: Record<string, number> } = {}): AppConfiguration {
  const config = sandboxAppConfig(topology);
  return {
    ...config,
    endpoints: config.endpoints
      .filter((e) => !opts.only || opts.only.includes(e.id))
      .map((e) => ({ ...e, timeoutMs: opts.timeoutMs?.[e.id] ?? e.timeoutMs })),
  };
}

/** An access that is signed in (or as told) and sends no headers: the MSW world checks no token. */
export function fakeAccess(endpointId: string, overrides: Partial<EndpointAccess> = {}): EndpointAccess {
  const authorised: EndpointAuthState = { state: 'authorised' };
  return {
    endpointId,
    origin: new URL(baseUrlOf(endpointId)).origin,
    authorise: async () => authorised,
    signInInteractively: async () => authorised,
    getHeaders: async () => ({}),
    reauthorise: async () => undefined,
    dispose: () => undefined,
    subscribe: () => () => undefined,
    current: () => authorised,
    ...overrides,
  };
}

export function fakeAccesses(config: AppConfiguration, overrides: Record<string, Partial<EndpointAccess>> = {}): Map<string, EndpointAccess> {
  return new Map(config.endpoints.map((e) => [e.id, fakeAccess(e.id, overrides[e.id])]));
}
