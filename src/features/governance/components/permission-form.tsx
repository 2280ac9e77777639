import { useId, useState, type FormEvent } from 'react';
import { PERMISSION_TEXT, permissionQuestion, type PermissionBasis } from '../../../domain/policy/permission';

export interface PermissionFormProps {
  /** Records the decision in the audit trail; resolves once it is stored. */
  onRecord: (basis: PermissionBasis) => Promise<void>;
  /** Still finding out who is signed in: the decision cannot be recorded yet. */
  waiting?: boolean;
  /** The patient has died: the answers are the access policy's reasons to view after death. */
  deceased?: boolean;
}

/**
 * The question asked before anything is retrieved from other organisations: on what
 * basis is the record being viewed? Nothing is preselected: the user must choose. The
 * decision is written to the audit trail first; only once it is stored does the record
 * load (or, if the patient refused, nothing does).
 */
export function PermissionForm({ onRecord, waiting = false, deceased = false }: PermissionFormProps) {
  const question = permissionQuestion(deceased);
  const headingId = useId();
  const [basis, setBasis] = useState<PermissionBasis>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!basis) {
      setProblem('Choose one of the options');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await onRecord(basis);
    } catch {
      setBusy(false); // the audit notice takes over the page; this only re-enables the form underneath
    }
  };
  return (
    <section className="governance-permission" aria-labelledby={headingId}>
      <h2 id={headingId}>Permission to view</h2>
      <p>Records from other organisations are not retrieved until you record why you are viewing them. Your answer is recorded in the audit trail.</p>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{question.legend}</legend>
          {question.bases.map((b) => (
            <label key={b} className="governance-option">
              <input type="radio" name="permission" value={b} checked={basis === b} onChange={() => setBasis(b)} disabled={busy} />{' '}
              {PERMISSION_TEXT[b]}
            </label>
          ))}
        </fieldset>
        {problem && <p className="governance-problem" role="alert">{problem}</p>}
        <button type="submit" disabled={busy || waiting}>
          {busy ? 'Recording…' : waiting ? 'Checking who is signed in…' : 'Record and continue'}
        </button>
      </form>
    </section>
  );
}
