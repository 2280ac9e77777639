import { resolve } from 'node:path';
import { generateWorld, type SyntheticWorld } from '../data/world';
import { startAuthServer } from './auth/server';
import { createFhirEngine } from './fhir/engine';
import { startFhirEndpoint } from './fhir/server';
import { startHostSystem } from './hosts/host-server';
import { startAppServer } from './app-server';
import { sandboxAppConfig } from './app-config';
import { homePage } from './home-page';
import { listenLocal, sendHtml } from './http-util';
import { LaunchStore } from './launch-store';
import { securityHeaders } from './security-headers';
import { sandboxTopology, type SandboxTopology } from './topology';

export interface Sandbox {
  topology: SandboxTopology;
  world: SyntheticWorld;
  launches: LaunchStore;
  /** Stops one regional endpoint (its port then refuses connections). */
  stopEndpoint(id: string): Promise<void>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  portBase?: number;
  /** Where the built app is (default dist/). */
  distDir?: string;
  accessTokenTtlSeconds?: number;
}

/**
 * Starts the whole local world: the SMART authorisation server, one FHIR endpoint per
 * organisation, the three host systems, the built app on its own origin and the home
 * page. Used by `npm start` and by the end-to-end and integration tests.
 */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const topology = sandboxTopology(opts.portBase);
  const world = generateWorld();
  const launches = new LaunchStore();
  const closers: Array<() => Promise<void>> = [];
  const endpointClosers = new Map<string, () => Promise<void>>();
  try {
    const auth = await startAuthServer({ topology, launches, accessTokenTtlSeconds: opts.accessTokenTtlSeconds });
    closers.push(() => auth.close());
    await Promise.all(
      topology.endpoints.map(async (endpoint) => {
        const engine = await createFhirEngine(world.byEndpoint[endpoint.id] ?? []);
        const server = await startFhirEndpoint({ endpoint, topology, engine, verify: auth.verifier });
        endpointClosers.set(endpoint.id, () => server.close());
      }),
    );
    for (const host of topology.hosts) {
      const server = await startHostSystem({ topology, host, resources: world.byEndpoint[host.endpointId] ?? [], launches });
      closers.push(() => server.close());
    }
    const config = sandboxAppConfig(topology);
    const headers = securityHeaders({ config, authOrigins: [topology.authIssuer], frameAncestors: topology.hosts.map((h) => h.origin) });
    const app = await startAppServer({ port: Number(new URL(topology.appOrigin).port), distDir: opts.distDir ?? resolve('dist'), config, headers });
    closers.push(() => app.close());
    const home = await listenLocal(Number(new URL(topology.homeOrigin).port), (_req, res) => sendHtml(res, 200, homePage(topology)), 'home');
    closers.push(() => home.close());
  } catch (err) {
    await Promise.allSettled([...closers, ...endpointClosers.values()].map((c) => c()));
    throw err;
  }
  return {
    topology,
    world,
    launches,
    async stopEndpoint(id) {
      const close = endpointClosers.get(id);
      endpointClosers.delete(id);
      await close?.();
    },
    async close() {
      await Promise.allSettled([...closers, ...endpointClosers.values()].map((c) => c()));
    },
  };
}
