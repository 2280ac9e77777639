import { useId, useState, type FormEvent } from 'react';
import { ErrorSummary, RadioGroup } from '../../../components/form-parts';
import { PERMISSION_TEXT, permissionQuestion, type PermissionBasis } from '../../../domain/policy/permission';
import type { RoleCategory } from '../../../domain/role';

export interface PermissionFormProps {
  /** Records the decision in the audit trail; resolves once it is stored. */
  onRecord: (basis: PermissionBasis) => Promise<void>;
  /** Still finding out who is signed in: the decision cannot be recorded yet. */
  waiting?: boolean;
  /** The patient has died: no permission question; the bases the access policy allows instead. */
  deceased?: boolean;
  /** The user's role: some bases are a clinician's only (domain/policy/permission.ts). */
  role: RoleCategory;
  /** The audit service needs an interactive sign-in first: the decision could not be recorded yet. */
  auditSignInNeeded?: boolean;
}

/**
 * The question asked before anything is retrieved from other organisations: on what
 * basis is the record being viewed? Nothing is preselected: the user must choose. The
 * decision is written to the audit trail first; only once it is stored does the record
 * load (or, if the patient refused, nothing does). NHS design system radios, hint and
 * error summary.
 */
export function PermissionForm({ onRecord, waiting = false, deceased = false, role, auditSignInNeeded = false }: PermissionFormProps) {
  const question = permissionQuestion(deceased, role);
  const headingId = useId();
  const id = useId().replace(/:/g, '');
  const [basis, setBasis] = useState<PermissionBasis>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    if (!basis) {
      setProblem('Choose why you are viewing this record');
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
      <ErrorSummary errors={problem ? [{ fieldId: `${id}-basis-0`, message: problem }] : []} attempt={attempt} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <RadioGroup
          id={`${id}-basis`}
          name="permission"
          legend={question.legend}
          hint="Records from other organisations are not retrieved until you record why you are viewing them. Your answer is recorded in the audit trail."
          options={question.bases.map((b) => ({ value: b, label: PERMISSION_TEXT[b] }))}
          value={basis}
          onChange={setBasis}
          error={problem}
          disabled={busy}
        />
        <button type="submit" className="nhsuk-button" disabled={busy || waiting || auditSignInNeeded}>
          {busy ? 'Recording…' : waiting ? 'Checking who is signed in…' : auditSignInNeeded ? 'Sign in to the audit service first' : 'Record and continue'}
        </button>
      </form>
    </section>
  );
}
