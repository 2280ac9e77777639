/**
 * The audit repository's memory: every AuditEvent the viewer wrote, in the order
 * received, searchable as FHIR R4 AuditEvent search does it for what a privacy officer
 * asks: by patient (`entity:identifier` / `patient:identifier`, NHS number), by user
 * (`agent:identifier`, SDS user id, or `agent`, the fhirUser reference), by `subtype`,
 * `type`, `outcome` and `date`. Lost on restart, as sandbox state is.
 */
import type { AuditEvent, Identifier } from 'fhir/r4';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';

export interface StoredAuditEvent {
  event: AuditEvent;
  /** When the repository accepted it (ISO 8601). */
  receivedAt: string;
}

/** What a stored AuditEvent must have (FHIR R4 AuditEvent cardinalities), or why it is refused. */
export function auditEventProblem(body: unknown): string | undefined {
  const e = body as Partial<AuditEvent> | null;
  if (typeof e !== 'object' || e === null || e.resourceType !== 'AuditEvent') return 'The body is not an AuditEvent';
  if (!e.type?.code) return 'AuditEvent.type is required';
  if (typeof e.recorded !== 'string' || Number.isNaN(Date.parse(e.recorded)) || !/(Z|[+-]\d\d:\d\d)$/.test(e.recorded)) {
    return 'AuditEvent.recorded must be an instant with a time zone';
  }
  if (!Array.isArray(e.agent) || e.agent.length === 0) return 'AuditEvent.agent needs at least one agent';
  if (e.agent.some((a) => typeof a?.requestor !== 'boolean')) return 'AuditEvent.agent.requestor is required';
  if (!e.source?.observer) return 'AuditEvent.source.observer is required';
  return undefined;
}

const matchesIdentifier = (id: Identifier | undefined, token: string) => {
  const [system, value] = token.includes('|') ? (token.split('|', 2) as [string, string]) : [undefined, token];
  return id?.value === value && (system === undefined || system === '' || id?.system === system);
};

export function patientNhsNumber(e: AuditEvent): string | undefined {
  return e.entity?.find((x) => x.what?.identifier?.system === NHS_NUMBER_SYSTEM)?.what?.identifier?.value;
}

export function requestor(e: AuditEvent) {
  return e.agent.find((a) => a.requestor);
}

export function isOverride(e: AuditEvent): boolean {
  return (e.subtype ?? []).some((s) => s.code === '110127') || (e.agent ?? []).some((a) => (a.purposeOfUse ?? []).some((p) => p.coding?.some((c) => c.code === 'BTG')));
}

export class AuditStore {
  private readonly events: StoredAuditEvent[] = [];
  private next = 1;

  add(event: AuditEvent, receivedAt: Date): AuditEvent {
    const id = `ae-${String(this.next++).padStart(6, '0')}`;
    const stored: AuditEvent = { ...event, id, meta: { versionId: '1', lastUpdated: receivedAt.toISOString() } };
    this.events.push({ event: stored, receivedAt: receivedAt.toISOString() });
    return stored;
  }

  all(): StoredAuditEvent[] {
    return [...this.events];
  }

  clear(): void {
    this.events.length = 0;
  }

  byId(id: string): AuditEvent | undefined {
    return this.events.find((s) => s.event.id === id)?.event;
  }

  /** Throws for a parameter it does not support, as a FHIR server answers 400. */
  search(params: URLSearchParams): AuditEvent[] {
    let out = this.events.map((s) => s.event);
    for (const [key, value] of params) {
      if (key === '_count' || key === '_sort') continue;
      if (key === 'entity:identifier' || key === 'patient:identifier') {
        out = out.filter((e) => (e.entity ?? []).some((x) => matchesIdentifier(x.what?.identifier, value)));
      } else if (key === 'agent:identifier') {
        out = out.filter((e) => e.agent.some((a) => matchesIdentifier(a.who?.identifier, value)));
      } else if (key === 'agent') {
        out = out.filter((e) => e.agent.some((a) => a.who?.reference === value));
      } else if (key === 'subtype' || key === 'type') {
        out = out.filter((e) => (key === 'type' ? [e.type] : (e.subtype ?? [])).some((c) => matchesIdentifier({ system: c.system, value: c.code }, value)));
      } else if (key === 'outcome') {
        out = out.filter((e) => e.outcome === value);
      } else if (key === 'date') {
        const m = /^(ge|le|gt|lt)?(.+)$/.exec(value);
        const t = Date.parse(m?.[2] ?? '');
        if (Number.isNaN(t)) throw new Error(`date=${value} is not a date`);
        const cmp = m?.[1] ?? 'eq';
        out = out.filter((e) => {
          const r = Date.parse(e.recorded);
          return cmp === 'ge' ? r >= t : cmp === 'le' ? r <= t : cmp === 'gt' ? r > t : cmp === 'lt' ? r < t : e.recorded.startsWith(m?.[2] ?? '');
        });
      } else {
        throw new Error(`Unknown or unsupported search parameter "${key}" for AuditEvent`);
      }
    }
    return out;
  }
}
