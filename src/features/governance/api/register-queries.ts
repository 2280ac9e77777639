/**
 * The region's objection register, read once per viewing after the permission is
 * recorded: the patient's active objections (FHIR Consent), searched by NHS number with
 * the `:identifier` modifier on the `patient` reference (FHIR R4 search.html#reference),
 * since the register holds no Patient resources of its own. The answer lives in memory
 * only, like every clinical answer.
 */
import { queryOptions } from '@tanstack/react-query';
import type { Consent, FhirResource } from 'fhir/r4';
import { withTimeoutFrom } from '../../../fhir';
import type { FhirTransport } from '../../../fhir/types';
import type { EndpointAccess } from '../../../smart/endpoint-access';
import { endpointTransport } from '../../../smart/endpoint-transport';
import { REGISTER_SERVICE_ID } from '../../../smart/governance-accesses';
import type { ServiceConfiguration } from '../../../config/types';
import type { AuditSession } from '../../../domain/audit/audit-types';
import type { AuditTrail } from '../audit-trail';
import { auditedTransport } from '../audited-transport';
import { consentPatient, incompleteObjectionAnswer } from '../../../domain/policy/objection';
import { searchOnce } from './search-once';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

export function registerSearch(nhsNumber: string): string {
  return `Consent?patient:identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${nhsNumber}`)}&status=active&_count=200`;
}

/**
 * The Consents the register returned for this NHS number, less any that name a different
 * one (domain/policy consentPatient): one that names its patient only by reference, or by
 * a number written with spaces or without a system, is kept: losing an objection is the
 * harm (hazard log H4).
 */
function aboutPatient(nhsNumber: string) {
  return (r: FhirResource): r is Consent => r.resourceType === 'Consent' && consentPatient(r, nhsNumber) !== 'other';
}

export class RegisterUnavailable extends Error {
  override readonly name = 'RegisterUnavailable';
}

export interface RegisterQueryDeps {
  nhsNumber: string;
  access: EndpointAccess;
  /** Audited (audited-transport.ts). */
  transport: FhirTransport;
  timeoutMs: number;
  /** Whether the register takes a batch (its probe, sent while the user read the question): search-once.ts. */
  batch?: () => Promise<boolean>;
  /** When the time limit starts to count (the permission's storage, where the check starts before it: ADR 0013). */
  timedFrom?: Promise<unknown>;
}

export const registerQueries = {
  consents: ({ nhsNumber, access, transport, timeoutMs, batch, timedFrom }: RegisterQueryDeps) =>
    queryOptions({
      queryKey: ['fhir', 'objection-register', 'Consent', nhsNumber] as const,
      queryFn: async ({ signal }) => {
        const auth = await access.authorise().catch(() => ({ state: 'failed' as const, reason: '' }));
        if (auth.state !== 'authorised') throw new RegisterUnavailable('The viewer could not sign in to the objection register');
        try {
          const s = withTimeoutFrom(signal, timeoutMs, timedFrom);
          const path = registerSearch(nhsNumber);
          const found = await searchOnce(transport, path, { signal: s, ...(batch ? { batch } : {}), leftOut: 'The objection register left the search out of its answer' });
          // An answer that says it is not all of them is no answer (fail closed).
          const incomplete = incompleteObjectionAnswer(found, 'The objection register');
          if (incomplete) throw new RegisterUnavailable(incomplete);
          return found.resources.filter(aboutPatient(nhsNumber));
        } catch (e) {
          if (e instanceof RegisterUnavailable) throw e;
          const reason = (e as { reason?: unknown } | null)?.reason;
          throw new RegisterUnavailable(typeof reason === 'string' ? reason : 'The objection register could not be reached', { cause: e });
        }
      },
      retry: false,
      // Started when the permission is stored, before its gate is drawn: a quick failure is
      // shown with "Try again", not asked again because the gate mounted after it.
      retryOnMount: false,
      staleTime: Infinity,
      gcTime: 5 * 60_000,
      refetchOnWindowFocus: false,
    }),
};

/** A register that neither answers nor fails must not leave the record waiting for ever. */
function withinTime<T>(work: Promise<T>, ms: number, from: Promise<unknown> = Promise.resolve()): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  const late = new Promise<never>((_r, reject) => {
    const start = () => {
      if (!done) timer = setTimeout(() => reject(new RegisterUnavailable(`The objection register did not answer within ${Math.round(ms / 1000)} seconds`)), ms);
    };
    from.then(start, start);
  });
  late.catch(() => undefined);
  return Promise.race([work, late]).finally(() => {
    done = true;
    clearTimeout(timer);
  });
}

export const REGISTER_SERVER = (baseUrl: string) => ({ endpointId: REGISTER_SERVICE_ID, name: 'Objection register', baseUrl });

export interface RegisterCheckDeps {
  service: ServiceConfiguration;
  access: EndpointAccess;
  nhsNumber: string;
  trail: AuditTrail;
  /** The viewing's audit session, with the purpose of use of the recorded basis. */
  session: AuditSession;
  /** Whether the register takes a batch, from the app's cached probe of it (search-once.ts). */
  registerBatch?: (transport: FhirTransport) => Promise<boolean>;
  /** When its time limits start to count: the permission's storage, where the check starts before it (ADR 0013). */
  timedFrom?: Promise<unknown>;
}

/**
 * The register's query, audited like every query, within its own time limit and a little
 * for signing in: one definition for the gate that shows its outcome and for the start of
 * retrieval in the task that stores the permission (the same key, so one request).
 */
export function registerCheck({ service, access, nhsNumber, trail, session, registerBatch, timedFrom }: RegisterCheckDeps) {
  const transport = auditedTransport({
    plain: (headers) => endpointTransport(service, access, { headers }),
    trail,
    session,
    server: REGISTER_SERVER(service.fhirBaseUrl),
    purpose: session.purposeOfUse,
  });
  const limit = service.timeoutMs + 5_000;
  const o = registerQueries.consents({
    nhsNumber, access, transport, timeoutMs: service.timeoutMs,
    batch: () => (registerBatch ? registerBatch(transport) : Promise.resolve(false)),
    ...(timedFrom ? { timedFrom } : {}),
  });
  type Fn = (ctx: unknown) => Promise<Consent[]>;
  const run = o.queryFn as unknown as Fn;
  return { transport, options: { ...o, queryFn: ((ctx: unknown) => withinTime(Promise.resolve(run(ctx)), limit, timedFrom)) as unknown as typeof o.queryFn } };
}
