import { useId, useState, type FormEvent } from 'react';
import { checkExplanation } from '../../../domain/policy/override';

export interface RevealFormProps {
  organisationName: string;
  count: number;
  onReveal: (explanation: string) => Promise<void>;
  onCancel: () => void;
}

/** Revealing restricted items needs the user's reason, which is recorded in the audit trail first. */
export function RevealForm({ organisationName, count, onReveal, onCancel }: RevealFormProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const explanation = checkExplanation(text);
    if (!explanation.ok) return setProblem(explanation.problem);
    setBusy(true);
    setProblem(undefined);
    try {
      await onReveal(explanation.text);
    } catch {
      setBusy(false);
    }
  };
  return (
    <form className="governance-form" aria-label={`Reveal restricted items from ${organisationName}`} onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-text`}>{`Why do you need to see ${count === 1 ? 'this restricted item' : `these ${count} restricted items`}?`}</label>
      <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={1000} disabled={busy} />
      {problem && <p className="governance-problem" role="alert">{problem}</p>}
      <div className="governance-actions">
        <button type="submit" disabled={busy}>{busy ? 'Recording…' : 'Reveal'}</button>{' '}
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
