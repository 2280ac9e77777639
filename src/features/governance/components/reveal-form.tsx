import { useId, useState, type FormEvent } from 'react';
import { useFocusIdOnMount } from '../../../components/focus-on-mount';
import { ErrorSummary, TextareaField, type FieldError } from '../../../components/form-parts';
import { checkExplanation } from '../../../domain/policy/override';

export interface RevealFormProps {
  organisationName: string;
  count: number;
  onReveal: (explanation: string) => Promise<void>;
  onCancel: () => void;
}

/**
 * Revealing restricted items needs the user's reason, which is recorded in the audit
 * trail first. NHS design system textarea, hint, error summary and buttons.
 */
export function RevealForm({ organisationName, count, onReveal, onCancel }: RevealFormProps) {
  const id = useId().replace(/:/g, '');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  useFocusIdOnMount(`${id}-text`);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const explanation = checkExplanation(text);
    if (!explanation.ok) return setErrors([{ fieldId: `${id}-text`, message: explanation.problem }]);
    setErrors([]);
    setBusy(true);
    try {
      await onReveal(explanation.text);
    } catch {
      setBusy(false);
    }
  };
  return (
    <form className="governance-form" aria-label={`Reveal restricted items from ${organisationName}`} onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={errors} attempt={attempt} />
      <TextareaField
        id={`${id}-text`}
        label={`Why do you need to see ${count === 1 ? 'this restricted item' : `these ${count} restricted items`}?`}
        hint="At least 10 characters. Your reason is recorded in the audit trail and reviewed by the privacy officer."
        value={text}
        onChange={setText}
        error={errors[0]?.message}
        rows={2}
        disabled={busy}
      />
      <div className="governance-actions">
        <button type="submit" className="nhsuk-button" disabled={busy}>
          {busy ? 'Recording…' : 'Reveal'}
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
