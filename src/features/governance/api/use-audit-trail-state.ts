import { useSyncExternalStore } from 'react';
import type { AuditTrail, AuditTrailState } from '../audit-trail';

const OK: AuditTrailState = { state: 'ok' };
const noTrail = () => () => undefined;

/** The trail's state for rendering: a failure anywhere re-renders whoever hides the record. */
export function useAuditTrailState(trail: AuditTrail | undefined): AuditTrailState {
  return useSyncExternalStore(trail?.subscribe ?? noTrail, trail?.current ?? (() => OK));
}
