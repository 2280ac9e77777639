import { useId, useState, type FormEvent } from 'react';
import { useFocusIdOnMount } from '../../../components/focus-on-mount';
import { ErrorSummary, RadioGroup, TextareaField, type FieldError } from '../../../components/form-parts';
import { checkExplanation, isOverrideReason, OVERRIDE_REASON_TEXT, OVERRIDE_REASONS, type OverrideReason } from '../../../domain/policy/override';

export interface OverrideFormProps {
  organisationName: string;
  /** Writes the emergency override to the audit trail; resolves once it is stored. */
  onOverride: (reason: OverrideReason, explanation: string) => Promise<void>;
  onCancel: () => void;
  /** What the override does, when it is not one organisation's objection (the register cannot be read). */
  intro?: string;
  submitText?: string;
}

/**
 * The emergency override of a patient's objection: a reason from the fixed list and the
 * user's own words, both required; recorded in the audit trail (DICOM 110127, purpose of
 * use BTG) before anything of that organisation is retrieved. NHS design system radios,
 * textarea, error summary linked to its fields, and buttons.
 */
export function OverrideForm({ organisationName, onOverride, onCancel, intro, submitText = 'Override the objection' }: OverrideFormProps) {
  const id = useId().replace(/:/g, '');
  const [reason, setReason] = useState<OverrideReason>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  // The first reason: the form took the place of the button that opened it.
  useFocusIdOnMount(`${id}-reason-0`);
  const reasonError = errors.find((e) => e.fieldId === `${id}-reason-0`)?.message;
  const textError = errors.find((e) => e.fieldId === `${id}-text`)?.message;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const explanation = checkExplanation(text);
    const found: FieldError[] = [];
    if (!isOverrideReason(reason)) found.push({ fieldId: `${id}-reason-0`, message: 'Choose a reason' });
    if (!explanation.ok) found.push({ fieldId: `${id}-text`, message: explanation.problem });
    setErrors(found);
    if (found.length > 0 || !isOverrideReason(reason) || !explanation.ok) return;
    setBusy(true);
    try {
      await onOverride(reason, explanation.text);
    } catch {
      setBusy(false);
    }
  };
  return (
    <form className="governance-form" aria-label={`Override the objection to ${organisationName}`} onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={errors} attempt={attempt} />
      <p>
        {intro ??
          `Only in an emergency: ${organisationName}’s records will be shown for this session, each marked as shown under an emergency override. ` +
            'Your name, the reason and your words are recorded and reviewed by the privacy officer.'}
      </p>
      <RadioGroup
        id={`${id}-reason`}
        name={`${id}-reason`}
        legend="Reason"
        options={OVERRIDE_REASONS.map((r) => ({ value: r, label: OVERRIDE_REASON_TEXT[r] }))}
        value={reason}
        onChange={setReason}
        error={reasonError}
        disabled={busy}
      />
      <TextareaField
        id={`${id}-text`}
        label="Why this is needed now"
        hint="In your own words, at least 10 characters. The privacy officer reads this."
        value={text}
        onChange={setText}
        error={textError}
        disabled={busy}
      />
      <div className="governance-actions">
        <button type="submit" className="nhsuk-button nhsuk-button--warning" disabled={busy}>
          {busy ? 'Recording…' : submitText}
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
