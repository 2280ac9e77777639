import { ErrorNotice } from '../../../components/states';

/**
 * Fail closed: the record is hidden because an access could not be recorded. Says what
 * happened and what to do; `reason` is the audit client's plain reason (no URL, no token),
 * kept for support staff. "Try again" starts again from the basis for viewing, which is
 * recorded first, so nothing is shown before the audit service takes writes again.
 */
export function AuditFailedNotice({ reason, onRetry }: { reason: string; onRetry?: () => void }) {
  return (
    <ErrorNotice
      title="The record is hidden: this viewing could not be recorded in the audit trail"
      technical={reason}
      focus
      action={
        onRetry && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRetry}>
            Try again
          </button>
        )
      }
    >
      {'Every access to a shared record must be recorded, and the audit service did not accept it, so nothing more is shown. ' +
        'Try again in a few minutes: you will be asked for the basis for viewing again. If this keeps happening, contact your IT service desk.'}
    </ErrorNotice>
  );
}
