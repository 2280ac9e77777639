/**
 * Whether one item may be shown to this user now (docs/access-policy.md). Pure.
 */
import type { RoleCategory } from '../role';
import { mayReveal, type RolePolicy } from './access-policy';
import type { SensitivityClass } from './security-labels';

export type ItemAccess =
  /** Shown as any other item. */
  | 'shown'
  /** Shown because the user revealed this source's restricted items (marked as such). */
  | 'shown-revealed'
  /** Withheld; this user may reveal it with a reason. */
  | 'withheld-revealable'
  /** Withheld, and this user can never see it (very restricted, or not for this role). */
  | 'withheld';

/**
 * V is never shown; a social-care or unknown role never sees a restricted or sensitive
 * item; a role the policy lets reveal sees it only after revealing (with a reason).
 */
export function itemAccess(cls: SensitivityClass, role: RoleCategory, policy: RolePolicy, revealed: boolean): ItemAccess {
  if (cls === 'none') return 'shown';
  if (cls === 'very-restricted') return 'withheld';
  if (!mayReveal(role, policy)) return 'withheld';
  return revealed ? 'shown-revealed' : 'withheld-revealable';
}
