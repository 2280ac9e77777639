/**
 * What the merged record needs from the governance of a viewing: the retrieval contract
 * (objection register, overrides, purpose of use, audited transport), who is looking and
 * what the access policy lets them do, and the two audited actions (override, reveal).
 * Built by governed-record.tsx; merged-record.tsx renders with it.
 */
import type { OverrideReason } from '../domain/policy/override';
import type { RolePolicy } from '../domain/policy/access-policy';
import type { CareRecord } from '../domain/records';
import type { RevealNote } from '../domain/policy/shown-note';
import type { RoleCategory } from '../domain/role';
import type { SourceStatus } from '../domain/source-status';
import type { SourceGovernance } from '../features/sources';
import type { ObjectedOrganisation, OverrideNote } from '../features/governance';
import type { CombinedSources } from '../features/sources/api/combine-sources';
import type { OpenDocument } from '../features/documents';

export interface RecordGovernance {
  sources: SourceGovernance;
  role: RoleCategory;
  policy: RolePolicy;
  /**
   * Whether the role's policy leaves some configured organisations out (their involvement
   * is sensitive for this role): the record says so, whichever organisations it was given.
   */
  someConcealed?: boolean;
  /** The items (by record key) the user revealed this session, with who, when and why. */
  revealed: ReadonlyMap<string, RevealNote>;
  /** Objections overridden this session, by endpoint: the reason, the user's words, who and when. */
  overrides: ReadonlyMap<string, OverrideNote>;
  /** Records the emergency override in the audit trail, then retrieves that organisation. */
  override(endpointId: string, reason: OverrideReason, explanation: string): Promise<void>;
  /** Records the reveal (with the items) in the audit trail, then shows them, marked. */
  reveal(endpointId: string, explanation: string, records: CareRecord[]): Promise<void>;
  /** Fetches a document's content, audited before it is shown (app/open-document.ts). */
  openDocument?: OpenDocument;
}

/** Every organisation the patient objected to, overridden or not, in configuration order. */
export function objectedOrganisations(
  sources: SourceStatus[],
  objections: CombinedSources['objections'],
  overrides: RecordGovernance['overrides'],
): ObjectedOrganisation[] {
  return sources.flatMap((s): ObjectedOrganisation[] => {
    const found = objections[s.endpointId];
    const heldBy = s.status.state === 'objected' ? s.status.heldBy : [...new Set(found?.objections.map((o) => o.heldBy) ?? [])];
    if (heldBy.length === 0) return [];
    const override = overrides.get(s.endpointId);
    const unplaced = [...new Set((found?.objections ?? []).flatMap((o) => (o.unplaced ? [o.unplaced] : [])))];
    return [{
      endpointId: s.endpointId, organisationName: s.organisationName, heldBy,
      ...(unplaced.length > 0 ? { unplaced } : {}),
      ...(override ? { override: { reason: override.reason } } : {}),
    }];
  });
}
