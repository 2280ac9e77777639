/**
 * The order of the summary's sections for who is looking. Alerts always come first: a
 * warning in force (safeguarding, allergy, DNACPR) matters to everyone before they act.
 * A social worker plans care, so care plans and contacts come before medicines; a
 * clinician prescribes and examines, so medicines come before contacts and plans. An
 * unknown role gets the clinical order, which is the order the record has always had.
 * Pure: the role comes in, the order goes out.
 */
import type { RoleCategory } from './role';

export type SectionId = 'alerts' | 'medications' | 'encounters' | 'care-plans';

const CLINICAL: readonly SectionId[] = ['alerts', 'medications', 'encounters', 'care-plans'];
const SOCIAL_CARE: readonly SectionId[] = ['alerts', 'care-plans', 'encounters', 'medications'];

/** Every section exactly once, in reading order for this role category. */
export function sectionOrder(role: RoleCategory): SectionId[] {
  return [...(role === 'social-care' ? SOCIAL_CARE : CLINICAL)];
}
