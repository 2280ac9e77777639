/**
 * What each kind of user may do with protected information: the access policy of
 * docs/access-policy.md, set in the runtime configuration (`policy`) with these defaults.
 * Three rules are not configurable, because the product promises them: very restricted
 * (V) items are never shown to anyone, social-care roles never see sensitive items, and a
 * role the viewer does not recognise gets the most cautious treatment (domain/role.ts).
 */
import type { RoleCategory } from '../role';

/** What a role may reveal with a reason: nothing, or items labelled restricted / sensitive. */
export type RevealLevel = 'none' | 'restricted';

export interface RolePolicy {
  reveal: RevealLevel;
  /** May override a patient's objection (an emergency override, purpose of use BTG). */
  overrideObjection: boolean;
  /**
   * Kinds of organisation (the endpoint's `kind`: `mental-health`, `sexual-health`…) whose
   * very involvement is sensitive for this role: such a source is not named to it, nothing
   * of it is shown or counted, and the strip says only that some information is not shown
   * to this role. Absent: the default for the role.
   */
  conceal?: readonly string[];
}

export type AccessPolicy = Record<RoleCategory, RolePolicy>;

/** The role categories a deployer may configure; `unknown` is fixed at the most cautious. */
export type ConfigurableRole = Exclude<RoleCategory, 'unknown'>;
export const CONFIGURABLE_ROLES: readonly ConfigurableRole[] = ['clinical', 'social-care'];

/** What the configuration may say: per configurable role category, the policy for it. */
export type AccessPolicyConfiguration = Partial<Record<ConfigurableRole, RolePolicy>>;

/**
 * Clinicians may reveal restricted items and override an objection in an emergency;
 * social workers and unrecognised roles may do neither (the NHS Summary Care Record's
 * emergency access is likewise limited to clinical roles).
 */
export const SENSITIVE_INVOLVEMENT: readonly string[] = ['mental-health', 'sexual-health'];

export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  clinical: { reveal: 'restricted', overrideObjection: true, conceal: [] },
  'social-care': { reveal: 'none', overrideObjection: false, conceal: SENSITIVE_INVOLVEMENT },
  unknown: { reveal: 'none', overrideObjection: false, conceal: SENSITIVE_INVOLVEMENT },
};

/**
 * The endpoints whose involvement is concealed from this role (docs/access-policy.md §4):
 * those of a kind the role's policy conceals. Decided from the configuration alone, never
 * from what a source returned, so that the concealment itself discloses nothing.
 */
export function concealedEndpoints(endpoints: readonly { id: string; kind?: string }[], policy: RolePolicy): Set<string> {
  const kinds = new Set(policy.conceal ?? []);
  return new Set(endpoints.filter((e) => e.kind !== undefined && kinds.has(e.kind)).map((e) => e.id));
}

/** May this user reveal restricted items (with a reason)? The one statement of the rule. */
export function mayReveal(role: RoleCategory, policy: RolePolicy): boolean {
  return role === 'clinical' && policy.reveal === 'restricted';
}

/** May this user override a patient's objection in an emergency? The one statement of the rule. */
export function mayOverride(role: RoleCategory, policy: RolePolicy): boolean {
  return role !== 'unknown' && policy.overrideObjection;
}

/** The policy for one role category, with the fixed rules applied whatever was configured. */
export function rolePolicy(policy: Partial<AccessPolicy> | undefined, role: RoleCategory): RolePolicy {
  if (role === 'unknown') return DEFAULT_ACCESS_POLICY.unknown;
  const chosen = policy?.[role] ?? DEFAULT_ACCESS_POLICY[role];
  return {
    reveal: role === 'social-care' ? 'none' : chosen.reveal,
    overrideObjection: chosen.overrideObjection,
    conceal: chosen.conceal ?? DEFAULT_ACCESS_POLICY[role].conceal ?? [],
  };
}
