import type { SyntheticWorld } from '../data/world';
import type { AccessTokenVerifier } from './auth/verify';
import { createFhirEngine, type FhirEngine } from './fhir/engine';
import { startFhirEndpoint } from './fhir/server';
import type { Enforcement, EnforcementSettings } from './fhir/enforcement';
import { withFaults } from './fault-handler';
import { HEALTHY, type EndpointFault } from './faults';
import type { SandboxTopology } from './topology';

/**
 * The regional endpoints of a running sandbox, each with its current fault. `down`
 * closes the endpoint's port (connection refused) and clearing it opens the port again
 * on the same engine, so data and ids do not change.
 */
export class EndpointPool {
  private readonly faults = new Map<string, EndpointFault>();
  private readonly engines = new Map<string, FhirEngine>();
  private readonly running = new Map<string, { close(): Promise<void> }>();
  private readonly changing = new Map<string, Promise<void>>();

  constructor(
    private readonly topology: SandboxTopology,
    private readonly verify: AccessTokenVerifier,
    /** Server-side enforcement of objections and labels, per endpoint (fhir/enforcement.ts). */
    private readonly enforcement?: EnforcementSettings,
  ) {}

  async start(world: SyntheticWorld, initial: Map<string, EndpointFault>): Promise<void> {
    await Promise.all(
      this.topology.endpoints.map(async (e) => {
        this.engines.set(e.id, await createFhirEngine(world.byEndpoint[e.id] ?? []));
        this.faults.set(e.id, initial.get(e.id) ?? HEALTHY);
        if (this.faults.get(e.id)!.mode !== 'down') await this.open(e.id);
      }),
    );
  }

  fault(id: string): EndpointFault {
    return this.faults.get(id) ?? HEALTHY;
  }

  all(): Record<string, EndpointFault> {
    return Object.fromEntries(this.topology.endpoints.map((e) => [e.id, this.fault(e.id)]));
  }

  /**
   * Changes take effect at the next request. Changes to one endpoint are applied one after
   * another: `none` then `down` sent together must not leave the port open (an `open`
   * still listening when the `shut` ran) while the fault says down.
   */
  setFault(id: string, fault: EndpointFault): Promise<void> {
    if (!this.engines.has(id)) return Promise.reject(new Error(`unknown endpoint "${id}"`));
    const apply = async () => {
      this.faults.set(id, fault);
      if (fault.mode === 'down') await this.shut(id);
      else if (!this.running.has(id)) await this.open(id);
    };
    const done = (this.changing.get(id) ?? Promise.resolve()).then(apply, apply);
    this.changing.set(id, done.catch(() => undefined));
    return done;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.running.keys()].map((id) => this.shut(id)));
  }

  private enforcementOf(id: string): { enforcement?: () => Enforcement } {
    const settings = this.enforcement;
    return settings ? { enforcement: () => settings.get(id) } : {};
  }

  private async open(id: string): Promise<void> {
    const endpoint = this.topology.endpoints.find((e) => e.id === id)!;
    const engine = this.engines.get(id)!;
    const server = await startFhirEndpoint({ endpoint, topology: this.topology, engine, verify: this.verify, ...this.enforcementOf(id) }, (h) =>
      withFaults(h, () => this.fault(id), this.topology.appOrigin),
    );
    this.running.set(id, server);
  }

  private async shut(id: string): Promise<void> {
    const server = this.running.get(id);
    this.running.delete(id);
    await server?.close();
  }
}
