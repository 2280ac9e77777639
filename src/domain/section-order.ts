/**
 * The order of the summary's sections for who is looking. Alerts always come first: a
 * warning in force (safeguarding, allergy, DNACPR) matters to everyone before they act.
 * A social worker plans care, so care plans and contacts come before medicines; a
 * clinician prescribes and examines, so medicines come before contacts and plans. An
 * unknown role gets the clinical order, which is the order the record has always had.
 * Problems follow alerts for a clinician (the context of every medicine). Who is involved
 * (the named GP, care coordinator, key worker, carer, next of kin) is what a social worker
 * looks for first, so it leads for social care and closes the clinical order. Resuscitation
 * decisions are shown above every section whatever the order (record-sections.tsx).
 * Pure: the role comes in, the order goes out.
 */
import type { RoleCategory } from './role';

export type SectionId = 'alerts' | 'problems' | 'medications' | 'encounters' | 'care-plans' | 'involvement';

const CLINICAL: readonly SectionId[] = ['alerts', 'problems', 'medications', 'encounters', 'care-plans', 'involvement'];
const SOCIAL_CARE: readonly SectionId[] = ['involvement', 'alerts', 'care-plans', 'encounters', 'problems', 'medications'];

/** Every section exactly once, in reading order for this role category. */
export function sectionOrder(role: RoleCategory): SectionId[] {
  return [...(role === 'social-care' ? SOCIAL_CARE : CLINICAL)];
}
