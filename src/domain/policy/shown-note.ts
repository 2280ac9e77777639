/**
 * Who showed an item that policy withholds by default, when and why: kept with each
 * revealed or overridden item so the mark on screen can say so (docs/access-policy.md).
 */
export interface RevealNote {
  /** The user's name as the audit trail holds it, or "you". */
  by: string;
  /** ISO 8601 instant the reveal or override was recorded. */
  at: string;
  /** The user's own words. */
  reason: string;
}
