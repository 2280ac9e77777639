import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppConfiguration, EndpointConfiguration } from '../../config/types';
import type { AuditSession } from '../../domain/audit/audit-types';
import { auditUser } from '../../domain/audit/audit-user';
import { mayOverride, mayReveal, rolePolicy, type RolePolicy } from '../../domain/policy/access-policy';
import type { OverrideReason } from '../../domain/policy/override';
import { purposeOfUse, type PermissionBasis, type PurposeOfUse } from '../../domain/policy/permission';
import type { RevealNote } from '../../domain/policy/shown-note';
import type { CareRecord } from '../../domain/records';
import { roleCategory, type RoleCategory } from '../../domain/role';
import type { FhirTransport } from '../../fhir/types';
import type { SmartSession } from '../../smart';
import type { EndpointAccess } from '../../smart/endpoint-access';
import { useAuditTrailState } from './api/use-audit-trail-state';
import { createAuditClient } from './audit-client';
import { launchReadActivity, serverOf } from './audit-servers';
import { createAuditTrail, type AuditTrail, type AuditTrailState } from './audit-trail';
import { auditedTransport } from './audited-transport';

export const APP_NAME = 'My Care Record viewer';

export interface GovernedViewingInput {
  session: Pick<SmartSession, 'iss' | 'fhirUser' | 'patientId'>;
  config: AppConfiguration;
  /** The audit service and the sign-in to it. */
  audit: { access: EndpointAccess; service: NonNullable<AppConfiguration['audit']> };
  /** The signed-in user's Practitioner and role, once read (undefined while loading). */
  user?: { practitioner?: Parameters<typeof auditUser>[0]['practitioner']; role?: Parameters<typeof roleCategory>[0] };
  nhsNumber: string;
  now: () => Date;
  /**
   * Called once the permission's AuditEvent has been handed to the browser, before it is
   * stored: where the record's queries start (governed-record.tsx). The trail
   * holds every event announced after the permission's until it is stored (recordFirst), so
   * the queries are prepared meanwhile and leave the moment it is, and never if it is not
   * (docs/adr/0013).
   */
  onBasisDecided?: (decided: DecidedBasis) => void;
}

/** A basis for viewing just decided, its storage in the audit trail under way, with what retrieval needs under it. */
export interface DecidedBasis {
  basis: PermissionBasis;
  /** The viewing's audit session, with the basis's purpose of use. */
  session: AuditSession;
  /** As GovernedViewing.audited, under this session: its queries wait for the permission's storage (the trail's barrier). */
  audited: GovernedViewing['audited'];
  /** The permission's storage: resolves once it is stored, rejects if it is not. */
  stored: Promise<void>;
}

/** An objection overridden this session: the reason from the list, the user's words, who and when. */
export interface OverrideNote {
  reason: OverrideReason;
  explanation: string;
  by: string;
  at: string;
}

/** The viewing decision and what follows from it, for the app to compose (docs/access-policy.md). */
export interface GovernedViewing {
  trail: AuditTrail;
  trailState: AuditTrailState;
  role: RoleCategory;
  policy: RolePolicy;
  /** The one rule (domain/policy/access-policy.ts) applied to this user. */
  mayReveal: boolean;
  mayOverride: boolean;
  auditSession: AuditSession;
  /** The basis recorded for this viewing; undefined until it is stored in the audit trail. */
  basis?: PermissionBasis;
  /** Stores the basis (with the launch read) in the audit trail, then sets it. */
  recordBasis(basis: PermissionBasis): Promise<void>;
  /** After an audit failure: a new trail, and the basis asked (and recorded) again. */
  tryAgain(): void;
  revealed: ReadonlyMap<string, RevealNote>;
  overrides: ReadonlyMap<string, OverrideNote>;
  /** Records the emergency override in the audit trail, then marks that organisation overridden. */
  override(endpointId: string, reason: OverrideReason, explanation: string): Promise<void>;
  /** Records the reveal (with each item) in the audit trail, then marks those items revealed. */
  reveal(endpointId: string, explanation: string, records: CareRecord[]): Promise<void>;
  /**
   * Signs in to the audit service and sends an empty batch, so that its connection and CORS
   * preflight are paid while the user decides (docs/adr/0005). Never throws.
   */
  warmAudit(): Promise<void>;
  /** An endpoint's transport whose every query is audited (IHE BALP) before its answer is used. */
  audited(endpoint: EndpointConfiguration, purpose: PurposeOfUse, plain: (headers: Record<string, string>) => FhirTransport): FhirTransport;
}

/**
 * The governed viewing's state and rules in one place: the audit trail (a new one after a
 * failure), the basis for viewing, the reveals and overrides of this session, and who may
 * do what. Fails closed: once the trail fails, every FHIR query in flight is cancelled and
 * every answer dropped from memory.
 */
export function useGovernedViewing({ session, config, audit, user, nhsNumber, now, onBasisDecided }: GovernedViewingInput): GovernedViewing {
  const queryClient = useQueryClient();
  const newTrail = () => {
    const client = createAuditClient({ baseUrl: audit.service.fhirBaseUrl, access: audit.access, timeoutMs: audit.service.timeoutMs });
    return { auditClient: client, trail: createAuditTrail({ client, now }) };
  };
  const [{ trail, auditClient }, setTrail] = useState(newTrail);
  const trailState = useAuditTrailState(trail);
  const [basis, setBasis] = useState<PermissionBasis>();
  const [overrides, setOverrides] = useState<ReadonlyMap<string, OverrideNote>>(new Map());
  const [revealed, setRevealed] = useState<ReadonlyMap<string, RevealNote>>(new Map());
  const basisDecided = useRef(onBasisDecided);
  basisDecided.current = onBasisDecided;

  // Fail closed: stop what is in flight and drop every answer from memory.
  useEffect(() => {
    if (trailState.state !== 'failed') return;
    void queryClient.cancelQueries({ queryKey: ['fhir'] });
    queryClient.removeQueries({ queryKey: ['fhir'] });
  }, [trailState, queryClient]);

  // Stable per audit client, so a caller's effect warms once per trail (as before the move).
  const warmAudit = useCallback(() => auditClient.warm(), [auditClient]);

  const role = roleCategory(user?.role);
  const policy = useMemo(() => rolePolicy(config.policy, role), [config.policy, role]);
  const auditSession = useMemo((): AuditSession => {
    const launchEndpoint = config.endpoints.find((e) => e.fhirBaseUrl.replace(/\/+$/, '') === session.iss.replace(/\/+$/, ''));
    return {
      user: auditUser({ fhirUser: session.fhirUser, practitioner: user?.practitioner, role: user?.role, iss: session.iss, organisationOdsCode: launchEndpoint?.odsCode }),
      app: { clientId: config.clientId, name: APP_NAME, address: window.location.origin },
      patient: { nhsNumber },
      purposeOfUse: basis ? purposeOfUse(basis) : 'TREAT',
    };
  }, [config, session.iss, session.fhirUser, user?.practitioner, user?.role, nhsNumber, basis]);

  return useMemo((): GovernedViewing => {
    const auditedUnder = (s: AuditSession): GovernedViewing['audited'] => (endpoint, purpose, plain) => auditedTransport({ plain, trail, session: s, server: serverOf(endpoint), purpose });
    const allowedToReveal = mayReveal(role, policy);
    const allowedToOverride = mayOverride(role, policy);
    return {
      trail,
      trailState,
      role,
      policy,
      mayReveal: allowedToReveal,
      mayOverride: allowedToOverride,
      auditSession,
      ...(basis ? { basis } : {}),
      async recordBasis(b) {
        const decided = { ...auditSession, purposeOfUse: purposeOfUse(b) };
        // The permission first, a barrier: what is announced after it is written only once it is stored.
        const { sent, stored } = trail.recordFirst(decided, [{ kind: 'permission', basis: b }, launchReadActivity(config, session)]);
        stored.catch(() => undefined);
        // Its request leaves before the queries are prepared, so that their work does not delay it.
        await sent;
        try {
          basisDecided.current?.({ basis: b, session: decided, audited: auditedUnder(decided), stored });
        } catch {
          // Only a head start: the record's view starts the same queries when it is drawn.
        }
        await stored;
        setBasis(b);
      },
      tryAgain() {
        setBasis(undefined);
        setOverrides(new Map());
        setRevealed(new Map());
        setTrail(newTrail());
      },
      revealed,
      overrides,
      async override(endpointId, reason, explanation) {
        const endpoint = config.endpoints.find((e) => e.id === endpointId);
        if (!endpoint || !allowedToOverride) throw new Error('This override is not allowed');
        await trail.record(auditSession, [{ kind: 'override', server: serverOf(endpoint), reason, explanation }]);
        setOverrides((prev) => new Map(prev).set(endpointId, { reason, explanation, by: auditSession.user.name ?? 'you', at: now().toISOString() }));
      },
      async reveal(endpointId, explanation, records) {
        const endpoint = config.endpoints.find((e) => e.id === endpointId);
        if (!endpoint || !allowedToReveal) throw new Error('This reveal is not allowed');
        const items = records.map((r) => `${endpoint.fhirBaseUrl}/${r.original.resourceType}/${r.original.id ?? ''}`);
        await trail.record(auditSession, [{ kind: 'reveal', server: serverOf(endpoint), explanation, items }]);
        const note: RevealNote = { by: auditSession.user.name ?? 'you', at: now().toISOString(), reason: explanation };
        setRevealed((prev) => {
          const next = new Map(prev);
          for (const r of records) next.set(r.key, note);
          return next;
        });
      },
      warmAudit,
      audited: auditedUnder(auditSession),
    };
    // newTrail closes over props that make a trail; the trail itself is state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trail, warmAudit, trailState, role, policy, auditSession, basis, revealed, overrides, config, session, now]);
}
