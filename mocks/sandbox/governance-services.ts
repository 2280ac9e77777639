/**
 * The region's services in the running sandbox: the audit repository (every AuditEvent
 * the viewer writes), the objection register and the record locator. Each can be made to
 * fail like a regional endpoint (so the viewer's fail-closed rule can be seen):
 * `down` closes its port; `hang` never answers; `http-500`/`http-503` refuse data
 * requests while discovery stays open, so sign-in still succeeds.
 */
import type { Consent, DocumentReference } from 'fhir/r4';
import type { AccessTokenVerifier } from './auth/verify';
import { AuditStore } from './audit/audit-store';
import { createAuditHandler } from './audit/audit-handler';
import { corsHeaders } from './fhir/cors';
import { outcome } from './fhir/outcome';
import { fhirResponse } from './fhir/service-kit';
import { serveHandler, type FhirHandler } from './fhir/server';
import { createRegisterHandler } from './register/register-handler';
import { createLocatorHandler } from './locator/locator-handler';
import type { SandboxService, SandboxTopology } from './topology';

export const SERVICE_FAULTS = ['none', 'down', 'hang', 'http-500', 'http-503'] as const;
export type ServiceFault = (typeof SERVICE_FAULTS)[number];

export function parseServiceFault(input: unknown): ServiceFault {
  const mode = (input as { mode?: unknown } | null)?.mode;
  if (typeof mode !== 'string' || !(SERVICE_FAULTS as readonly string[]).includes(mode)) {
    throw new Error(`mode must be one of ${SERVICE_FAULTS.join(', ')}; got ${JSON.stringify(mode)}`);
  }
  return mode as ServiceFault;
}

const OPEN = /\/(metadata|\.well-known\/smart-configuration)$/;

function withServiceFault(handler: FhirHandler, current: () => ServiceFault, appOrigin: string): FhirHandler {
  return async (req) => {
    const fault = current();
    if (fault === 'hang') return new Promise<Response>(() => undefined);
    if (fault === 'none' || fault === 'down' || req.method === 'OPTIONS' || OPEN.test(new URL(req.url).pathname)) return handler(req);
    const status = fault === 'http-503' ? 503 : 500;
    return fhirResponse(status, outcome(fault === 'http-503' ? 'transient' : 'exception', 'Simulated failure of the service'), corsHeaders(req.headers.get('origin'), appOrigin));
  };
}

class Service {
  private fault: ServiceFault = 'none';
  private running?: { close(): Promise<void> };

  constructor(
    private readonly service: SandboxService,
    private readonly handler: FhirHandler,
    private readonly appOrigin: string,
  ) {}

  current(): ServiceFault {
    return this.fault;
  }

  async set(fault: ServiceFault): Promise<void> {
    this.fault = fault;
    if (fault === 'down') await this.stop();
    else if (!this.running) await this.start();
  }

  async start(): Promise<void> {
    if (this.fault === 'down' || this.running) return;
    this.running = await serveHandler(this.service.port, this.service.baseUrl, withServiceFault(this.handler, () => this.fault, this.appOrigin), this.service.id);
  }

  async stop(): Promise<void> {
    const r = this.running;
    this.running = undefined;
    await r?.close();
  }
}

export class GovernanceServices {
  readonly auditStore = new AuditStore();
  private readonly services: Record<SandboxService['id'], Service>;

  constructor(topology: SandboxTopology, verify: AccessTokenVerifier, register: readonly Consent[], pointers: readonly DocumentReference[] = []) {
    this.services = {
      'record-locator': new Service(topology.recordLocator, createLocatorHandler({ topology, pointers, verify }), topology.appOrigin),
      audit: new Service(topology.audit, createAuditHandler({ topology, store: this.auditStore, verify }), topology.appOrigin),
      'objection-register': new Service(topology.objectionRegister, createRegisterHandler({ topology, consents: register, verify }), topology.appOrigin),
    };
  }

  ids(): string[] {
    return Object.keys(this.services);
  }

  fault(id: string): ServiceFault | undefined {
    return this.services[id as SandboxService['id']]?.current();
  }

  async setFault(id: string, fault: ServiceFault): Promise<void> {
    const s = this.services[id as SandboxService['id']];
    if (!s) throw new Error(`unknown service "${id}"`);
    await s.set(fault);
  }

  async start(): Promise<void> {
    await Promise.all(Object.values(this.services).map((s) => s.start()));
  }

  async close(): Promise<void> {
    await Promise.allSettled(Object.values(this.services).map((s) => s.stop()));
  }
}
