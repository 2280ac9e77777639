import { useState } from 'react';
import { useReturnFocus } from '../../../components/focus-on-mount';
import { OVERRIDE_REASON_TEXT, type OverrideReason } from '../../../domain/policy/override';
import { RevealForm } from './reveal-form';
import { withheldText, withheldWhy } from './withheld-text';

export interface SourceGovernanceNoteProps {
  organisationName: string;
  /** Withheld here by the viewer (revealable or never) and by the server (suppressed issues). */
  withheld: { revealable: number; never: number; server: number };
  mayReveal: boolean;
  revealed: boolean;
  onReveal: (explanation: string) => Promise<void>;
  /** Set when this organisation's records are shown under an emergency override. */
  override?: { reason: OverrideReason };
}

/**
 * The governance part of one organisation's line in the status strip: how many items are
 * withheld and why ("2 items withheld"), the reveal for a role allowed it, and a note
 * when what is shown came under an emergency override. Text only: no server strings.
 */
export function SourceGovernanceNote({ organisationName, withheld, mayReveal, revealed, onReveal, override }: SourceGovernanceNoteProps) {
  const [open, setOpen] = useState(false);
  const opener = useReturnFocus<HTMLButtonElement>();
  const total = withheld.revealable + withheld.never + withheld.server;
  const canReveal = mayReveal && withheld.revealable > 0;
  return (
    <>
      {override && (
        <p className="source-note governance-override-note">{`Shown under an emergency override (${OVERRIDE_REASON_TEXT[override.reason]}) for this session only.`}</p>
      )}
      {revealed && <p className="source-note governance-reveal-note">Restricted items revealed by you for this session, each marked.</p>}
      {total > 0 && (
        <p className="source-note governance-withheld">
          <strong>{withheldText(total)}</strong>
          {` (${withheldWhy(withheld, mayReveal)})`}
        </p>
      )}
      {canReveal && !open && (
        <button type="button" ref={opener.ref} onClick={() => setOpen(true)} aria-label={`Reveal restricted items from ${organisationName}`}>
          Reveal restricted items
        </button>
      )}
      {canReveal && open && (
        <RevealForm
          organisationName={organisationName}
          count={withheld.revealable}
          onReveal={async (text) => {
            await onReveal(text);
            setOpen(false);
          }}
          onCancel={() => {
            opener.returnFocus();
            setOpen(false);
          }}
        />
      )}
    </>
  );
}
