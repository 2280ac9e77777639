import { useId, useState } from 'react';
import { OVERRIDE_REASON_TEXT, type OverrideReason } from '../../../domain/policy/override';
import { useReturnFocus } from '../../../components/focus-on-mount';
import { OverrideForm } from './override-form';

export interface ObjectedOrganisation {
  endpointId: string;
  organisationName: string;
  /** Where the objection was found. */
  heldBy: ('register' | 'organisation')[];
  /** Why an objection the viewer could not place is treated as covering this organisation. */
  unplaced?: string[];
  /** Set once the user has overridden it (this session only). */
  override?: { reason: OverrideReason };
}

export interface ObjectionNoticeProps {
  organisations: ObjectedOrganisation[];
  mayOverride: boolean;
  onOverride: (endpointId: string, reason: OverrideReason, explanation: string) => Promise<void>;
}

const where = (heldBy: ObjectedOrganisation['heldBy']) =>
  heldBy.length === 2 ? 'on the objection register and by the organisation' : heldBy[0] === 'register' ? 'on the objection register' : 'by the organisation';

/**
 * The banner that says the patient objected: which organisations, that nothing of theirs
 * is shown, and (for a role the access policy allows) the emergency override.
 */
export function ObjectionNotice({ organisations, mayOverride, onOverride }: ObjectionNoticeProps) {
  const headingId = useId();
  const [open, setOpen] = useState<string>();
  // The organisation whose override form was cancelled: focus goes back to its button.
  const [returnTo, setReturnTo] = useState<string>();
  const opener = useReturnFocus<HTMLButtonElement>();
  if (organisations.length === 0) return null;
  return (
    <section className="governance-objections" aria-labelledby={headingId}>
      <h2 id={headingId}>Patient objections</h2>
      <ul>
        {organisations.map((o) => (
          <li key={o.endpointId}>
            {o.override ? (
              <p>
                <strong>{o.organisationName}</strong>
                {`: the patient objected to sharing these records. You overrode the objection (${OVERRIDE_REASON_TEXT[o.override.reason]}); its records are shown for this session, each marked.`}
              </p>
            ) : (
              <p>
                <strong>{o.organisationName}</strong>
                {`: the patient has objected to sharing these records (recorded ${where(o.heldBy)}). Nothing from this organisation is shown.`}
              </p>
            )}
            {(o.unplaced ?? []).map((u) => (
              <p key={u} className="governance-muted">{`${u}.`}</p>
            ))}
            {!o.override && mayOverride && open !== o.endpointId && (
              <button type="button" ref={returnTo === o.endpointId ? opener.ref : undefined} onClick={() => setOpen(o.endpointId)} aria-label={`Override the objection to ${o.organisationName}`}>
                Override in an emergency
              </button>
            )}
            {!o.override && mayOverride && open === o.endpointId && (
              <OverrideForm
                organisationName={o.organisationName}
                onOverride={async (reason, explanation) => {
                  await onOverride(o.endpointId, reason, explanation);
                  setOpen(undefined);
                }}
                onCancel={() => {
                  setReturnTo(o.endpointId);
                  opener.returnFocus();
                  setOpen(undefined);
                }}
              />
            )}
            {!o.override && !mayOverride && <p className="governance-muted">Your role may not override an objection.</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
