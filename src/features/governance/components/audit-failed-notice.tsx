import { ErrorNotice } from '../../../components/states';

/**
 * Fail closed: the record is hidden because an access could not be recorded. Says what
 * happened and what to do; `reason` is the audit client's plain reason (no URL, no token).
 */
export function AuditFailedNotice({ reason }: { reason: string }) {
  return (
    <ErrorNotice title="The record is hidden: this viewing could not be recorded in the audit trail">
      {`Every access to a shared record must be recorded, so nothing more is shown. ${reason}. ` +
        'Open the record again from your clinical system; if this keeps happening, contact your IT service desk.'}
    </ErrorNotice>
  );
}
