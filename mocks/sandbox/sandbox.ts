import { resolve } from 'node:path';
import type { AppConfiguration } from '../../src/config/types';
import { generateWorld, type SyntheticWorld } from '../data/world';
import { startAuthServer } from './auth/server';
import { handleAdmin } from './admin';
import { EndpointPool } from './endpoint-pool';
import { parseFaultsEnv, type EndpointFault } from './faults';
import { startHostSystem } from './hosts/host-server';
import { startAppServer } from './app-server';
import { sandboxAppConfig } from './app-config';
import { homePage } from './home-page';
import { EnforcementSettings, parseEnforcementEnv, type Enforcement } from './fhir/enforcement';
import { GovernanceServices } from './governance-services';
import { handleGovernanceAdmin } from './governance-admin';
import type { AuditStore } from './audit/audit-store';
import { listenLocal, sendHtml } from './http-util';
import { LaunchStore } from './launch-store';
import { securityHeaders } from '../../server/security-headers';
import { DEFAULT_ENDPOINT_COUNT, sandboxTopology, type SandboxAuthMode, type SandboxTopology } from './topology';
import { locatorIndex } from './locator/locator-handler';
import { addSandboxData } from './sandbox-data';

export interface Sandbox {
  topology: SandboxTopology;
  /** The app's configuration as served at /config.json. */
  config: AppConfiguration;
  world: SyntheticWorld;
  launches: LaunchStore;
  /** What SANDBOX_DATA added: each file and its number of resources. */
  added: { file: string; count: number }[];
  /** Sets one endpoint's fault (slow, hanging, down, bad content…); HEALTHY clears it. */
  setFault(id: string, fault: EndpointFault): Promise<void>;
  /** Every AuditEvent the viewer wrote to the audit repository. */
  audit: AuditStore;
  /** Whether one endpoint withholds objected and labelled records itself. */
  setEnforcement(id: string, enforcement: Enforcement): void;
  close(): Promise<void>;
}

export interface SandboxOptions {
  portBase?: number;
  /** SANDBOX_ENDPOINTS: how many organisations' endpoints (default 8; more makes a region of general practices). */
  endpoints?: number;
  /**
   * SANDBOX_LOCATOR: whether the app's configuration names the record locator (it always
   * runs). Default: named in a region (more than 8 endpoints), not in today's eight.
   */
  locator?: boolean;
  /**
   * SANDBOX_SIGN_IN: `shared` (default), one sign-in at the authorisation server for every
   * FHIR server (RFC 8707, `auth.sharedSignIn` in the app configuration); `per-server`, a
   * sign-in for each, as where every organisation runs its own authorisation server.
   */
  sharedSignIn?: boolean;
  /** Where the built app is (default dist/). */
  distDir?: string;
  accessTokenTtlSeconds?: number;
  /** Faults at start, e.g. from SANDBOX_FAULTS (see faults.ts). */
  faults?: string;
  /** Server-side enforcement at start, from SANDBOX_ENFORCE (see fhir/enforcement.ts). */
  enforce?: string;
  /** SANDBOX_DATA: a folder of <endpoint-id>.ndjson files added at start (sandbox-data.ts). */
  data?: string;
  /** SANDBOX_AUTH=strict: sign-in and scopes as many real servers treat them (auth/auth-mode.ts). */
  auth?: SandboxAuthMode;
}

/**
 * Starts the whole local world: the SMART authorisation server, one FHIR endpoint per
 * organisation (8, or a region of SANDBOX_ENDPOINTS), the audit repository, objection register and record locator, the three host systems, the built app on its own origin and the home
 * page. Used by `npm start` and by the end-to-end and integration tests.
 */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const topology: SandboxTopology = { ...sandboxTopology(opts.portBase, opts.endpoints), ...(opts.auth ? { authMode: opts.auth } : {}) };
  const world = generateWorld({ topology });
  const added = opts.data ? await addSandboxData(opts.data, world.byEndpoint) : [];
  const launches = new LaunchStore();
  const initialFaults = parseFaultsEnv(opts.faults, topology.endpoints.map((e) => e.id));
  const closers: Array<() => Promise<void>> = [];
  const auth = await startAuthServer({ topology, launches, accessTokenTtlSeconds: opts.accessTokenTtlSeconds });
  closers.push(() => auth.close());
  const ids = topology.endpoints.map((e) => e.id);
  const enforcement = new EnforcementSettings(ids, parseEnforcementEnv(opts.enforce, ids));
  const pool = new EndpointPool(topology, auth.verifier, enforcement);
  closers.push(() => pool.close());
  const config = sandboxAppConfig(topology, {
    locator: opts.locator ?? topology.endpoints.length > DEFAULT_ENDPOINT_COUNT,
    ...(opts.sharedSignIn === false ? { sharedSignIn: false } : {}),
  });
  const governance = new GovernanceServices(topology, auth.verifier, world.objectionRegister, locatorIndex(topology, world.byEndpoint));
  closers.push(() => governance.close());
  try {
    await pool.start(world, initialFaults);
    await governance.start();
    for (const host of topology.hosts) {
      const server = await startHostSystem({ topology, host, resources: world.byEndpoint[host.endpointId] ?? [], launches });
      closers.push(() => server.close());
    }
    const headers = securityHeaders({ config, authOrigins: [topology.authIssuer], frameAncestors: topology.hosts.map((h) => h.origin) });
    const app = await startAppServer({ port: Number(new URL(topology.appOrigin).port), distDir: opts.distDir ?? resolve('dist'), config, headers });
    closers.push(() => app.close());
    const names = new Map(world.people.map((p) => [p.nhsNumber, `${p.family.toUpperCase()}, ${p.given}`]));
    const patientName = (nhsNumber: string) => names.get(nhsNumber);
    const home = await listenLocal(
      Number(new URL(topology.homeOrigin).port),
      async (req, res) => {
        if (await handleGovernanceAdmin(req, res, governance, enforcement, patientName)) return;
        if (!(await handleAdmin(req, res, pool))) sendHtml(res, 200, homePage(topology));
      },
      'home',
    );
    closers.push(() => home.close());
  } catch (err) {
    await Promise.allSettled(closers.map((c) => c()));
    throw err;
  }
  return {
    topology,
    config,
    world,
    launches,
    added,
    setFault: (id, fault) => pool.setFault(id, fault),
    audit: governance.auditStore,
    setEnforcement: (id, e) => enforcement.set(id, e),
    async close() {
      await Promise.allSettled(closers.map((c) => c()));
    },
  };
}
