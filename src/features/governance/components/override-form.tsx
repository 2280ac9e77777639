import { useId, useState, type FormEvent } from 'react';
import { checkExplanation, isOverrideReason, OVERRIDE_REASON_TEXT, OVERRIDE_REASONS, type OverrideReason } from '../../../domain/policy/override';

export interface OverrideFormProps {
  organisationName: string;
  /** Writes the emergency override to the audit trail; resolves once stored. */
  onOverride: (reason: OverrideReason, explanation: string) => Promise<void>;
  onCancel: () => void;
  /** What the override does, when it is not one organisation's objection (the register cannot be read). */
  intro?: string;
  submitText?: string;
}

/**
 * The emergency override of a patient's objection: a reason from the fixed list and the
 * user's own words, both required; recorded in the audit trail (DICOM 110127, purpose of
 * use BTG) before anything of that organisation is retrieved.
 */
export function OverrideForm({ organisationName, onOverride, onCancel, intro, submitText = 'Override the objection' }: OverrideFormProps) {
  const id = useId();
  const [reason, setReason] = useState<OverrideReason | ''>('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const explanation = checkExplanation(text);
    if (!isOverrideReason(reason)) return setProblem('Choose a reason');
    if (!explanation.ok) return setProblem(explanation.problem);
    setBusy(true);
    setProblem(undefined);
    try {
      await onOverride(reason, explanation.text);
    } catch {
      setBusy(false);
    }
  };
  return (
    <form className="governance-form" aria-label={`Override the objection to ${organisationName}`} onSubmit={(e) => void submit(e)}>
      <p>
        {intro ??
          `Only in an emergency: ${organisationName}’s records will be shown for this session, each marked as shown under an emergency override. ` +
            'Your name, the reason and your words are recorded and reviewed by the privacy officer.'}
      </p>
      <label htmlFor={`${id}-reason`}>Reason</label>
      <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as OverrideReason)} disabled={busy}>
        <option value="">Choose a reason</option>
        {OVERRIDE_REASONS.map((r) => (
          <option key={r} value={r}>
            {OVERRIDE_REASON_TEXT[r]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-text`}>Why this is needed now</label>
      <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={1000} disabled={busy} />
      {problem && <p className="governance-problem" role="alert">{problem}</p>}
      <div className="governance-actions">
        <button type="submit" disabled={busy}>{busy ? 'Recording…' : submitText}</button>{' '}
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
